namespace PressDeck.Core.Query;

/// <summary>Why a query was refused (QUERY-LANGUAGE.md section 5).</summary>
/// <param name="Message">Names the problem, in words a press officer understands.</param>
/// <param name="Position">1-based position, in characters (Unicode code points), where the problem was found.</param>
public sealed record QueryError(string Message, int Position);

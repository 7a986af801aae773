using PressDeck.Core.Posts;

namespace PressDeck.Data.Sqlite.Archive;

/// <summary>
/// What SQL can rule out before the evaluator runs: an FTS5 MATCH expression and plain column filters, each implied by
/// the query (every post the query matches passes them), so narrowing never loses a match. Null parts narrow nothing.
/// </summary>
internal sealed record FtsNarrowing(string? MatchExpression, IReadOnlyList<Network>? Networks, string? AuthorHandle)
{
    public static FtsNarrowing None { get; } = new(null, null, null);
}

namespace PressDeck.Connectors.X;

/// <summary>A post of a response that could not be read: its 1-based position in <c>data</c>, its id when known, and why.</summary>
public sealed record XRefusal(int Index, string? TweetId, string Reason);

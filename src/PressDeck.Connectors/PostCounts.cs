namespace PressDeck.Connectors;

/// <summary>How far a post has spread, as its network counts it: reposts (boosts, retweets), quotes and replies.</summary>
public sealed record PostCounts(int Reposts, int Quotes, int Replies);

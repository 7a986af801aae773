namespace PressDeck.Monitoring.Feeds;

/// <summary>What adding a feed did: the feed and what its first read found, or why it was not added.</summary>
public sealed record NewsFeedAddResult(NewsFeedView? Feed, string? Error, int ItemsRead = 0, string? Latest = null);

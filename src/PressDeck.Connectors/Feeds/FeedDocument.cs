namespace PressDeck.Connectors.Feeds;

/// <summary>
/// A feed document as read, before its items become posts. Text fields hold what the feed sent (HTML where feeds send
/// HTML); addresses are as written, not yet resolved or checked. <paramref name="Recovery"/> says what was repaired to
/// read it (feedparser's "bozo"), or is null for a clean document. <paramref name="TimeToLive"/> is RSS <c>ttl</c>.
/// </summary>
public sealed record FeedDocument(
    FeedFormat Format,
    string? Title,
    string? Link,
    string? Language,
    TimeSpan? TimeToLive,
    IReadOnlyList<FeedEntry> Entries,
    string? Recovery);

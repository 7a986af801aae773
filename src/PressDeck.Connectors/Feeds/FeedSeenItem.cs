namespace PressDeck.Connectors.Feeds;

/// <summary>An item a poll has delivered: its post's remote id and, when the feed dates edits, the last edit delivered.</summary>
public sealed record FeedSeenItem(string RemoteId, DateTime? EditedAt);

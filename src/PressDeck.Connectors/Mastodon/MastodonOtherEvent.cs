namespace PressDeck.Connectors.Mastodon;

/// <summary>An event PressDeck does not monitor (<c>filters_changed</c>, announcements, conversations, <c>notifications_merged</c>, newer ones).</summary>
public sealed record MastodonOtherEvent(string EventName) : MastodonStreamEvent;

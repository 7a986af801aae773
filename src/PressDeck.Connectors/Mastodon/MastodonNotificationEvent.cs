namespace PressDeck.Connectors.Mastodon;

/// <summary>A notification of the token's account (user stream), or one read over REST.</summary>
public sealed record MastodonNotificationEvent(MastodonNotification Notification) : MastodonStreamEvent;

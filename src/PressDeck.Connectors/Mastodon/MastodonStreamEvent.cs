namespace PressDeck.Connectors.Mastodon;

/// <summary>One event from a Mastodon stream (protocols.md 2.8), or from the REST timeline that fills the stream's gaps or stands in for it.</summary>
public abstract record MastodonStreamEvent;

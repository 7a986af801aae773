namespace PressDeck.Connectors.Mastodon;

/// <summary>A frame, line or item that could not be read, with the reason; the stream goes on after it.</summary>
public sealed record MastodonRefusedEvent(string Reason) : MastodonStreamEvent;

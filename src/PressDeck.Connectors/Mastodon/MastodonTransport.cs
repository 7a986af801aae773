namespace PressDeck.Connectors.Mastodon;

/// <summary>How the streaming API is reached (protocols.md 2.8).</summary>
public enum MastodonTransport
{
    /// <summary>One WebSocket at <c>/api/v1/streaming</c>, subscribed with a <c>subscribe</c> message.</summary>
    WebSocket,

    /// <summary>Server-sent events (<c>text/event-stream</c>) at <c>/api/v1/streaming/&lt;stream&gt;</c>.</summary>
    ServerSentEvents,
}

using System.Net;

namespace PressDeck.Connectors.Mastodon;

/// <summary>
/// The server offers no streaming to this client (it answered 401, 403, 404, 405, 501… or would not upgrade to a
/// WebSocket or an event stream): retrying will not help, so the source falls back to polling the REST timeline.
/// </summary>
public sealed class MastodonStreamingUnavailableException(string message, HttpStatusCode? statusCode) : Exception(message)
{
    public HttpStatusCode? StatusCode { get; } = statusCode;
}

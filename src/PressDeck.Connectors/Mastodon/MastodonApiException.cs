using System.Net;

namespace PressDeck.Connectors.Mastodon;

/// <summary>
/// A Mastodon server refused or failed a request, or could not be reached. <see cref="Exception.Message"/> says so in
/// words for the admin page (with the server's own <c>{"error": …}</c> text); <see cref="RetryAfter"/> is the wait the
/// server asked for (<c>Retry-After</c>, or <c>X-RateLimit-Reset</c> when the limit is spent).
/// </summary>
public sealed class MastodonApiException(string message, HttpStatusCode? statusCode = null, TimeSpan? retryAfter = null, Exception? inner = null)
    : HttpRequestException(message, inner, statusCode)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;

    public bool IsRateLimited => StatusCode == HttpStatusCode.TooManyRequests;
}

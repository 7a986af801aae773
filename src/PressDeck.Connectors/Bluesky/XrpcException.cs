using System.Net;

namespace PressDeck.Connectors.Bluesky;

/// <summary>
/// An XRPC call answered with an error (protocols.md 1.2): <see cref="Error"/> is the machine name to match on
/// (e.g. <c>AuthenticationRequired</c>, <c>RateLimitExceeded</c>), and the message says in words what went wrong.
/// </summary>
public sealed class XrpcException(string method, HttpStatusCode status, string error, string? detail, TimeSpan? retryAfter)
    : HttpRequestException(Describe(method, status, error, detail), inner: null, status)
{
    public string Error { get; } = error;

    /// <summary>The server's own <c>message</c>, when it sent one.</summary>
    public string? Detail { get; } = detail;

    /// <summary>How long the server asked to wait before trying again (429 and its rate-limit headers), if it said.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;

    private static string Describe(string method, HttpStatusCode status, string error, string? detail)
    {
        var code = (int)status;
        var words = error switch
        {
            "AuthenticationRequired" or "AuthenticationFailed" => "Bluesky did not accept the handle and app password",
            "AccountTakedown" => "Bluesky has taken this account down",
            "AuthFactorTokenRequired" => "this account signs in with an emailed code; create an app password in Bluesky's settings and use that instead",
            "RateLimitExceeded" => "Bluesky asked PressDeck to slow down",
            "ExpiredToken" or "InvalidToken" => "the Bluesky session has expired",
            _ => $"{method} failed with {error}",
        };
        return detail is { Length: > 0 } && !string.Equals(detail, error, StringComparison.Ordinal)
            ? $"{words} ({code}: {detail})"
            : $"{words} ({code})";
    }
}

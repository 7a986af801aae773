using System.Globalization;
using System.Net;

namespace PressDeck.Connectors.X;

/// <summary>
/// The X API refused a call. <see cref="Exception.Message"/> is a clear sentence built from the problems in the body
/// (protocols.md 3.9); <see cref="RetryAfter"/> is the wait the response asked for (429 with its reset header).
/// </summary>
public sealed class XApiException : HttpRequestException
{
    public XApiException(string operation, HttpStatusCode status, IReadOnlyList<XProblem> problems, TimeSpan? retryAfter)
        : base(Compose(operation, status, problems), inner: null, status)
    {
        Problems = problems;
        RetryAfter = retryAfter;
    }

    public XApiException()
        : this("X API call", HttpStatusCode.InternalServerError, [], null)
    {
    }

    public XApiException(string message)
        : base(message)
    {
        Problems = [];
    }

    public XApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [];
    }

    public IReadOnlyList<XProblem> Problems { get; }

    public TimeSpan? RetryAfter { get; }

    public bool IsRateLimited => StatusCode == HttpStatusCode.TooManyRequests;

    private static string Compose(string operation, HttpStatusCode status, IReadOnlyList<XProblem> problems)
    {
        var code = ((int)status).ToString(CultureInfo.InvariantCulture);
        var meaning = status switch
        {
            HttpStatusCode.Unauthorized => "the token was refused",
            HttpStatusCode.Forbidden => "the app or account may not do this (tier, project or scope)",
            HttpStatusCode.NotFound => "not found",
            HttpStatusCode.Conflict => "the stream has no rules",
            HttpStatusCode.TooManyRequests => "rate limited",
            >= HttpStatusCode.InternalServerError => "X is failing",
            _ => "the request was refused",
        };
        return problems.Count == 0
            ? $"{operation} answered {code} ({meaning})"
            : $"{operation} answered {code} ({meaning}): {string.Join("; ", problems.Select(problem => problem.Describe()))}";
    }
}

using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace PressDeck.Connectors.Net;

/// <summary>
/// How long a source waits before trying again: exponential back-off with jitter after a failure, or exactly what
/// the network asked for through <c>Retry-After</c> or its rate-limit reset header (protocols.md: Bluesky's
/// <c>RateLimit-Reset</c> in epoch seconds, Mastodon's <c>X-RateLimit-Reset</c> as an ISO 8601 instant, X's
/// <c>x-rate-limit-reset</c> in epoch seconds).
/// </summary>
public static class RetryDelay
{
    /// <summary>The longest wait a network's header can impose; a stranger value is capped, so a source never sleeps for days.</summary>
    public static readonly TimeSpan MaximumRequested = TimeSpan.FromHours(1);

    /// <summary>
    /// Exponential back-off from <paramref name="initial"/>, doubled per consecutive failure up to <paramref name="maximum"/>,
    /// with jitter in the upper half so that many clients cut off at once do not come back at once.
    /// </summary>
    public static TimeSpan Backoff(TimeSpan initial, TimeSpan maximum, int failures)
    {
        var exponential = initial.TotalMilliseconds * Math.Pow(2, Math.Clamp(failures - 1, 0, 20));
        var capped = Math.Min(exponential, maximum.TotalMilliseconds);
#pragma warning disable CA5394 // Jitter needs no cryptographic randomness.
        return TimeSpan.FromMilliseconds(capped * (0.5 + (Random.Shared.NextDouble() / 2)));
#pragma warning restore CA5394
    }

    /// <summary>
    /// The wait a response asks for: <c>Retry-After</c> (seconds or a date), else a rate-limit reset header when the
    /// response is a 429 or says no requests remain. Null when the response asks for nothing.
    /// </summary>
    public static TimeSpan? Requested(HttpResponseMessage response, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.Headers.RetryAfter is { } retryAfter && FromRetryAfter(retryAfter, now) is { } wait)
        {
            return Cap(wait);
        }

        var exhausted = response.StatusCode == HttpStatusCode.TooManyRequests
            || Header(response, "x-rate-limit-remaining", "X-RateLimit-Remaining", "RateLimit-Remaining") == "0";
        if (!exhausted || Header(response, "x-rate-limit-reset", "X-RateLimit-Reset", "RateLimit-Reset") is not { } reset)
        {
            return null;
        }

        if (long.TryParse(reset, NumberStyles.None, CultureInfo.InvariantCulture, out var epochSeconds))
        {
            return Cap(DateTimeOffset.FromUnixTimeSeconds(Math.Min(epochSeconds, 253402300799)) - now);
        }

        return DateTimeOffset.TryParse(reset, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            ? Cap(instant - now)
            : null;
    }

    private static TimeSpan? FromRetryAfter(RetryConditionHeaderValue retryAfter, DateTimeOffset now) =>
        retryAfter.Delta ?? (retryAfter.Date is { } date ? date - now : null);

    private static TimeSpan Cap(TimeSpan wait) =>
        wait < TimeSpan.Zero ? TimeSpan.Zero : wait > MaximumRequested ? MaximumRequested : wait;

    private static string? Header(HttpResponseMessage response, params string[] names)
    {
        foreach (var name in names)
        {
            if (response.Headers.TryGetValues(name, out var values) && values.FirstOrDefault() is { } value)
            {
                return value.Trim();
            }
        }

        return null;
    }
}

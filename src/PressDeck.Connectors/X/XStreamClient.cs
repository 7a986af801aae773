using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PressDeck.Connectors.Net;

namespace PressDeck.Connectors.X;

/// <summary>
/// Follows the X filtered stream (protocols.md 3.3): one long-lived <c>GET /2/tweets/search/stream</c> whose body
/// is one JSON object per line with a blank keep-alive line at least every 20 s. Each line is read as it arrives
/// (never assuming a chunk is a line, never holding more than <see cref="MaxLineBytes"/> of one) and handed on read.
/// After any interruption it reconnects by itself: a dropped connection, silence longer than the read timeout or an
/// operational-disconnect notice back off briefly; HTTP errors from 5 s doubling; a 429 waits until
/// <c>x-rate-limit-reset</c> (state <see cref="SourceActivity.RateLimited"/>). Garbage lines are refused one by
/// one and never stop the stream. The stream has no cursor: what is missed while disconnected comes back through
/// <c>backfill_minutes</c> (higher tiers) or a recent search from the last id seen. One reader at a time.
/// </summary>
public sealed partial class XStreamClient(HttpClient http, IOptions<XOptions> options, TimeProvider time, ILogger<XStreamClient> logger)
{
    /// <summary>Longer lines are refused (a post with every expansion is a few kilobytes).</summary>
    public const int MaxLineBytes = 1024 * 1024;

    private const int MaxErrorBodyBytes = 64 * 1024;

    private SourceState _state = new(SourceActivity.Stopped, time.GetUtcNow());

    /// <summary>What the client is doing now.</summary>
    public SourceState State => Volatile.Read(ref _state);

    /// <summary>How many times a connection was established (an answer of 200).</summary>
    public int Connections { get; private set; }

    /// <summary>Why the last connection failed or ended, or null when none has.</summary>
    public string? LastFailure { get; private set; }

    /// <summary>Yields every line of the stream until <paramref name="cancellationToken"/> is cancelled, reconnecting as needed.</summary>
    public async IAsyncEnumerable<XStreamItem> ReadAsync(IXTokenSource token, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        var settings = options.Value;
        int networkFailures = 0, httpFailures = 0, rateLimits = 0;
        var refreshToken = false;
        var buffer = new byte[16 * 1024];
        var lines = new List<NdjsonLine>();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                SetState(SourceActivity.Connecting, null, null);
                using var readTimeout = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, readTimeout.Token);
                var address = StreamAddress(settings, reconnecting: Connections > 0);
                HttpResponseMessage? response = null;
                string? failure = null;
                TimeSpan? requestedWait = null;
                var kind = FailureKind.Network;
                try
                {
                    readTimeout.CancelAfter(settings.StreamReadTimeout);
                    using var request = new HttpRequestMessage(HttpMethod.Get, address);
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await token.GetTokenAsync(refreshToken, linked.Token));
                    response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
                    refreshToken = false;
                    if (!response.IsSuccessStatusCode)
                    {
                        var problems = XProblem.ReadAll(await ReadErrorBodyAsync(response, linked.Token));
                        failure = new XApiException("the filtered stream", response.StatusCode, problems, null).Message;
                        kind = response.StatusCode == HttpStatusCode.TooManyRequests ? FailureKind.RateLimit : FailureKind.Http;
                        requestedWait = RetryDelay.Requested(response, time.GetUtcNow());
                        refreshToken = response.StatusCode == HttpStatusCode.Unauthorized;
                    }
                }
                catch (Exception exception) when (exception is HttpRequestException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    failure = Describe(exception, "connecting");
                }

                var linesThisConnection = 0;
                if (failure is null && response is not null)
                {
                    Connections++;
                    SetState(SourceActivity.Connected, null, null);
                    LogConnected(address);
                    var splitter = new NdjsonLineSplitter(MaxLineBytes);
                    Stream? body = null;
                    try
                    {
                        body = await response.Content.ReadAsStreamAsync(linked.Token);
                    }
                    catch (Exception exception) when (exception is HttpRequestException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
                    {
                        failure = Describe(exception, "reading");
                    }

                    while (failure is null && body is not null)
                    {
                        lines.Clear();
                        try
                        {
                            readTimeout.CancelAfter(settings.StreamReadTimeout);
                            var read = await body.ReadAsync(buffer, linked.Token);
                            if (read == 0)
                            {
                                splitter.Finish(lines);
                                failure = "X ended the stream";
                            }
                            else
                            {
                                splitter.Add(buffer.AsSpan(0, read), lines);
                            }
                        }
                        catch (Exception exception) when (exception is HttpRequestException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
                        {
                            failure = Describe(exception, "reading");
                        }

                        foreach (var line in lines)
                        {
                            var item = Read(line);
                            linesThisConnection++;
                            if (item.RefusedBecause is { } refused)
                            {
                                LogLineRefused(line.Number, refused);
                            }
                            else if (item.Result!.IsDisconnectNotice)
                            {
                                // X closes the connection after this notice; reconnect rather than wait for it.
                                failure = "X disconnected the stream: " + string.Join("; ", item.Result.Problems.Select(problem => problem.Describe()));
                            }

                            yield return item;
                        }
                    }

                    if (body is not null)
                    {
                        await body.DisposeAsync();
                    }
                }

                response?.Dispose();
                if (cancellationToken.IsCancellationRequested)
                {
                    break;
                }

                // A connection that delivered lines was healthy: the back-off starts again from the beginning.
                if (linesThisConnection > 0)
                {
                    (networkFailures, httpFailures, rateLimits) = (0, 0, 0);
                }

                var delay = kind switch
                {
                    FailureKind.RateLimit => requestedWait ?? RetryDelay.Backoff(settings.RateLimitInitialBackoff, settings.RateLimitMaximumBackoff, ++rateLimits),
                    FailureKind.Http => requestedWait ?? RetryDelay.Backoff(settings.HttpInitialBackoff, settings.HttpMaximumBackoff, ++httpFailures),
                    _ => RetryDelay.Backoff(settings.NetworkInitialBackoff, settings.NetworkMaximumBackoff, ++networkFailures),
                };
                LastFailure = failure;
                var retryAt = time.GetUtcNow() + delay;
                SetState(kind == FailureKind.RateLimit ? SourceActivity.RateLimited : SourceActivity.Reconnecting, failure, retryAt);
                LogReconnecting(failure ?? "unknown", delay.TotalSeconds);
                try
                {
                    await Task.Delay(delay, time, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
        finally
        {
            SetState(SourceActivity.Stopped, null, null);
        }
    }

    /// <summary>The stream's address with PressDeck's fields and expansions, and <c>backfill_minutes</c> when reconnecting.</summary>
    public static Uri StreamAddress(XOptions settings, bool reconnecting)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var query = XFields.Query;
        if (reconnecting && settings.StreamBackfillMinutes > 0)
        {
            query += "&backfill_minutes=" + settings.StreamBackfillMinutes.ToString(CultureInfo.InvariantCulture);
        }

        return new Uri(settings.ApiUrl, "/2/tweets/search/stream?" + query);
    }

    private XStreamItem Read(NdjsonLine line)
    {
        if (line.IsTooLong)
        {
            return XStreamItem.Refused($"a line longer than {MaxLineBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes");
        }

        // Utf8 is set on every line that is not too long.
        return XTweetReader.TryRead(line.Utf8!, out var result, out var error, time.GetUtcNow().UtcDateTime)
            ? new XStreamItem(result, null)
            : XStreamItem.Refused(error!);
    }

    private static async Task<byte[]> ReadErrorBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[MaxErrorBodyBytes];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }

        return buffer[..length];
    }

    private static string Describe(Exception exception, string doing) => exception switch
    {
        OperationCanceledException => $"nothing from X within the read timeout while {doing}",
        HttpRequestException { InnerException: { } inner } => $"{exception.Message} ({inner.Message})",
        _ => exception.Message,
    };

    private void SetState(SourceActivity activity, string? error, DateTimeOffset? retryAt) =>
        Volatile.Write(ref _state, new SourceState(activity, time.GetUtcNow(), error, retryAt));

    [LoggerMessage(EventId = 4301, Level = LogLevel.Information, Message = "X filtered stream connected: {Address}")]
    private partial void LogConnected(Uri address);

    [LoggerMessage(EventId = 4302, Level = LogLevel.Warning, Message = "X filtered stream interrupted ({Reason}); reconnecting in {Seconds:F1} s")]
    private partial void LogReconnecting(string reason, double seconds);

    [LoggerMessage(EventId = 4303, Level = LogLevel.Debug, Message = "X filtered stream line {Line} refused: {Reason}")]
    private partial void LogLineRefused(long line, string reason);

    private enum FailureKind
    {
        Network,
        Http,
        RateLimit,
    }
}

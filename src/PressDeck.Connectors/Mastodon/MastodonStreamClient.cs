using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;
using Microsoft.Extensions.Logging;
using PressDeck.Connectors.Net;

namespace PressDeck.Connectors.Mastodon;

/// <summary>
/// Follows one Mastodon stream (protocols.md 2.8) over a WebSocket or server-sent events and hands on its events as
/// they arrive. After any interruption (a dropped connection, a server error, a connection that shows no sign of life
/// within the read timeout) it reconnects by itself with exponential back-off and jitter, or waits as long as a 429
/// asks (state <see cref="SourceActivity.RateLimited"/>). Mastodon's streams do not replay what was missed, so on every
/// connection after the first status it fetches the gap from the matching REST timeline (<c>min_id</c> =
/// <see cref="LastStatusId"/>) before handing on the stream. Garbage is refused frame by frame and the stream goes on.
/// When the server offers no streaming at all it throws <see cref="MastodonStreamingUnavailableException"/> (see
/// <see cref="MastodonLiveReader"/>, which then polls). One reader at a time.
/// </summary>
public sealed partial class MastodonStreamClient(HttpClient http, MastodonServerOptions server, MastodonStreamOptions options, TimeProvider time, ILogger<MastodonStreamClient> logger)
{
    private readonly MastodonApiClient _api = new(http, server, time);
    private SourceState _state = new(SourceActivity.Stopped, time.GetUtcNow());
    private string? _lastStatusId;
    private string? _lastNotificationId;

    /// <summary>What the client is doing now.</summary>
    public SourceState State => Volatile.Read(ref _state);

    /// <summary>How many times a connection was (re)established.</summary>
    public int Connections { get; private set; }

    /// <summary>Why the last connection failed or ended, or null when none has.</summary>
    public string? LastFailure { get; private set; }

    /// <summary>The newest status id this server has shown on the stream or in a gap: the resume point to store.</summary>
    public string? LastStatusId => Volatile.Read(ref _lastStatusId);

    /// <summary>The newest notification id seen on a user stream (resume the notifications API after it).</summary>
    public string? LastNotificationId => Volatile.Read(ref _lastNotificationId);

    /// <summary>The remote ids of the statuses read, for the deletes, which name the server's id only.</summary>
    public MastodonStatusIds StatusIds { get; } = new();

    /// <summary>
    /// Yields every event until <paramref name="cancellationToken"/> is cancelled. <paramref name="resumeAfterStatusId"/>
    /// is the stored <see cref="LastStatusId"/> of an earlier run: the first connection then fills the gap since it too.
    /// </summary>
    public async IAsyncEnumerable<MastodonStreamEvent> ReadAsync(MastodonTimeline timeline, string? resumeAfterStatusId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        if (resumeAfterStatusId is not null && !MastodonId.IsValid(resumeAfterStatusId))
        {
            throw new ArgumentException($"\"{resumeAfterStatusId}\" is not a Mastodon id.", nameof(resumeAfterStatusId));
        }

        Volatile.Write(ref _lastStatusId, MastodonId.Max(_lastStatusId, resumeAfterStatusId));
        var failures = 0;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                SetState(SourceActivity.Connecting, null, null);
                var attempt = await ConnectAsync(timeline, cancellationToken);
                if (attempt.Unavailable is { } unavailable)
                {
                    LastFailure = unavailable.Message;
                    LogUnavailable(server.ServerHost, unavailable.Message);
                    throw unavailable;
                }

                var failure = attempt.Failure;
                var requested = attempt.RequestedWait;
                var delivered = 0;
                await using (var connection = attempt.Connection)
                {
                    if (connection is not null)
                    {
                        Connections++;
                        SetState(SourceActivity.Connected, null, null);
                        LogConnected(server.ServerHost, timeline, options.Transport);
                        if (options.MaxGapPages > 0 && LastStatusId is { } after)
                        {
                            var gap = await FillGapAsync(timeline, after, cancellationToken);
                            if (gap.Failure is not null)
                            {
                                (failure, requested) = (gap.Failure, gap.RequestedWait);
                            }

                            foreach (var gapEvent in gap.Events)
                            {
                                delivered++;
                                yield return gapEvent;
                            }
                        }

                        while (failure is null)
                        {
                            var (streamEvent, readFailure) = await connection.ReceiveAsync(cancellationToken);
                            if (streamEvent is null)
                            {
                                failure = readFailure ?? "the stream ended";
                                break;
                            }

                            Track(streamEvent);
                            delivered++;
                            yield return streamEvent;
                        }
                    }
                }

                if (cancellationToken.IsCancellationRequested)
                {
                    break;
                }

                // A connection that delivered something was healthy: start the back-off again from the beginning.
                failures = delivered > 0 ? 1 : failures + 1;
                LastFailure = failure;
                var delay = requested ?? RetryDelay.Backoff(options.InitialBackoff, options.MaximumBackoff, failures);
                SetState(requested is null ? SourceActivity.Reconnecting : SourceActivity.RateLimited, failure, time.GetUtcNow() + delay);
                LogReconnecting(server.ServerHost, failure ?? "", delay.TotalSeconds);
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

    /// <summary>The WebSocket address: the streaming host (or the server) at <c>/api/v1/streaming</c>, ws:// or wss://.</summary>
    public Uri WebSocketAddress()
    {
        var root = options.StreamingUrl ?? server.BaseUrl;
        var secure = root.Scheme is "https" or "wss";
        return new UriBuilder(root) { Scheme = secure ? "wss" : "ws", Port = root.IsDefaultPort ? -1 : root.Port, Path = "/api/v1/streaming", Query = "" }.Uri;
    }

    /// <summary>The server-sent events address of <paramref name="timeline"/> on the streaming host (or the server), http:// or https://.</summary>
    public Uri ServerSentEventsAddress(MastodonTimeline timeline)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var root = options.StreamingUrl ?? server.BaseUrl;
        var secure = root.Scheme is "https" or "wss";
        var origin = new UriBuilder(root) { Scheme = secure ? "https" : "http", Port = root.IsDefaultPort ? -1 : root.Port, Path = "/", Query = "" }.Uri;
        return new Uri(origin, timeline.ServerSentEventsPath);
    }

    private void Track(MastodonStreamEvent streamEvent)
    {
        switch (streamEvent)
        {
            case MastodonStatusEvent { IsEdit: false } status:
                Volatile.Write(ref _lastStatusId, MastodonId.Max(_lastStatusId, status.Status.Id));
                break;
            case MastodonNotificationEvent notification:
                Volatile.Write(ref _lastNotificationId, MastodonId.Max(_lastNotificationId, notification.Notification.Id));
                break;
        }
    }

    private async Task<GapResult> FillGapAsync(MastodonTimeline timeline, string after, CancellationToken cancellationToken)
    {
        MastodonBatch<MastodonStatus> batch;
        try
        {
            batch = await _api.GetTimelineAfterAsync(timeline, after, MastodonApiClient.MaxTimelineLimit, options.MaxGapPages, cancellationToken);
        }
        catch (MastodonApiException exception) when (!cancellationToken.IsCancellationRequested)
        {
            return new GapResult([], $"filling the gap: {exception.Message}", exception.IsRateLimited ? exception.RetryAfter ?? options.InitialBackoff : exception.RetryAfter);
        }

        var events = new List<MastodonStreamEvent>(batch.Refusals.Count + batch.Items.Count);
        events.AddRange(batch.Refusals.Select(reason => new MastodonRefusedEvent(reason)));
        foreach (var status in batch.Items)
        {
            StatusIds.Learn(status.Id, status.Post.RemoteId);
            Volatile.Write(ref _lastStatusId, MastodonId.Max(_lastStatusId, status.Id));
            events.Add(new MastodonStatusEvent(status, false, FromRest: true));
        }

        LogGapFilled(server.ServerHost, batch.Items.Count, after);
        return new GapResult(events, null, null);
    }

    private async Task<ConnectAttempt> ConnectAsync(MastodonTimeline timeline, CancellationToken cancellationToken)
    {
        using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        connectTimeout.CancelAfter(options.ReadTimeout);
        try
        {
            return options.Transport == MastodonTransport.WebSocket
                ? await ConnectWebSocketAsync(timeline, connectTimeout.Token)
                : await ConnectServerSentEventsAsync(timeline, connectTimeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ConnectAttempt.Failed("no answer within the read timeout while connecting", null);
        }
        catch (HttpRequestException exception)
        {
            return ConnectAttempt.Failed(Describe(exception), null);
        }
    }

    private async Task<ConnectAttempt> ConnectWebSocketAsync(MastodonTimeline timeline, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;

        // Mastodon pings every 30 s, but a client only sees pings inside its own reads: its own pings, and a pong
        // that must come back in time, are what show that a quiet stream is still alive.
        socket.Options.KeepAliveInterval = options.ReadTimeout / 3;
        socket.Options.KeepAliveTimeout = options.ReadTimeout / 3;
        if (!string.IsNullOrEmpty(server.AccessToken))
        {
            socket.Options.SetRequestHeader("Authorization", "Bearer " + server.AccessToken);
        }

        var address = WebSocketAddress();
        try
        {
            await socket.ConnectAsync(address, http, cancellationToken);
            await socket.SendAsync(Encoding.UTF8.GetBytes(timeline.SubscribeMessage()), WebSocketMessageType.Text, true, cancellationToken);
            return ConnectAttempt.Connected(new WebSocketConnection(socket, server.ServerHost, StatusIds));
        }
        catch (Exception exception) when (exception is WebSocketException or HttpRequestException or IOException or OperationCanceledException)
        {
            var status = socket.HttpStatusCode;
            var headers = socket.HttpResponseHeaders;
            socket.Dispose();
            if (exception is OperationCanceledException)
            {
                return ConnectAttempt.Failed("no answer within the read timeout while connecting", null);
            }

            return Classify(status, headers, address, Describe(exception));
        }
    }

    private async Task<ConnectAttempt> ConnectServerSentEventsAsync(MastodonTimeline timeline, CancellationToken cancellationToken)
    {
        var address = ServerSentEventsAddress(timeline);
        using var request = new HttpRequestMessage(HttpMethod.Get, address);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        _api.Authorize(request);
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        try
        {
            if (!response.IsSuccessStatusCode)
            {
                var headers = response.Headers.ToDictionary(header => header.Key, header => header.Value, StringComparer.OrdinalIgnoreCase);
                return Classify(response.StatusCode, headers, address, null);
            }

            if (response.Content.Headers.ContentType?.MediaType is not "text/event-stream")
            {
                return ConnectAttempt.NotOffered(new MastodonStreamingUnavailableException(
                    $"{server.ServerHost} answered {address.AbsolutePath} with {response.Content.Headers.ContentType?.MediaType ?? "no content type"}, not an event stream: it offers no streaming.",
                    response.StatusCode));
            }

            var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var connection = new ServerSentEventsConnection(response, stream, options.ReadTimeout, server.ServerHost, StatusIds);
            response = null;
            return ConnectAttempt.Connected(connection);
        }
        finally
        {
            response?.Dispose();
        }
    }

    private ConnectAttempt Classify(HttpStatusCode status, IReadOnlyDictionary<string, IEnumerable<string>>? headers, Uri address, string? failure)
    {
        var code = (int)status;
        if (code == 0)
        {
            return ConnectAttempt.Failed(failure ?? "the connection failed", null);
        }

        if (status == HttpStatusCode.TooManyRequests)
        {
            using var response = new HttpResponseMessage(status);
            foreach (var (name, values) in headers ?? new Dictionary<string, IEnumerable<string>>())
            {
                response.Headers.TryAddWithoutValidation(name, values);
            }

            var wait = RetryDelay.Requested(response, time.GetUtcNow()) ?? RetryDelay.Backoff(options.InitialBackoff, options.MaximumBackoff, 1);
            return ConnectAttempt.Failed(MastodonApiClient.Explain(status, null, server.ServerHost, "connecting to the stream"), wait);
        }

        // Success without an upgrade, or a refusal that retrying cannot change: no streaming for this client here.
        if (code is >= 200 and < 300 or 400 or 401 or 403 or 404 or 405 or 406 or 410 or 426 or 501 or 505)
        {
            return ConnectAttempt.NotOffered(new MastodonStreamingUnavailableException(
                MastodonApiClient.Explain(status, null, server.ServerHost, $"opening the stream at {address.AbsolutePath}") + " Streaming is not available.",
                status));
        }

        return ConnectAttempt.Failed(MastodonApiClient.Explain(status, null, server.ServerHost, "connecting to the stream"), null);
    }

    private static string Describe(Exception exception) => exception switch
    {
        OperationCanceledException => "no answer within the read timeout",
        WebSocketException { InnerException: { } inner } => $"{exception.Message} ({inner.Message})",
        _ => exception.Message,
    };

    private void SetState(SourceActivity activity, string? error, DateTimeOffset? retryAt) =>
        Volatile.Write(ref _state, new SourceState(activity, time.GetUtcNow(), error, retryAt));

    [LoggerMessage(EventId = 4201, Level = LogLevel.Information, Message = "Mastodon stream connected: {Server} {Timeline} over {Transport}")]
    private partial void LogConnected(string server, MastodonTimeline timeline, MastodonTransport transport);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Warning, Message = "Mastodon stream of {Server} lost ({Reason}); reconnecting in {Seconds:F1} s")]
    private partial void LogReconnecting(string server, string reason, double seconds);

    [LoggerMessage(EventId = 4203, Level = LogLevel.Warning, Message = "Mastodon server {Server} offers no streaming: {Reason}")]
    private partial void LogUnavailable(string server, string reason);

    [LoggerMessage(EventId = 4204, Level = LogLevel.Debug, Message = "Mastodon stream of {Server}: {Count} statuses after {After} fetched over REST")]
    private partial void LogGapFilled(string server, int count, string after);

    private sealed record GapResult(IReadOnlyList<MastodonStreamEvent> Events, string? Failure, TimeSpan? RequestedWait);

    private sealed record ConnectAttempt(Connection? Connection, string? Failure, TimeSpan? RequestedWait, MastodonStreamingUnavailableException? Unavailable)
    {
        public static ConnectAttempt Connected(Connection connection) => new(connection, null, null, null);

        public static ConnectAttempt Failed(string failure, TimeSpan? requestedWait) => new(null, failure, requestedWait, null);

        public static ConnectAttempt NotOffered(MastodonStreamingUnavailableException unavailable) => new(null, null, null, unavailable);
    }

    /// <summary>One open stream: the next event, or null and why the connection ended.</summary>
    private abstract class Connection : IAsyncDisposable
    {
        public abstract Task<(MastodonStreamEvent? Event, string? Failure)> ReceiveAsync(CancellationToken cancellationToken);

        public abstract ValueTask DisposeAsync();
    }

    private sealed class WebSocketConnection(ClientWebSocket socket, string serverHost, MastodonStatusIds ids) : Connection
    {
        private byte[] _buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);

        public override async Task<(MastodonStreamEvent? Event, string? Failure)> ReceiveAsync(CancellationToken cancellationToken)
        {
            var length = 0;
            var tooLarge = false;
            try
            {
                while (true)
                {
                    if (length == _buffer.Length && !tooLarge)
                    {
                        if (_buffer.Length >= MastodonStreamEventReader.MaxMessageBytes)
                        {
                            // Read on to the end of the message into the same space: it is refused whole.
                            tooLarge = true;
                        }
                        else
                        {
                            var larger = ArrayPool<byte>.Shared.Rent(Math.Min(_buffer.Length * 2, MastodonStreamEventReader.MaxMessageBytes));
                            _buffer.AsSpan(0, length).CopyTo(larger);
                            ArrayPool<byte>.Shared.Return(_buffer);
                            _buffer = larger;
                        }
                    }

                    var result = await socket.ReceiveAsync(tooLarge ? _buffer.AsMemory() : _buffer.AsMemory(length), cancellationToken);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        return (null, "the server closed the connection" + (socket.CloseStatusDescription is { Length: > 0 } why ? $" ({why})" : ""));
                    }

                    if (!tooLarge)
                    {
                        length += result.Count;
                    }

                    if (!result.EndOfMessage)
                    {
                        continue;
                    }

                    if (tooLarge)
                    {
                        return (new MastodonRefusedEvent($"a message larger than {MastodonStreamEventReader.MaxMessageBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes"), null);
                    }

                    return result.MessageType == WebSocketMessageType.Binary
                        ? (new MastodonRefusedEvent("a binary message (the streaming API sends text)"), null)
                        : (MastodonStreamEventReader.ReadWebSocketMessage(_buffer.AsSpan(0, length), serverHost, ids), null);
                }
            }
            catch (Exception exception) when (exception is WebSocketException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                return (null, Describe(exception));
            }
        }

        public override ValueTask DisposeAsync()
        {
            socket.Abort();
            socket.Dispose();
            ArrayPool<byte>.Shared.Return(_buffer);
            return ValueTask.CompletedTask;
        }
    }

    private sealed class ServerSentEventsConnection(HttpResponseMessage response, Stream stream, TimeSpan readTimeout, string serverHost, MastodonStatusIds ids) : Connection
    {
        private readonly MastodonServerSentEventParser _parser = new();
        private readonly byte[] _chunk = new byte[16 * 1024];
        private readonly List<byte> _line = [];
        private int _chunkStart;
        private int _chunkEnd;
        private bool _lineTooLong;

        public override async Task<(MastodonStreamEvent? Event, string? Failure)> ReceiveAsync(CancellationToken cancellationToken)
        {
            try
            {
                while (true)
                {
                    var (line, refusal, ended) = await ReadLineAsync(cancellationToken);
                    if (ended)
                    {
                        return (null, "the server ended the event stream");
                    }

                    if (refusal is not null)
                    {
                        return (new MastodonRefusedEvent(refusal), null);
                    }

                    if (_parser.TryAddLine(line!, out var completed))
                    {
                        return completed!.RefusedBecause is { } refused
                            ? (new MastodonRefusedEvent(refused), null)
                            : (MastodonStreamEventReader.ReadEvent(completed.Name, completed.Data, serverHost, ids), null);
                    }
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                return (null, exception is OperationCanceledException ? "no answer within the read timeout while reading" : Describe(exception));
            }
        }

        public override async ValueTask DisposeAsync()
        {
            await stream.DisposeAsync();
            response.Dispose();
        }

        /// <summary>The next line, bounded: a line longer than an event may be is skipped to its end and refused; invalid UTF-8 is refused.</summary>
        private async Task<(string? Line, string? Refusal, bool Ended)> ReadLineAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                var newline = Array.IndexOf(_chunk, (byte)'\n', _chunkStart, _chunkEnd - _chunkStart);
                var end = newline < 0 ? _chunkEnd : newline;
                if (!_lineTooLong)
                {
                    if (_line.Count + (end - _chunkStart) > MastodonStreamEventReader.MaxMessageBytes)
                    {
                        _lineTooLong = true;
                        _line.Clear();
                    }
                    else
                    {
                        _line.AddRange(_chunk.AsSpan(_chunkStart, end - _chunkStart));
                    }
                }

                if (newline >= 0)
                {
                    _chunkStart = newline + 1;
                    var tooLong = _lineTooLong;
                    _lineTooLong = false;
                    var bytes = _line.ToArray();
                    _line.Clear();
                    if (tooLong)
                    {
                        return (null, $"a line longer than {MastodonStreamEventReader.MaxMessageBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes", false);
                    }

                    var length = bytes.Length > 0 && bytes[^1] == '\r' ? bytes.Length - 1 : bytes.Length;
                    return Utf8.IsValid(bytes.AsSpan(0, length))
                        ? (Encoding.UTF8.GetString(bytes, 0, length), null, false)
                        : (null, "a line that is not valid UTF-8", false);
                }

                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(readTimeout);
                _chunkStart = 0;
                _chunkEnd = await stream.ReadAsync(_chunk, timeout.Token);
                if (_chunkEnd == 0)
                {
                    return (null, null, true);
                }
            }
        }
    }
}

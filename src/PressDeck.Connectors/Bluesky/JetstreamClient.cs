using System.Buffers;
using System.Globalization;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PressDeck.Connectors.Net;

namespace PressDeck.Connectors.Bluesky;

/// <summary>
/// Follows a Jetstream instance over WebSocket (protocols.md 1.12): subscribes to posts and reposts, hands each text
/// frame on as it arrives, and after any interruption (a dropped connection, a server error, no frame within the read
/// timeout) reconnects by itself with exponential back-off and jitter, resuming from the cursor its reader has reached
/// minus a small rewind. Frames larger than <see cref="JetstreamEventReader.MaxEventBytes"/> and binary frames are
/// skipped and reported, never buffered whole. One reader at a time.
/// </summary>
public sealed partial class JetstreamClient(IOptions<JetstreamOptions> options, TimeProvider time, ILogger<JetstreamClient> logger)
{
    private static readonly string[] Collections = [AtUri.PostCollection, AtUri.RepostCollection];

    private SourceState _state = new(SourceActivity.Stopped, time.GetUtcNow());

    /// <summary>What the client is doing now.</summary>
    public SourceState State => Volatile.Read(ref _state);

    /// <summary>How many times a connection was (re)established.</summary>
    public int Connections { get; private set; }

    /// <summary>Why the last connection failed or ended, or null when none has.</summary>
    public string? LastFailure { get; private set; }

    /// <summary>
    /// Yields every frame until <paramref name="cancellationToken"/> is cancelled. <paramref name="cursor"/> is read at
    /// each (re)connection: the <c>time_us</c> of the last event the caller has taken in, or null for the live tail.
    /// </summary>
    public async IAsyncEnumerable<JetstreamFrame> ReadAsync(Func<long?> cursor, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        var settings = options.Value;
        var failures = 0;
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var address = SubscribeAddress(settings, cursor());
                SetState(SourceActivity.Connecting, null, null);
                using var socket = new ClientWebSocket();
                string? failure = null;
                var framesThisConnection = 0;
                try
                {
                    using (var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                    {
                        connectTimeout.CancelAfter(settings.ReadTimeout);
                        await socket.ConnectAsync(address, connectTimeout.Token);
                    }

                    Connections++;
                    SetState(SourceActivity.Connected, null, null);
                    LogConnected(address);
                }
                catch (Exception exception) when (exception is WebSocketException or HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    failure = Describe(exception, "connecting");
                }

                while (failure is null)
                {
                    JetstreamFrame frame;
                    try
                    {
                        (frame, buffer) = await ReceiveAsync(socket, buffer, settings.ReadTimeout, cancellationToken);
                    }
                    catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or IOException && !cancellationToken.IsCancellationRequested)
                    {
                        failure = Describe(exception, "reading");
                        break;
                    }

                    if (frame.IsClose)
                    {
                        failure = "the server closed the connection";
                        break;
                    }

                    framesThisConnection++;
                    yield return frame;
                }

                if (cancellationToken.IsCancellationRequested)
                {
                    break;
                }

                // A connection that delivered something was healthy: start the back-off again from the beginning.
                failures = framesThisConnection > 0 ? 1 : failures + 1;
                LastFailure = failure;
                var delay = RetryDelay.Backoff(settings.InitialBackoff, settings.MaximumBackoff, failures);
                SetState(SourceActivity.Reconnecting, failure, time.GetUtcNow() + delay);
                LogReconnecting(failure, delay.TotalSeconds);
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
            ArrayPool<byte>.Shared.Return(buffer);
            SetState(SourceActivity.Stopped, null, null);
        }
    }

    /// <summary>The subscription address: posts and reposts only, from the cursor less the rewind when there is one.</summary>
    public static Uri SubscribeAddress(JetstreamOptions settings, long? cursor)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var query = string.Join('&', Collections.Select(collection => "wantedCollections=" + Uri.EscapeDataString(collection)));
        if (cursor is { } resumeAt)
        {
            var rewound = Math.Max(1, resumeAt - (long)settings.Rewind.TotalMicroseconds);
            query += "&cursor=" + rewound.ToString(CultureInfo.InvariantCulture);
        }

        return new UriBuilder(settings.Url) { Path = settings.Url.AbsolutePath.TrimEnd('/') + "/subscribe", Query = query }.Uri;
    }

    private static async Task<(JetstreamFrame Frame, byte[] Buffer)> ReceiveAsync(ClientWebSocket socket, byte[] buffer, TimeSpan readTimeout, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(readTimeout);
        var length = 0;
        var tooLarge = false;
        while (true)
        {
            if (length == buffer.Length && !tooLarge)
            {
                if (buffer.Length >= JetstreamEventReader.MaxEventBytes)
                {
                    // Keep reading to the end of the message, but into the same space: it is refused whole.
                    tooLarge = true;
                }
                else
                {
                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, JetstreamEventReader.MaxEventBytes));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
            }

            var target = tooLarge ? buffer.AsMemory() : buffer.AsMemory(length);
            var result = await socket.ReceiveAsync(target, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return (JetstreamFrame.Close, buffer);
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
                return (JetstreamFrame.Refused($"a frame larger than {JetstreamEventReader.MaxEventBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes"), buffer);
            }

            return result.MessageType == WebSocketMessageType.Binary
                ? (JetstreamFrame.Refused("a binary frame (compressed events are not asked for)"), buffer)
                : (JetstreamFrame.Text(buffer.AsMemory(0, length)), buffer);
        }
    }

    private static string Describe(Exception exception, string doing) => exception switch
    {
        OperationCanceledException => $"no answer within the read timeout while {doing}",
        WebSocketException { InnerException: { } inner } => $"{exception.Message} ({inner.Message})",
        _ => exception.Message,
    };

    private void SetState(SourceActivity activity, string? error, DateTimeOffset? retryAt) =>
        Volatile.Write(ref _state, new SourceState(activity, time.GetUtcNow(), error, retryAt));

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Jetstream connected: {Address}")]
    private partial void LogConnected(Uri address);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "Jetstream connection lost ({Reason}); reconnecting in {Seconds:F1} s")]
    private partial void LogReconnecting(string reason, double seconds);
}

/// <summary>One frame from Jetstream: an event's UTF-8 text, valid until the next frame is read, or a frame refused with a reason.</summary>
public readonly record struct JetstreamFrame(ReadOnlyMemory<byte> Utf8, string? RefusedBecause, bool IsClose)
{
    public static JetstreamFrame Close => new(ReadOnlyMemory<byte>.Empty, null, true);

    public static JetstreamFrame Text(ReadOnlyMemory<byte> utf8) => new(utf8, null, false);

    public static JetstreamFrame Refused(string reason) => new(ReadOnlyMemory<byte>.Empty, reason, false);
}

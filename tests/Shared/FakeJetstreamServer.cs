using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace PressDeck.Testing;

/// <summary>
/// A Jetstream server on 127.0.0.1 that replays recorded events in <c>time_us</c> order from the cursor a client asks
/// for, as Jetstream does, with faults scripted per connection: drop the connection after some frames, send garbage,
/// or go silent while keeping the connection open.
/// </summary>
internal sealed class FakeJetstreamServer : IAsyncDisposable
{
    private readonly (long TimeUs, string Line)[] _events;
    private readonly ConcurrentQueue<ConnectionScript> _scripts = new();

    private WebApplication? _app;

    private FakeJetstreamServer(IEnumerable<string> lines)
    {
        _events = [.. lines.Select(line => (JsonDocument.Parse(line).RootElement.GetProperty("time_us").GetInt64(), line)).OrderBy(e => e.Item1)];
    }

    /// <summary>The query string of each connection, in order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public Uri Url { get; private set; } = null!;

    public IReadOnlyList<(long TimeUs, string Line)> Events => _events;

    public static async Task<FakeJetstreamServer> StartAsync(IEnumerable<string> lines)
    {
        var server = new FakeJetstreamServer(lines);
        (server._app, var url) = await LoopbackWebServer.StartAsync(app =>
        {
            app.UseWebSockets();
            app.Map("/subscribe", server.ServeAsync);
        });
        server.Url = new Uri(url.ToString().Replace("http://", "ws://", StringComparison.Ordinal));
        return server;
    }

    /// <summary>Scripts the next connection (connections without a script get everything and then stay open).</summary>
    public void Then(ConnectionScript script) => _scripts.Enqueue(script);

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private async Task ServeAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        Requests.Enqueue(context.Request.QueryString.Value ?? "");
        _scripts.TryDequeue(out var script);
        script ??= new ConnectionScript();
        if (script.RefuseWithStatus is { } status)
        {
            context.Response.StatusCode = status;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var cursor = long.TryParse(context.Request.Query["cursor"], out var parsed) ? parsed : 0;
        var sent = 0;
        var stopping = context.RequestAborted;
        foreach (var (timeUs, line) in _events.Where(e => e.TimeUs >= cursor))
        {
            if (sent == script.GarbageAfter)
            {
                await SendAsync(socket, "{\"did\": this is not json", stopping);
                await socket.SendAsync(new byte[] { 0xFF, 0xFE, 0x00 }, WebSocketMessageType.Text, true, stopping);
            }

            if (sent == script.DropAfter)
            {
                // No close handshake: the connection just ends, as a network failure would end it (after a moment,
                // so that the frames already sent are read rather than discarded with the reset connection).
                await Task.Delay(300, stopping);
                context.Abort();
                return;
            }

            if (sent == script.GoSilentAfter)
            {
                await Task.Delay(Timeout.Infinite, stopping).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            }

            await SendAsync(socket, line, stopping);
            sent++;
        }

        // Caught up: stay open, as the live tail does, until the client goes away.
        await Task.Delay(Timeout.Infinite, stopping).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private static Task SendAsync(WebSocket socket, string text, CancellationToken cancellationToken) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, cancellationToken);
}

/// <summary>What one connection to <see cref="FakeJetstreamServer"/> does; -1 means never.</summary>
internal sealed record ConnectionScript(int DropAfter = -1, int GoSilentAfter = -1, int GarbageAfter = -1, int? RefuseWithStatus = null);

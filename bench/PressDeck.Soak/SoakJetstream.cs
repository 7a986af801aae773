using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PressDeck.Soak;

/// <summary>
/// A Jetstream server on 127.0.0.1 that streams new post events at a fixed rate for a fixed time, made from the recorded
/// post events in ../shared/fixtures (text, facets, embeds, languages kept; author, record key, time and createdAt new),
/// and an AppView that names every author. Each event's createdAt is the instant it is sent, so PressDeck's lag behind
/// the stream is the time from sending to reaching a column.
/// </summary>
internal sealed class SoakJetstream : IAsyncDisposable
{
    private const string Base32 = "234567abcdefghijklmnopqrstuvwxyz";

    private readonly JsonNode[] _templates;
    private readonly int _rate;
    private readonly TimeSpan _duration;
    private readonly string[] _authors;
    private WebApplication? _app;
    private long _sent;

    public SoakJetstream(IEnumerable<string> recordedLines, int rate, TimeSpan duration, int authors)
    {
        _templates = [.. recordedLines
            .Where(line => line.Contains("\"operation\":\"create\",\"collection\":\"app.bsky.feed.post\"", StringComparison.Ordinal))
            .Select(line => JsonNode.Parse(line)!)];
        _rate = rate;
        _duration = duration;
        _authors = [.. Enumerable.Range(0, authors).Select(index => "did:plc:soak" + Encode(index, 20))];
    }

    public Uri JetstreamUrl { get; private set; } = null!;

    public Uri AppViewUrl { get; private set; } = null!;

    public long Sent => Interlocked.Read(ref _sent);

    public int Templates => _templates.Length;

    /// <summary>When the stream finished sending (null while sending).</summary>
    public DateTimeOffset? FinishedAt { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.Sources.Clear();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.UseWebSockets();
        _app.Map("/subscribe", ServeAsync);
        _app.MapGet("/xrpc/app.bsky.actor.getProfiles", (HttpContext context) => Results.Json(new
        {
            profiles = context.Request.Query["actors"].Select(did => new { did, handle = "a" + did![^8..] + ".bsky.social", displayName = "Reporter " + did[^8..] }),
        }));
        _app.MapGet("/xrpc/app.bsky.feed.getPosts", () => Results.Json(new { posts = Array.Empty<object>() }));
        await _app.StartAsync(cancellationToken);
        var address = new Uri(_app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        JetstreamUrl = new Uri(address.ToString().Replace("http://", "ws://", StringComparison.Ordinal));
        AppViewUrl = address;
    }

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

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var stopping = context.RequestAborted;
        var started = TimeProvider.System.GetTimestamp();
        var sentHere = 0L;
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(5));
        while (FinishedAt is null && await tick.WaitForNextTickAsync(stopping))
        {
            var elapsed = TimeProvider.System.GetElapsedTime(started);
            var due = (long)(Math.Min(elapsed.TotalSeconds, _duration.TotalSeconds) * _rate);
            while (sentHere < due)
            {
                var bytes = Encoding.UTF8.GetBytes(NextEvent(Interlocked.Increment(ref _sent)));
                await socket.SendAsync(bytes, WebSocketMessageType.Text, true, stopping);
                sentHere++;
            }

            if (elapsed >= _duration)
            {
                FinishedAt = TimeProvider.System.GetUtcNow();
            }
        }

        // Stay open, as the live tail does, until the client goes away.
        await Task.Delay(Timeout.Infinite, stopping).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private string NextEvent(long sequence)
    {
        var now = TimeProvider.System.GetUtcNow();
        var post = _templates[sequence % _templates.Length].DeepClone();
        post["did"] = _authors[sequence % _authors.Length];
        post["time_us"] = now.ToUnixTimeMilliseconds() * 1000 + (sequence % 1000);
        var commit = post["commit"]!;
        commit["rkey"] = "3s" + Encode(sequence, 11);
        commit["rev"] = "3s" + Encode(sequence, 11);
        commit["record"]!["createdAt"] = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        return post.ToJsonString();
    }

    private static string Encode(long value, int length)
    {
        var characters = new char[length];
        for (var index = length - 1; index >= 0; index--)
        {
            characters[index] = Base32[(int)(value % 32)];
            value /= 32;
        }

        return new string(characters);
    }
}

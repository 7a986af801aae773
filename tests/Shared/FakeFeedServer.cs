using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace PressDeck.Testing;

/// <summary>
/// A web server on 127.0.0.1 serving feeds as news sites do (protocols.md 4.4): each document with an ETag and a
/// Last-Modified, 304 Not Modified when the request's validators match (unless <see cref="IgnoreValidators"/>), the
/// Content-Type and charset given, and redirects. Faults are scripted per path and used once each, in order: a status
/// (429 or 503 with Retry-After, 500, 410), a hang, an endless body, a redirect anywhere (169.254.169.254, 10.0.0.1,
/// another port).
/// </summary>
internal sealed class FakeFeedServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Resource> _resources = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<FeedFault>> _faults = new(StringComparer.Ordinal);
    private WebApplication? _app;

    public Uri Url { get; private set; } = null!;

    /// <summary>Every request, in order.</summary>
    public ConcurrentQueue<FeedRequest> Requests { get; } = new();

    /// <summary>Answer 200 with the whole body even when the validators match, as some servers do.</summary>
    public bool IgnoreValidators { get; set; }

    public static async Task<FakeFeedServer> StartAsync()
    {
        var server = new FakeFeedServer();
        (server._app, server.Url) = await LoopbackWebServer.StartAsync(app => app.Run(server.HandleAsync));
        return server;
    }

    public Uri UrlOf(string path) => new(Url, path);

    /// <summary>Serves <paramref name="body"/> at <paramref name="path"/>; the ETag is a hash of the body and Last-Modified advances with each change.</summary>
    public void Serve(string path, byte[] body, string contentType = "application/rss+xml; charset=utf-8")
    {
        var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(body).AsSpan(0, 8)) + "\"";
        _resources.AddOrUpdate(
            path,
            _ => new Resource(body, contentType, etag, LastModified(0), null, 0),
            (_, old) => old.Body.AsSpan().SequenceEqual(body) ? old : new Resource(body, contentType, etag, LastModified(old.Version + 1), null, old.Version + 1));
    }

    public void ServeFixture(string path, string fixture, string contentType = "application/rss+xml") =>
        Serve(path, File.ReadAllBytes(SharedFixtures.PathOf(fixture)), contentType);

    /// <summary>Always redirects <paramref name="path"/> to <paramref name="location"/> with <paramref name="status"/>.</summary>
    public void Redirect(string path, string location, int status = 301) =>
        _resources[path] = new Resource([], string.Empty, null, null, (location, status), 0);

    /// <summary>The next request for <paramref name="path"/> meets <paramref name="fault"/> instead of the document.</summary>
    public void Then(string path, FeedFault fault) => _faults.GetOrAdd(path, _ => new ConcurrentQueue<FeedFault>()).Enqueue(fault);

    public int RequestsFor(string path) => Requests.Count(request => request.Path == path);

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private static string LastModified(int version) =>
        new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero).AddMinutes(version).ToString("R", CultureInfo.InvariantCulture);

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var headers = context.Request.Headers;
        Requests.Enqueue(new FeedRequest(path, headers.IfNoneMatch.ToString() is { Length: > 0 } etag ? etag : null, headers.IfModifiedSince.ToString() is { Length: > 0 } since ? since : null, headers.UserAgent.ToString(), headers.Accept.ToString()));
        if (_faults.TryGetValue(path, out var faults) && faults.TryDequeue(out var fault))
        {
            await FailAsync(context, fault);
            return;
        }

        if (!_resources.TryGetValue(path, out var resource))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (resource.RedirectTo is { } redirect)
        {
            context.Response.StatusCode = redirect.Status;
            context.Response.Headers.Location = redirect.Location;
            return;
        }

        context.Response.Headers.ETag = resource.ETag;
        context.Response.Headers.LastModified = resource.LastModified;
        var matches = headers.IfNoneMatch.Count > 0
            ? headers.IfNoneMatch.ToString() == resource.ETag
            : headers.IfModifiedSince.ToString() == resource.LastModified;
        if (matches && !IgnoreValidators)
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        context.Response.ContentType = resource.ContentType;
        context.Response.ContentLength = resource.Body.Length;
        await context.Response.Body.WriteAsync(resource.Body, context.RequestAborted);
    }

    private static async Task FailAsync(HttpContext context, FeedFault fault)
    {
        switch (fault)
        {
            case FeedFault.StatusFault status:
                context.Response.StatusCode = status.Status;
                if (status.RetryAfter is { } retryAfter)
                {
                    context.Response.Headers.RetryAfter = retryAfter;
                }

                await context.Response.WriteAsync("the fake feed server is failing", context.RequestAborted);
                break;
            case FeedFault.RedirectFault redirect:
                context.Response.StatusCode = redirect.Status;
                context.Response.Headers.Location = redirect.Location;
                break;
            case FeedFault.HangFault:
                try
                {
                    await Task.Delay(Timeout.Infinite, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    // The client gave up, as it should.
                }

                break;
            case FeedFault.EndlessFault:
                context.Response.ContentType = "application/rss+xml";
                var chunk = new byte[64 * 1024];
                chunk.AsSpan().Fill((byte)' ');
                "<rss version=\"2.0\"><channel><title>endless</title>"u8.CopyTo(chunk);
                try
                {
                    while (!context.RequestAborted.IsCancellationRequested)
                    {
                        await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
                        chunk.AsSpan().Fill((byte)' ');
                    }
                }
                catch (Exception exception) when (exception is OperationCanceledException or IOException)
                {
                    // The client stopped reading, as it should.
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(fault));
        }
    }

    private sealed record Resource(byte[] Body, string ContentType, string? ETag, string? LastModified, (string Location, int Status)? RedirectTo, int Version);
}

/// <summary>One request the fake feed server received, with its validators.</summary>
internal sealed record FeedRequest(string Path, string? IfNoneMatch, string? IfModifiedSince, string UserAgent, string Accept);

/// <summary>A fault the fake feed server answers one request with.</summary>
internal abstract record FeedFault
{
    public static FeedFault Answer(int status, string? retryAfter = null) => new StatusFault(status, retryAfter);

    public static FeedFault RedirectTo(string location, int status = 302) => new RedirectFault(location, status);

    public static FeedFault Hang { get; } = new HangFault();

    public static FeedFault Endless { get; } = new EndlessFault();

    public sealed record StatusFault(int Status, string? RetryAfter) : FeedFault;

    public sealed record RedirectFault(string Location, int Status) : FeedFault;

    public sealed record HangFault : FeedFault;

    public sealed record EndlessFault : FeedFault;
}

using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace PressDeck.Testing;

/// <summary>
/// A Bluesky PDS on 127.0.0.1 answering <c>com.atproto.server.createSession</c> as protocols.md 1.3 describes: the
/// accounts in <see cref="Accounts"/> (handle → app password) sign in; anything else is refused with 401
/// <c>AuthenticationRequired</c>, as a real PDS refuses a wrong password.
/// </summary>
internal sealed class FakeBlueskyPds : IAsyncDisposable
{
    private static readonly string[] English = ["en"];

    private WebApplication? _app;

    public Uri Url { get; private set; } = null!;

    public ConcurrentDictionary<string, string> Accounts { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every request body received, to check what was sent.</summary>
    public ConcurrentQueue<string> Bodies { get; } = new();

    public static string DidOf(string handle) => "did:plc:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(handle)))[..24];

    public static async Task<FakeBlueskyPds> StartAsync()
    {
        var server = new FakeBlueskyPds();
        (server._app, server.Url) = await LoopbackWebServer.StartAsync(app =>
        {
            app.MapPost("/xrpc/com.atproto.server.createSession", (Func<HttpContext, Task<IResult>>)server.CreateSessionAsync);
            app.MapGet("/xrpc/app.bsky.feed.searchPosts", server.SearchPosts);
            app.MapGet("/xrpc/app.bsky.notification.listNotifications", server.ListNotifications);
        });
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    /// <summary>Each search's <c>q</c>, in order.</summary>
    public ConcurrentQueue<string> Searches { get; } = new();

    /// <summary>The notifications the account has, newest first: <c>(reason, text, indexedAt)</c>; a like carries no post of its own.</summary>
    public List<(string Reason, string Text, DateTimeOffset IndexedAt)> Notifications { get; } = [];

    /// <summary>Each notifications request's query string, in order.</summary>
    public ConcurrentQueue<string> NotificationRequests { get; } = new();

    private IResult ListNotifications(HttpContext context)
    {
        if (!context.Request.Headers.Authorization.ToString().StartsWith("Bearer eyJhbGciOiJFUzI1NksifQ.access.", StringComparison.Ordinal))
        {
            return Results.Json(new { error = "AuthenticationRequired", message = "Authentication Required" }, statusCode: StatusCodes.Status401Unauthorized);
        }

        NotificationRequests.Enqueue(context.Request.QueryString.Value ?? "");
        List<(string Reason, string Text, DateTimeOffset IndexedAt)> snapshot;
        lock (Notifications)
        {
            snapshot = [.. Notifications.OrderByDescending(item => item.IndexedAt)];
        }

        var notifications = snapshot.Select((item, index) =>
        {
            var did = "did:plc:journalistjournalist" + (index % 10).ToString(System.Globalization.CultureInfo.InvariantCulture) + "0";
            var stamp = item.IndexedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
            return new
            {
                uri = $"at://{did}/app.bsky.feed.{(item.Reason == "like" ? "like" : "post")}/3note{item.IndexedAt.ToUnixTimeMilliseconds() % 100000000:00000000}",
                cid = "bafyreinote",
                author = new { did, handle = $"journalist{index % 10}.bsky.social", displayName = $"Journalist {index % 10}" },
                reason = item.Reason,
                record = new Dictionary<string, object> { ["$type"] = item.Reason == "like" ? "app.bsky.feed.like" : "app.bsky.feed.post", ["text"] = item.Text, ["createdAt"] = stamp },
                isRead = false,
                indexedAt = stamp,
            };
        });
        return Results.Json(new { notifications });
    }

    /// <summary>Three posts that say what was searched for, newest first; only for a signed-in account.</summary>
    private IResult SearchPosts(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer eyJhbGciOiJFUzI1NksifQ.access.", StringComparison.Ordinal))
        {
            return Results.Json(new { error = "AuthenticationRequired", message = "Authentication Required" }, statusCode: StatusCodes.Status401Unauthorized);
        }

        var query = context.Request.Query["q"].ToString();
        Searches.Enqueue(query);
        var posts = Enumerable.Range(1, 3).Select(index =>
        {
            var did = "did:plc:searchsearchsearch000" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return new
            {
                uri = $"at://{did}/app.bsky.feed.post/3search{Math.Abs(query.GetHashCode(StringComparison.Ordinal)) % 100000:00000}{index}",
                cid = "bafyreisearch",
                author = new { did, handle = $"searcher{index}.bsky.social", displayName = $"Searcher {index}" },
                record = new Dictionary<string, object>
                {
                    ["$type"] = "app.bsky.feed.post",
                    ["text"] = $"Reported earlier: {query.Replace("\"", "", StringComparison.Ordinal)} ({index})",
                    ["createdAt"] = $"2026-11-26T0{index}:00:00.000Z",
                    ["langs"] = English,
                },
                indexedAt = $"2026-11-26T0{index}:00:01.000Z",
            };
        });
        return Results.Json(new { posts });
    }

    private async Task<IResult> CreateSessionAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        Bodies.Enqueue(body);
        using var document = JsonDocument.Parse(body);
        var identifier = document.RootElement.GetProperty("identifier").GetString() ?? "";
        var password = document.RootElement.GetProperty("password").GetString() ?? "";
        if (!Accounts.TryGetValue(identifier, out var expected) || expected != password)
        {
            return Results.Json(new { error = "AuthenticationRequired", message = "Invalid identifier or password" }, statusCode: StatusCodes.Status401Unauthorized);
        }

        return Results.Json(new
        {
            accessJwt = "eyJhbGciOiJFUzI1NksifQ.access." + identifier,
            refreshJwt = "eyJhbGciOiJFUzI1NksifQ.refresh." + identifier,
            handle = identifier.ToLowerInvariant(),
            did = DidOf(identifier.ToLowerInvariant()),
            active = true,
        });
    }
}

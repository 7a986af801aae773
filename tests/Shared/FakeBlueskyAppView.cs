using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace PressDeck.Testing;

/// <summary>
/// A Bluesky AppView on 127.0.0.1 answering <c>app.bsky.actor.getProfiles</c> and <c>app.bsky.feed.getPosts</c> as the
/// lexicons describe: every <c>did:plc:…</c> asked for is an account named after its DID, except those in
/// <see cref="Unknown"/>, and every post says <see cref="TextOf"/>.
/// </summary>
internal sealed class FakeBlueskyAppView : IAsyncDisposable
{
    private static readonly string[] English = ["en"];

    private WebApplication? _app;

    public Uri Url { get; private set; } = null!;

    /// <summary>The actors of each request, in order.</summary>
    public ConcurrentQueue<string[]> Requests { get; } = new();

    public HashSet<string> Unknown { get; } = new(StringComparer.Ordinal);

    /// <summary>When set, every request is answered with this status and an XRPC error body.</summary>
    public int? FailWithStatus { get; set; }

    public static string HandleOf(string did) => "u-" + did[^6..] + ".bsky.social";

    public static string NameOf(string did) => "Reporter " + did[^6..].ToUpperInvariant();

    public static string TextOf(string uri) => $"Original words of {uri[(uri.LastIndexOf('/') + 1)..]} #OriginalPost";

    public static async Task<FakeBlueskyAppView> StartAsync()
    {
        var server = new FakeBlueskyAppView();
        (server._app, server.Url) = await LoopbackWebServer.StartAsync(app =>
        {
            app.MapGet("/xrpc/app.bsky.actor.getProfiles", server.GetProfiles);
            app.MapGet("/xrpc/app.bsky.feed.getPosts", server.GetPosts);
            app.MapGet("/xrpc/app.bsky.feed.getPostThread", server.GetPostThread);
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

    private IResult GetPosts(HttpContext context)
    {
        var uris = context.Request.Query["uris"].Where(uri => uri is not null).Select(uri => uri!).ToArray();
        Requests.Enqueue(uris);
        if (FailWithStatus is { } status)
        {
            return Results.Json(new { error = "InternalServerError", message = "the fake AppView is failing" }, statusCode: status);
        }

        var posts = uris
            .Where(uri => uri.StartsWith("at://did:plc:", StringComparison.Ordinal))
            .Select(PostView);
        return Results.Json(new { posts });
    }

    /// <summary>The question a thread's post replies to (itself a reply to a deleted post), and two answers, one from a blocked account.</summary>
    public const string ParentUri = "at://did:plc:parentparentparent0000/app.bsky.feed.post/3parentpost22";

    public const string ReplyUri = "at://did:plc:replyreplyreplyreply00/app.bsky.feed.post/3replypost222";

    private IResult GetPostThread(HttpContext context)
    {
        var uri = context.Request.Query["uri"].ToString();
        Requests.Enqueue([uri]);
        if (FailWithStatus is { } status)
        {
            return Results.Json(new { error = "InternalServerError", message = "the fake AppView is failing" }, statusCode: status);
        }

        if (!uri.StartsWith("at://did:plc:", StringComparison.Ordinal))
        {
            return Results.Json(new { error = "NotFound", message = "Post not found: " + uri }, statusCode: 400);
        }

        return Results.Json(new Dictionary<string, object>
        {
            ["thread"] = new Dictionary<string, object>
            {
                ["$type"] = "app.bsky.feed.defs#threadViewPost",
                ["post"] = PostView(uri),
                ["parent"] = new Dictionary<string, object>
                {
                    ["$type"] = "app.bsky.feed.defs#threadViewPost",
                    ["post"] = PostView(ParentUri),
                    ["parent"] = new Dictionary<string, object> { ["$type"] = "app.bsky.feed.defs#notFoundPost", ["uri"] = "at://did:plc:gone/app.bsky.feed.post/3gone", ["notFound"] = true },
                },
                ["replies"] = new object[]
                {
                    new Dictionary<string, object> { ["$type"] = "app.bsky.feed.defs#threadViewPost", ["post"] = PostView(ReplyUri), ["replies"] = Array.Empty<object>() },
                    new Dictionary<string, object> { ["$type"] = "app.bsky.feed.defs#blockedPost", ["uri"] = "at://did:plc:blocked/app.bsky.feed.post/3blocked", ["blocked"] = true },
                },
            },
        });
    }

    /// <summary>The counts a post view carries (<c>repostCount</c>, <c>quoteCount</c>, <c>replyCount</c>), by the post's URI; none unless set.</summary>
    public ConcurrentDictionary<string, (int Reposts, int Quotes, int Replies)> Counts { get; } = new();

    private object PostView(string uri)
    {
        var did = uri[5..uri.IndexOf('/', 5)];
        var (reposts, quotes, replies) = Counts.TryGetValue(uri, out var counts) ? counts : (0, 0, 0);
        return new
        {
            uri,
            repostCount = reposts,
            quoteCount = quotes,
            replyCount = replies,
            likeCount = reposts * 3,
            cid = "bafyreioriginal",
            author = new { did, handle = HandleOf(did), displayName = NameOf(did) },
            record = new Dictionary<string, object>
            {
                ["$type"] = "app.bsky.feed.post",
                ["text"] = TextOf(uri),
                ["createdAt"] = "2026-11-26T08:00:00.000Z",
                ["langs"] = English,
            },
            indexedAt = "2026-11-26T08:00:01.000Z",
        };
    }

    private IResult GetProfiles(HttpContext context)
    {
        var actors = context.Request.Query["actors"].Where(actor => actor is not null).Select(actor => actor!).ToArray();
        Requests.Enqueue(actors);
        if (FailWithStatus is { } status)
        {
            return Results.Json(new { error = "InternalServerError", message = "the fake AppView is failing" }, statusCode: status);
        }

        if (actors.Length > 25)
        {
            return Results.Json(new { error = "InvalidRequest", message = "too many actors" }, statusCode: 400);
        }

        var profiles = actors
            .Where(actor => actor.StartsWith("did:plc:", StringComparison.Ordinal) && !Unknown.Contains(actor))
            .Select(did => new { did, handle = HandleOf(did), displayName = NameOf(did), avatar = $"https://cdn.bsky.app/img/avatar/plain/{did}/bafkreiavatar@jpeg" });
        return Results.Json(new { profiles });
    }
}

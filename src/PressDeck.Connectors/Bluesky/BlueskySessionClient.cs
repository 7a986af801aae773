using System.Net.Http.Json;
using System.Text.Json;
using PressDeck.Connectors.Net;

namespace PressDeck.Connectors.Bluesky;

/// <summary>
/// Signs an account in to its Bluesky server (its PDS, or the bsky.social entryway) with an app password:
/// <c>com.atproto.server.createSession</c> (protocols.md 1.3). Used to test a connected account and, for publishing and
/// notifications, to obtain the tokens. The server address is one that a person typed in, so the HttpClient given must
/// be built on <see cref="OutboundHttp"/>.
/// </summary>
public sealed class BlueskySessionClient(HttpClient http, TimeProvider time)
{
    /// <summary>Longest answer read from the server.</summary>
    private const int MaxResponseBytes = 1024 * 1024;

    public async Task<BlueskySession> CreateSessionAsync(Uri server, string identifier, string appPassword, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentException.ThrowIfNullOrWhiteSpace(identifier);
        ArgumentException.ThrowIfNullOrWhiteSpace(appPassword);
        const string method = "com.atproto.server.createSession";
        var address = new Uri(server, "/xrpc/" + method);
        using var content = JsonContent.Create(new SessionRequest(identifier.Trim().TrimStart('@'), appPassword), BlueskyJsonContext.Default.SessionRequest);
        using var response = await http.PostAsync(address, content, cancellationToken);
        var body = await ReadBodyAsync(response, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw Error(method, response, body);
        }

        return ReadSession(method, body);
    }

    /// <summary>
    /// New tokens for a session (<c>com.atproto.server.refreshSession</c>, protocols.md 1.4), sent with its refresh token.
    /// Both tokens are replaced: the old refresh token may not work again. <c>ExpiredToken</c> or <c>InvalidToken</c>
    /// (an <see cref="XrpcException"/>) means signing in again.
    /// </summary>
    public async Task<BlueskySession> RefreshSessionAsync(Uri server, string refreshJwt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentException.ThrowIfNullOrWhiteSpace(refreshJwt);
        const string method = "com.atproto.server.refreshSession";
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server, "/xrpc/" + method));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", refreshJwt);
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await ReadBodyAsync(response, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw Error(method, response, body);
        }

        return ReadSession(method, body);
    }

    /// <summary>The session in a <c>createSession</c> or <c>refreshSession</c> answer.</summary>
    private static BlueskySession ReadSession(string method, byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var did = Text(root, "did");
            var handle = BlueskyHandle.Normalise(Text(root, "handle"));
            var access = Text(root, "accessJwt");
            var refresh = Text(root, "refreshJwt");
            if (did is null || handle is null || access is null || refresh is null)
            {
                throw new HttpRequestException($"{method} answered without the account's DID, handle or tokens.");
            }

            var isActive = !root.TryGetProperty("active", out var active) || active.ValueKind != JsonValueKind.False;
            return new BlueskySession(did, handle, access, refresh, isActive, Text(root, "status"));
        }
        catch (JsonException exception)
        {
            throw new HttpRequestException($"{method} answered with something that is not JSON: {exception.Message}", exception);
        }
    }

    /// <summary>The most posts one <see cref="SearchPostsAsync"/> call returns (the lexicon's limit).</summary>
    public const int MaxSearchResults = 100;

    /// <summary>
    /// Posts matching <paramref name="query"/>, newest first (<c>app.bsky.feed.searchPosts</c>, protocols.md 1.10), asked
    /// of the account's server with its session, since the search may not be public. Authors come with their handles
    /// and names.
    /// </summary>
    public async Task<IReadOnlyList<Core.Posts.Post>> SearchPostsAsync(Uri server, BlueskySession session, string query, int limit, IBlueskyHandles handles, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        ArgumentNullException.ThrowIfNull(handles);
        const string method = "app.bsky.feed.searchPosts";
        var count = Math.Clamp(limit, 1, MaxSearchResults).ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server, $"/xrpc/{method}?q={Uri.EscapeDataString(query)}&sort=latest&limit={count}"));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", session.AccessJwt);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var body = await ReadBodyAsync(response, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw Error(method, response, body);
        }

        var posts = new List<Core.Posts.Post>();
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("posts", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var view in list.EnumerateArray())
                {
                    if (BlueskyAppViewClient.ReadPostView(view, handles) is var (post, author))
                    {
                        posts.Add(post with { Author = new Core.Posts.Author(author.Handle, author.DisplayName ?? author.Handle, author.AvatarUrl) });
                    }
                }
            }
        }
        catch (JsonException exception)
        {
            throw new HttpRequestException($"{method} answered with something that is not JSON: {exception.Message}", exception);
        }

        return posts;
    }

    /// <summary>The notification reasons that are posts written to or about the office: the inbox's material.</summary>
    public static readonly IReadOnlyList<string> PostReasons = ["mention", "reply", "quote"];

    /// <summary>
    /// One page of the account's notifications that are posts (mentions, replies, quotes), newest first
    /// (<c>app.bsky.notification.listNotifications</c>, protocols.md 1.10), with each one's <c>indexedAt</c>, and the
    /// cursor to the next, older page (null at the end).
    /// </summary>
    public async Task<(IReadOnlyList<(Core.Posts.Post Post, DateTimeOffset IndexedAt)> Posts, string? Cursor)> ListNotificationsAsync(
        Uri server, BlueskySession session, string? cursor, int limit, IBlueskyHandles handles, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(handles);
        const string method = "app.bsky.notification.listNotifications";
        var query = new System.Text.StringBuilder("limit=").Append(Math.Clamp(limit, 1, 100).ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var reason in PostReasons)
        {
            query.Append("&reasons=").Append(reason);
        }

        if (cursor is not null)
        {
            query.Append("&cursor=").Append(Uri.EscapeDataString(cursor));
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server, $"/xrpc/{method}?{query}"));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", session.AccessJwt);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var body = await ReadBodyAsync(response, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw Error(method, response, body);
        }

        var posts = new List<(Core.Posts.Post, DateTimeOffset)>();
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("notifications", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var notification in list.EnumerateArray())
                {
                    if (ReadNotification(notification, handles) is { } post)
                    {
                        posts.Add(post);
                    }
                }
            }

            return (posts, Text(root, "cursor") is { Length: > 0 } next ? next : null);
        }
        catch (JsonException exception)
        {
            throw new HttpRequestException($"{method} answered with something that is not JSON: {exception.Message}", exception);
        }
    }

    private static (Core.Posts.Post, DateTimeOffset)? ReadNotification(JsonElement notification, IBlueskyHandles handles)
    {
        if (notification.ValueKind != JsonValueKind.Object
            || !PostReasons.Contains(Text(notification, "reason"))
            || !AtUri.TryParse(Text(notification, "uri"), out var uri)
            || !notification.TryGetProperty("record", out var record) || record.ValueKind != JsonValueKind.Object
            || !notification.TryGetProperty("author", out var authorElement)
            || !DateTimeOffset.TryParse(Text(notification, "indexedAt"), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var indexedAt))
        {
            return null;
        }

        var did = Text(authorElement, "did");
        var handle = BlueskyHandle.Normalise(Text(authorElement, "handle"));
        if (did is null || handle is null)
        {
            return null;
        }

        var author = new BlueskyProfile(did, handle, Text(authorElement, "displayName"), Text(authorElement, "avatar"));
        handles.Learn(author);
        var post = JetstreamEventReader.ReadPost(uri!, record, indexedAt.UtcDateTime, handles);
        return (post with { Author = new Core.Posts.Author(handle, author.DisplayName ?? handle, author.AvatarUrl) }, indexedAt);
    }

    private XrpcException Error(string method, HttpResponseMessage response, byte[] body)
    {
        string error = response.StatusCode.ToString();
        string? message = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            error = Text(document.RootElement, "error") ?? error;
            message = Text(document.RootElement, "message");
        }
        catch (JsonException)
        {
            // A proxy's HTML error page: the status says enough.
        }

        return new XrpcException(method, response.StatusCode, error, message, RetryDelay.Requested(response, time.GetUtcNow()));
    }

    private static Task<byte[]> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        HttpAnswers.ReadAtMostAsync(response, MaxResponseBytes, "The server's answer", cancellationToken);

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    internal sealed record SessionRequest(string Identifier, string Password);
}

using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace PressDeck.Connectors.Bluesky;

/// <summary>
/// Public reads from the Bluesky AppView over XRPC (protocols.md 1.2 and 1.10), no account needed. So far:
/// <c>app.bsky.actor.getProfiles</c>, to turn the DIDs that Jetstream carries into handles and names, and
/// <c>app.bsky.feed.getPosts</c>, for the text of reposted posts, which Jetstream does not send.
/// </summary>
public sealed class BlueskyAppViewClient(HttpClient http, IOptions<AppViewOptions> options)
{
    /// <summary>The most actors or posts one <c>getProfiles</c> or <c>getPosts</c> call takes.</summary>
    public const int MaxPerCall = 25;

    /// <summary>
    /// The profiles of up to <see cref="MaxPerCall"/> DIDs or handles; accounts the AppView does not know are left
    /// out. Throws <see cref="HttpRequestException"/> (or a timeout) when the AppView cannot be reached or refuses.
    /// </summary>
    public async Task<IReadOnlyList<BlueskyProfile>> GetProfilesAsync(IReadOnlyCollection<string> actors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actors);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(actors.Count, MaxPerCall);
        if (actors.Count == 0)
        {
            return [];
        }

        using var document = await GetAsync("app.bsky.actor.getProfiles", string.Join('&', actors.Select(actor => "actors=" + Uri.EscapeDataString(actor))), cancellationToken);
        var profiles = new List<BlueskyProfile>();
        if (document.RootElement.ValueKind == JsonValueKind.Object
            && document.RootElement.TryGetProperty("profiles", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var element in list.EnumerateArray())
            {
                if (ReadProfile(element) is { } profile)
                {
                    profiles.Add(profile);
                }
            }
        }

        return profiles;
    }

    /// <summary>
    /// The posts at up to <see cref="MaxPerCall"/> AT-URIs, with their authors' profiles; posts the AppView does
    /// not return (deleted, blocked) are left out. Throws like <see cref="GetProfilesAsync"/>.
    /// </summary>
    public async Task<IReadOnlyList<(Core.Posts.Post Post, BlueskyProfile Author)>> GetPostsAsync(IReadOnlyCollection<AtUri> uris, IBlueskyHandles handles, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uris);
        ArgumentNullException.ThrowIfNull(handles);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(uris.Count, MaxPerCall);
        if (uris.Count == 0)
        {
            return [];
        }

        using var document = await GetAsync("app.bsky.feed.getPosts", string.Join('&', uris.Select(uri => "uris=" + Uri.EscapeDataString(uri.ToString()))), cancellationToken);
        var posts = new List<(Core.Posts.Post, BlueskyProfile)>();
        if (document.RootElement.ValueKind == JsonValueKind.Object
            && document.RootElement.TryGetProperty("posts", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var view in list.EnumerateArray())
            {
                if (ReadPostView(view, handles) is { } post)
                {
                    posts.Add(post);
                }
            }
        }

        return posts;
    }

    /// <summary>
    /// The post's counts as the AppView keeps them (<c>repostCount</c>, <c>quoteCount</c>, <c>replyCount</c> of
    /// <c>app.bsky.feed.getPosts</c>), or null when the post is gone. Throws like <see cref="GetProfilesAsync"/>.
    /// </summary>
    public async Task<PostCounts?> GetCountsAsync(AtUri uri, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uri);
        using var document = await GetAsync("app.bsky.feed.getPosts", "uris=" + Uri.EscapeDataString(uri.ToString()), cancellationToken);
        if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("posts", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        if (list.GetArrayLength() == 0)
        {
            return null;
        }

        var view = list[0];
        return new PostCounts(Count(view, "repostCount"), Count(view, "quoteCount"), Count(view, "replyCount"));
    }

    private static int Count(JsonElement view, string name) =>
        view.ValueKind == JsonValueKind.Object && view.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var count) && count >= 0 ? count : 0;

    /// <summary>Longest reply chain above a post that <see cref="GetPostThreadAsync"/> asks for.</summary>
    public const int ThreadParentHeight = 20;

    /// <summary>How deep into the replies below a post <see cref="GetPostThreadAsync"/> asks for.</summary>
    public const int ThreadDepth = 4;

    /// <summary>
    /// The conversation around a post (<c>app.bsky.feed.getPostThread</c>, protocols.md 1.10): the posts it replies to,
    /// oldest first, then the post itself, then the replies below it, depth first. Deleted or blocked posts in the chain
    /// are left out. Throws like <see cref="GetProfilesAsync"/>.
    /// </summary>
    public async Task<IReadOnlyList<Core.Posts.Post>> GetPostThreadAsync(AtUri uri, IBlueskyHandles handles, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(handles);
        var query = string.Create(CultureInfo.InvariantCulture, $"uri={Uri.EscapeDataString(uri.ToString())}&depth={ThreadDepth}&parentHeight={ThreadParentHeight}");
        using var document = await GetAsync("app.bsky.feed.getPostThread", query, cancellationToken);
        var posts = new List<Core.Posts.Post>();
        if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("thread", out var thread))
        {
            return posts;
        }

        var ancestors = new List<Core.Posts.Post>();
        for (var parent = Child(thread, "parent"); parent is { } above; parent = Child(above, "parent"))
        {
            if (ReadThreadPost(above, handles) is { } ancestor)
            {
                ancestors.Add(ancestor);
            }
        }

        ancestors.Reverse();
        posts.AddRange(ancestors);
        if (ReadThreadPost(thread, handles) is { } self)
        {
            posts.Add(self);
        }

        AddReplies(thread, handles, posts, ThreadDepth);
        return posts;
    }

    private static void AddReplies(JsonElement thread, IBlueskyHandles handles, List<Core.Posts.Post> posts, int depth)
    {
        if (depth == 0 || !thread.TryGetProperty("replies", out var replies) || replies.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (var reply in replies.EnumerateArray())
        {
            if (ReadThreadPost(reply, handles) is { } post)
            {
                posts.Add(post);
                AddReplies(reply, handles, posts, depth - 1);
            }
        }
    }

    internal static JsonElement? Child(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var child) && child.ValueKind == JsonValueKind.Object ? child : null;

    /// <summary>A thread entry's post with its author's handle and name; null for a not-found or blocked entry.</summary>
    internal static Core.Posts.Post? ReadThreadPost(JsonElement entry, IBlueskyHandles handles) =>
        Child(entry, "post") is { } view && ReadPostView(view, handles) is var (post, author)
            ? post with { Author = new Core.Posts.Author(author.Handle, author.DisplayName ?? author.Handle, author.AvatarUrl) }
            : null;

    /// <summary>An AppView <c>postView</c>: the post read as Jetstream's are, and its author's profile (also learnt).</summary>
    internal static (Core.Posts.Post Post, BlueskyProfile Author)? ReadPostView(JsonElement view, IBlueskyHandles handles)
    {
        if (view.ValueKind != JsonValueKind.Object
            || !AtUri.TryParse(Text(view, "uri"), out var uri)
            || !view.TryGetProperty("author", out var authorElement) || ReadProfile(authorElement) is not { } author
            || !view.TryGetProperty("record", out var record) || record.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        handles.Learn(author);
        var fallbackTime = DateTime.SpecifyKind(DateTime.UnixEpoch, DateTimeKind.Utc);
        return (JetstreamEventReader.ReadPost(uri!, record, fallbackTime, handles), author);
    }

    private async Task<JsonDocument> GetAsync(string method, string query, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var address = new Uri(settings.Url, $"/xrpc/{method}?{query}");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);
        using var response = await http.GetAsync(address, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(
                $"{method} answered {((int)response.StatusCode).ToString(CultureInfo.InvariantCulture)} {response.ReasonPhrase}",
                inner: null,
                response.StatusCode);
        }

        return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(timeout.Token), default, timeout.Token);
    }

    /// <summary>A <c>profileView</c> (or basic or detailed): null without a DID or a valid handle.</summary>
    internal static BlueskyProfile? ReadProfile(JsonElement profile)
    {
        if (profile.ValueKind != JsonValueKind.Object
            || Text(profile, "did") is not { } did || !did.StartsWith("did:", StringComparison.Ordinal)
            || BlueskyHandle.Normalise(Text(profile, "handle")) is not { } handle)
        {
            return null;
        }

        var name = Text(profile, "displayName")?.Trim();
        var avatar = Text(profile, "avatar");
        return new BlueskyProfile(
            did,
            handle,
            string.IsNullOrEmpty(name) ? null : name,
            avatar is not null && avatar.StartsWith("https://", StringComparison.Ordinal) ? avatar : null);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

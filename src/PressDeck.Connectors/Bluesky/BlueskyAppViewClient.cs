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
                if (view.ValueKind == JsonValueKind.Object
                    && AtUri.TryParse(Text(view, "uri"), out var uri)
                    && view.TryGetProperty("author", out var authorElement) && ReadProfile(authorElement) is { } author
                    && view.TryGetProperty("record", out var record) && record.ValueKind == JsonValueKind.Object)
                {
                    handles.Learn(author);
                    var fallbackTime = DateTime.SpecifyKind(DateTime.UnixEpoch, DateTimeKind.Utc);
                    posts.Add((JetstreamEventReader.ReadPost(uri!, record, fallbackTime, handles), author));
                }
            }
        }

        return posts;
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

    private static BlueskyProfile? ReadProfile(JsonElement profile)
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

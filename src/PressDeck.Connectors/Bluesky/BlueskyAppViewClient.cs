using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace PressDeck.Connectors.Bluesky;

/// <summary>
/// Public reads from the Bluesky AppView over XRPC (protocols.md 1.2 and 1.10), no account needed. So far:
/// <c>app.bsky.actor.getProfiles</c>, to turn the DIDs that Jetstream carries into handles and names.
/// </summary>
public sealed class BlueskyAppViewClient(HttpClient http, IOptions<AppViewOptions> options)
{
    /// <summary>The most actors one <c>getProfiles</c> call takes.</summary>
    public const int MaxActorsPerCall = 25;

    /// <summary>
    /// The profiles of up to <see cref="MaxActorsPerCall"/> DIDs or handles; accounts the AppView does not know are left
    /// out. Throws <see cref="HttpRequestException"/> (or a timeout) when the AppView cannot be reached or refuses.
    /// </summary>
    public async Task<IReadOnlyList<BlueskyProfile>> GetProfilesAsync(IReadOnlyCollection<string> actors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actors);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(actors.Count, MaxActorsPerCall);
        if (actors.Count == 0)
        {
            return [];
        }

        var settings = options.Value;
        var query = string.Join('&', actors.Select(actor => "actors=" + Uri.EscapeDataString(actor)));
        var address = new Uri(settings.Url, "/xrpc/app.bsky.actor.getProfiles?" + query);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);
        using var response = await http.GetAsync(address, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(
                $"app.bsky.actor.getProfiles answered {((int)response.StatusCode).ToString(CultureInfo.InvariantCulture)} {response.ReasonPhrase}",
                inner: null,
                response.StatusCode);
        }

        using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(timeout.Token), default, timeout.Token);
        var profiles = new List<BlueskyProfile>();
        if (document.RootElement.ValueKind == JsonValueKind.Object
            && document.RootElement.TryGetProperty("profiles", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var profile in list.EnumerateArray())
            {
                if (profile.ValueKind == JsonValueKind.Object
                    && Text(profile, "did") is { } did && did.StartsWith("did:", StringComparison.Ordinal)
                    && BlueskyHandle.Normalise(Text(profile, "handle")) is { } handle)
                {
                    var name = Text(profile, "displayName")?.Trim();
                    var avatar = Text(profile, "avatar");
                    profiles.Add(new BlueskyProfile(
                        did,
                        handle,
                        string.IsNullOrEmpty(name) ? null : name,
                        avatar is not null && avatar.StartsWith("https://", StringComparison.Ordinal) ? avatar : null));
                }
            }
        }

        return profiles;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

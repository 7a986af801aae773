using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using PressDeck.Connectors.Net;

namespace PressDeck.Connectors.Mastodon;

/// <summary>
/// Reads a Mastodon server's own limits for statuses (<see cref="MastodonServerLimits"/>) from <c>GET /api/v2/instance</c>
/// (<c>configuration.statuses.max_characters</c>, <c>characters_reserved_per_url</c>, <c>max_media_attachments</c>); a
/// server without the v2 document (before 4.0), or whose v2 document has no <c>configuration</c>, is asked
/// <c>GET /api/v1/instance</c>, and a field neither gives is Mastodon's default (<see cref="MastodonServerLimits.Defaults"/>).
/// Any failure (unreachable, refused address, error status, an answer that is not JSON or too large) is null, never an
/// exception, so that the caller falls back to the defaults. A server's answer is kept for <see cref="CacheDuration"/>
/// by <see cref="TimeProvider"/>; failures are not kept, so the next call asks again. Give it an <see cref="HttpClient"/>
/// built on <see cref="OutboundHttp.CreateHandler"/> (servers are typed in). Thread-safe.
/// </summary>
public sealed class MastodonServerLimitsClient(HttpClient http, TimeProvider time)
{
    /// <summary>How long a server's limits are kept before it is asked again.</summary>
    public static readonly TimeSpan CacheDuration = TimeSpan.FromHours(6);

    /// <summary>The instance document lists rules, languages and a contact account: tens of kilobytes at most.</summary>
    private const int MaxResponseBytes = 512 * 1024;

    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, (MastodonServerLimits Limits, DateTimeOffset ReadAt)> _cache = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The limits of the server at <paramref name="server"/> (only its scheme, host and port count), or null when they could not be read.</summary>
    public async Task<MastodonServerLimits?> GetAsync(Uri server, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        if (!server.IsAbsoluteUri)
        {
            throw new ArgumentException("The server's address must be absolute.", nameof(server));
        }

        var origin = server.GetLeftPart(UriPartial.Authority);
        if (_cache.TryGetValue(origin, out var cached) && time.GetUtcNow() - cached.ReadAt < CacheDuration)
        {
            return cached.Limits;
        }

        var limits = await ReadAsync(new Uri(origin + "/"), cancellationToken);
        if (limits is not null)
        {
            _cache[origin] = (limits, time.GetUtcNow());
        }

        return limits;
    }

    private async Task<MastodonServerLimits?> ReadAsync(Uri origin, CancellationToken cancellationToken)
    {
        var v2 = await FetchAsync(new Uri(origin, "/api/v2/instance"), cancellationToken);
        if (v2 is null)
        {
            return null;
        }

        if (v2.Status == HttpStatusCode.OK)
        {
            // An answer that is not a JSON object says nothing trustworthy; one without a configuration sends us to v1.
            var fromV2 = Statuses(v2.Body);
            if (fromV2 is not { } read || read.Found)
            {
                return fromV2?.Limits;
            }
        }
        else if (v2.Status is not (HttpStatusCode.NotFound or HttpStatusCode.Gone))
        {
            return null;
        }

        // Before 4.0 there is no v2 document (404).
        var v1 = await FetchAsync(new Uri(origin, "/api/v1/instance"), cancellationToken);
        if (v1 is not { Status: HttpStatusCode.OK })
        {
            return v2.Status == HttpStatusCode.OK ? MastodonServerLimits.Defaults : null;
        }

        return Statuses(v1.Body)?.Limits;
    }

    /// <summary>One GET within <see cref="RequestTimeout"/>, its body read up to <see cref="MaxResponseBytes"/>; null when it failed on the way.</summary>
    private async Task<InstanceAnswer?> FetchAsync(Uri address, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, address);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RequestTimeout);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var body = response.IsSuccessStatusCode ? await HttpAnswers.ReadAtMostAsync(response, MaxResponseBytes, "The instance document", timeout.Token) : [];
            return new InstanceAnswer(response.StatusCode, body);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException || HttpAnswers.AddressRefusal(exception) is not null)
        {
            return null;
        }
    }

    /// <summary>
    /// The limits in an instance document's <c>configuration.statuses</c> (and <c>configuration.media_attachments</c>),
    /// each missing field at its default; <c>Found</c> says whether the document had a configuration at all. Null when
    /// the body is not a JSON object.
    /// </summary>
    private static (MastodonServerLimits Limits, bool Found)? Statuses(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            if (!root.TryGetProperty("configuration", out var configuration) || configuration.ValueKind != JsonValueKind.Object
                || !configuration.TryGetProperty("statuses", out var statuses) || statuses.ValueKind != JsonValueKind.Object)
            {
                return (MastodonServerLimits.Defaults, false);
            }

            var defaults = MastodonServerLimits.Defaults;
            return (new MastodonServerLimits(
                Positive(statuses, "max_characters") ?? defaults.MaxCharacters,
                Positive(statuses, "characters_reserved_per_url") ?? defaults.CharactersReservedPerUrl,
                Positive(statuses, "max_media_attachments") ?? defaults.MaxMediaAttachments), true);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static int? Positive(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number > 0 ? number : null;

    private sealed record InstanceAnswer(HttpStatusCode Status, byte[] Body);
}

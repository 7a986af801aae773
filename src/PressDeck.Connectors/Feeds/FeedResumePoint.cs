using System.Text.Json;
using System.Text.Json.Serialization;

namespace PressDeck.Connectors.Feeds;

/// <summary>
/// Where a feed's polling resumes after a restart; the caller stores it (as <see cref="ToToken"/>) only after it has
/// stored the posts of the poll that returned it, so nothing is lost and nothing is stored twice. It holds the feed's
/// current address (changed by a permanent redirect), the validators of the last response verbatim
/// (<c>ETag</c>, <c>Last-Modified</c>: protocols.md 4.4), a hash of the last body (for servers that ignore validators),
/// and a bounded list of the items already delivered, newest first, with the edit time delivered, so an item comes
/// out again only when the feed dates a later edit.
/// </summary>
public sealed record FeedResumePoint
{
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static FeedResumePoint Empty { get; } = new();

    /// <summary>The address to poll, when a permanent redirect moved the feed; null for the subscription's own.</summary>
    [JsonPropertyName("url")]
    public Uri? Url { get; init; }

    [JsonPropertyName("etag")]
    public string? ETag { get; init; }

    [JsonPropertyName("lastModified")]
    public string? LastModified { get; init; }

    [JsonPropertyName("bodySha256")]
    public string? BodyHash { get; init; }

    [JsonPropertyName("seen")]
    public IReadOnlyList<FeedSeenItem> Seen { get; init; } = [];

    /// <summary>The resume point as one JSON string, for one database column.</summary>
    public string ToToken() => JsonSerializer.Serialize(this, Json);

    /// <summary>The resume point stored as <paramref name="token"/>; <see cref="Empty"/> for null, blank or unreadable text (the feed is then read afresh).</summary>
    public static FeedResumePoint FromToken(string? token)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return Empty;
        }

        try
        {
            return JsonSerializer.Deserialize<FeedResumePoint>(token, Json) ?? Empty;
        }
        catch (JsonException)
        {
            return Empty;
        }
    }
}

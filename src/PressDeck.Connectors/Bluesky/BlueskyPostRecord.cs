using System.Globalization;
using System.Text.Json.Nodes;
using PressDeck.Core.Publishing;

namespace PressDeck.Connectors.Bluesky;

/// <summary>
/// Writes the <c>app.bsky.feed.post</c> record of an outgoing post (protocols.md 1.6–1.8): its text, facets, reply
/// references, embed, languages and <c>createdAt</c>; and the <c>app.bsky.feed.repost</c> record of a repost. Every union
/// member carries its <c>$type</c>.
/// </summary>
internal static class BlueskyPostRecord
{
    private const string LinkFeature = "app.bsky.richtext.facet#link";
    private const string MentionFeature = "app.bsky.richtext.facet#mention";
    private const string TagFeature = "app.bsky.richtext.facet#tag";

    /// <summary>The text as it is sent: line endings as <c>\n</c>, so that facet offsets count the bytes the server stores.</summary>
    public static string TextOf(OutgoingPost post) => post.Text.ReplaceLineEndings("\n");

    /// <summary>
    /// Facets for the links, hashtags and mentions in <paramref name="text"/> (<see cref="RichText.Find"/>), at the UTF-8
    /// byte offsets of each span. A mention whose handle has no DID in <paramref name="didsByHandle"/> (it did not
    /// resolve) stays plain text.
    /// </summary>
    public static JsonArray Facets(string text, IReadOnlyList<RichTextSpan> spans, IReadOnlyDictionary<string, string> didsByHandle)
    {
        var facets = new JsonArray();
        foreach (var span in spans)
        {
            JsonObject? feature = span.Kind switch
            {
                RichTextKind.Link => new JsonObject { ["$type"] = LinkFeature, ["uri"] = span.Value },
                RichTextKind.Hashtag => new JsonObject { ["$type"] = TagFeature, ["tag"] = span.Value },
                RichTextKind.Mention when didsByHandle.TryGetValue(span.Value, out var did) => new JsonObject { ["$type"] = MentionFeature, ["did"] = did },
                _ => null,
            };
            if (feature is null)
            {
                continue;
            }

            var (byteStart, byteEnd) = RichText.Utf8Range(text, span);
            facets.Add(new JsonObject
            {
                ["index"] = new JsonObject { ["byteStart"] = byteStart, ["byteEnd"] = byteEnd },
                ["features"] = new JsonArray(feature),
            });
        }

        return facets;
    }

    /// <summary>A <c>com.atproto.repo.strongRef</c>.</summary>
    public static JsonObject StrongRef(string uri, string cid) => new() { ["uri"] = uri, ["cid"] = cid };

    /// <summary>
    /// <c>app.bsky.embed.images</c>: each uploaded blob exactly as <c>uploadBlob</c> returned it, with its alt text and
    /// aspect ratio, in the post's order.
    /// </summary>
    public static JsonObject ImagesEmbed(IReadOnlyList<OutgoingImage> images, IReadOnlyList<JsonNode> blobs)
    {
        var entries = new JsonArray();
        for (var index = 0; index < images.Count; index++)
        {
            entries.Add(new JsonObject
            {
                ["alt"] = images[index].AltText,
                ["image"] = blobs[index].DeepClone(),
                ["aspectRatio"] = new JsonObject { ["width"] = images[index].Width, ["height"] = images[index].Height },
            });
        }

        return new JsonObject { ["$type"] = "app.bsky.embed.images", ["images"] = entries };
    }

    /// <summary>
    /// The embed for a quote (<c>app.bsky.embed.record</c>), images (<c>app.bsky.embed.images</c>), both
    /// (<c>app.bsky.embed.recordWithMedia</c>, whose <c>record</c> is itself an <c>app.bsky.embed.record</c>), or null.
    /// </summary>
    public static JsonObject? Embed(JsonObject? quote, JsonObject? images)
    {
        var record = quote is null ? null : new JsonObject { ["$type"] = "app.bsky.embed.record", ["record"] = quote };
        return (record, images) switch
        {
            (null, null) => null,
            (null, { } media) => media,
            ({ } quoted, null) => quoted,
            ({ } quoted, { } media) => new JsonObject { ["$type"] = "app.bsky.embed.recordWithMedia", ["record"] = quoted, ["media"] = media },
        };
    }

    /// <summary>The record, <c>$type</c> first. <c>createdAt</c> is UTC with milliseconds and <c>Z</c> (protocols.md 1.2).</summary>
    public static JsonObject Create(string text, DateTime createdAt, string? language, JsonArray facets, JsonObject? reply, JsonObject? embed)
    {
        var record = new JsonObject
        {
            ["$type"] = AtUri.PostCollection,
            ["text"] = text,
            ["createdAt"] = CreatedAt(createdAt),
        };
        if (!string.IsNullOrWhiteSpace(language))
        {
            record["langs"] = new JsonArray(language.Trim());
        }

        if (facets.Count > 0)
        {
            record["facets"] = facets;
        }

        if (reply is not null)
        {
            record["reply"] = reply;
        }

        if (embed is not null)
        {
            record["embed"] = embed;
        }

        return record;
    }

    /// <summary>An <c>app.bsky.feed.repost</c> record of the post <paramref name="subject"/> (a strong reference), <c>$type</c> first.</summary>
    public static JsonObject CreateRepost(JsonObject subject, DateTime createdAt) => new()
    {
        ["$type"] = AtUri.RepostCollection,
        ["subject"] = subject,
        ["createdAt"] = CreatedAt(createdAt),
    };

    public static string CreatedAt(DateTime instant)
    {
        var utc = instant.Kind switch
        {
            DateTimeKind.Local => instant.ToUniversalTime(),
            DateTimeKind.Unspecified => DateTime.SpecifyKind(instant, DateTimeKind.Utc),
            _ => instant,
        };
        return utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    }
}

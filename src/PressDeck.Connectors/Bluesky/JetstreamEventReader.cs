using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using PressDeck.Core.Posts;

namespace PressDeck.Connectors.Bluesky;

/// <summary>
/// Reads Jetstream v1 events (protocols.md 1.6–1.8 and 1.12), one JSON object per frame or line, into
/// <see cref="JetstreamEvent"/>s: posts with their facets (hashtags, mentions, links by UTF-8 byte range), embeds
/// (images and video with alt text, link cards, quotes), languages, replies, reposts and deletes. Used by the live
/// source and by <c>pressdeck import</c> alike. Never throws on bad input: a payload it cannot read is refused with a
/// reason. Thread-safe.
/// </summary>
public static class JetstreamEventReader
{
    /// <summary>Larger payloads are refused (Jetstream's own events are a few kilobytes).</summary>
    public const int MaxEventBytes = 1024 * 1024;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    /// <summary>Reads one event; false with <paramref name="error"/> saying why when it is not one PressDeck can read.</summary>
    public static bool TryRead(ReadOnlySpan<byte> utf8, IBlueskyHandles handles, out JetstreamEvent? jetstreamEvent, out string? error)
    {
        ArgumentNullException.ThrowIfNull(handles);
        jetstreamEvent = null;
        if (utf8.Length > MaxEventBytes)
        {
            error = $"the event is {utf8.Length.ToString("N0", CultureInfo.InvariantCulture)} bytes, more than the {MaxEventBytes.ToString("N0", CultureInfo.InvariantCulture)} allowed";
            return false;
        }

        if (!Utf8.IsValid(utf8))
        {
            error = "the event is not valid UTF-8";
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(utf8.ToArray(), DocumentOptions);
            return TryRead(document.RootElement, handles, out jetstreamEvent, out error);
        }
        catch (JsonException exception)
        {
            error = $"malformed JSON ({FirstSentence(exception.Message)})";
            return false;
        }
        catch (InvalidOperationException exception)
        {
            // GetString on an escaped lone surrogate, or a property of the wrong JSON type.
            error = $"unexpected content ({FirstSentence(exception.Message)})";
            return false;
        }
    }

    private static bool TryRead(JsonElement root, IBlueskyHandles handles, out JetstreamEvent? jetstreamEvent, out string? error)
    {
        jetstreamEvent = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            error = "the event is not a JSON object";
            return false;
        }

        var did = String(root, "did");
        if (did is null || !did.StartsWith("did:", StringComparison.Ordinal))
        {
            error = "the event has no \"did\"";
            return false;
        }

        if (!root.TryGetProperty("time_us", out var time) || time.ValueKind != JsonValueKind.Number || !time.TryGetInt64(out var timeUs) || timeUs <= 0)
        {
            error = "the event has no \"time_us\"";
            return false;
        }

        switch (String(root, "kind"))
        {
            case "commit" when root.TryGetProperty("commit", out var commit) && commit.ValueKind == JsonValueKind.Object:
                return TryReadCommit(did, timeUs, commit, handles, out jetstreamEvent, out error);
            case "identity":
                var handle = root.TryGetProperty("identity", out var identity) && identity.ValueKind == JsonValueKind.Object
                    ? BlueskyHandle.Normalise(String(identity, "handle"))
                    : null;
                if (handle is not null)
                {
                    handles.Learn(did, handle);
                }

                jetstreamEvent = new JetstreamIdentityEvent(did, timeUs, handle);
                error = null;
                return true;
            case "account":
                var account = root.TryGetProperty("account", out var accountElement) && accountElement.ValueKind == JsonValueKind.Object ? accountElement : default;
                var active = account.ValueKind == JsonValueKind.Object && account.TryGetProperty("active", out var activeElement) && activeElement.ValueKind == JsonValueKind.True;
                jetstreamEvent = new JetstreamAccountEvent(did, timeUs, active, account.ValueKind == JsonValueKind.Object ? String(account, "status") : null);
                error = null;
                return true;
            case "commit":
                error = "the commit event has no \"commit\" object";
                return false;
            case { } kind:
                jetstreamEvent = new JetstreamOtherEvent(did, timeUs, $"a {kind} event");
                error = null;
                return true;
            default:
                error = "the event has no \"kind\"";
                return false;
        }
    }

    private static bool TryReadCommit(string did, long timeUs, JsonElement commit, IBlueskyHandles handles, out JetstreamEvent? jetstreamEvent, out string? error)
    {
        jetstreamEvent = null;
        var operation = String(commit, "operation");
        var collection = String(commit, "collection");
        var rkey = String(commit, "rkey");
        if (operation is null || collection is null || rkey is null)
        {
            error = "the commit has no operation, collection or rkey";
            return false;
        }

        if (collection is not (AtUri.PostCollection or AtUri.RepostCollection))
        {
            jetstreamEvent = new JetstreamOtherEvent(did, timeUs, $"{operation} of {collection}");
            error = null;
            return true;
        }

        var uri = new AtUri(did, collection, rkey);
        if (operation == "delete")
        {
            jetstreamEvent = new JetstreamDeleteEvent(did, timeUs, uri);
            error = null;
            return true;
        }

        if (operation is not ("create" or "update"))
        {
            error = $"unknown commit operation \"{operation}\"";
            return false;
        }

        if (!commit.TryGetProperty("record", out var record) || record.ValueKind != JsonValueKind.Object)
        {
            error = $"the {operation} of {uri} has no record";
            return false;
        }

        var fallbackTime = DateTimeOffset.FromUnixTimeMilliseconds(timeUs / 1000).UtcDateTime;
        if (collection == AtUri.RepostCollection)
        {
            if (!record.TryGetProperty("subject", out var subject) || !AtUri.TryParse(String(subject, "uri"), out var subjectUri))
            {
                error = $"the repost {uri} has no subject";
                return false;
            }

            var originalAuthor = handles.Find(subjectUri!.Authority) ?? subjectUri.Authority;
            jetstreamEvent = new JetstreamRepostEvent(did, timeUs, new Post
            {
                Network = Network.Bluesky,
                RemoteId = uri.ToString(),
                Author = AuthorOf(did, handles),
                Text = "",
                CreatedAt = DateTimeOf(record, fallbackTime),
                Kind = PostKind.Repost,
                Url = subjectUri.WebUrl,
                RepostOfHandle = originalAuthor,
            }, subjectUri);
            error = null;
            return true;
        }

        var post = ReadPost(uri, record, fallbackTime, handles);
        var isUpdate = operation == "update";
        if (isUpdate)
        {
            // An update replaces the record: in the archive it is an edit of the same post, dated by the event.
            post = post with { EditedAt = DateTime.UnixEpoch.AddTicks(timeUs * 10) };
        }

        jetstreamEvent = new JetstreamPostEvent(did, timeUs, post, isUpdate);
        error = null;
        return true;
    }

    /// <summary>An <c>app.bsky.feed.post</c> record as a post (also used for records that the XRPC API returns).</summary>
    public static Post ReadPost(AtUri uri, JsonElement record, DateTime fallbackTime, IBlueskyHandles handles)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(handles);
        var text = String(record, "text") ?? "";
        var hashtags = new List<string>();
        var mentions = new List<string>();
        var links = new List<string>();
        ReadFacets(record, text, handles, hashtags, mentions, links);
        if (record.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Array)
        {
            foreach (var tag in tags.EnumerateArray())
            {
                AddDistinct(hashtags, tag.ValueKind == JsonValueKind.String ? tag.GetString()?.Trim().TrimStart('#') : null);
            }
        }

        string? replyTo = null;
        if (record.TryGetProperty("reply", out var reply) && reply.ValueKind == JsonValueKind.Object
            && reply.TryGetProperty("parent", out var parent) && AtUri.TryParse(String(parent, "uri"), out var parentUri))
        {
            replyTo = handles.Find(parentUri!.Authority) ?? parentUri.Authority;
        }

        var media = new List<MediaItem>();
        string? quoteOf = null;
        if (record.TryGetProperty("embed", out var embed) && embed.ValueKind == JsonValueKind.Object)
        {
            ReadEmbed(uri.Authority, embed, media, links, ref quoteOf);
        }

        var languages = new List<string>();
        if (record.TryGetProperty("langs", out var langs) && langs.ValueKind == JsonValueKind.Array)
        {
            foreach (var lang in langs.EnumerateArray())
            {
                AddDistinct(languages, lang.ValueKind == JsonValueKind.String ? lang.GetString()?.Trim() : null);
            }
        }

        return new Post
        {
            Network = Network.Bluesky,
            RemoteId = uri.ToString(),
            Author = AuthorOf(uri.Authority, handles),
            Text = text,
            CreatedAt = DateTimeOf(record, fallbackTime),
            Kind = replyTo is not null ? PostKind.Reply : quoteOf is not null ? PostKind.Quote : PostKind.Post,
            Url = uri.WebUrl,
            ReplyToHandle = replyTo,
            QuoteOfId = quoteOf,
            Languages = languages,
            Links = links,
            Media = media,
            Hashtags = hashtags,
            Mentions = mentions,
        };
    }

    /// <summary>
    /// Facets index the UTF-8 bytes of the text (protocols.md 1.7). A facet whose range is out of bounds or splits a
    /// character is ignored; a mention's handle is read from the text it covers (<c>@handle</c>), else looked up.
    /// </summary>
    private static void ReadFacets(JsonElement record, string text, IBlueskyHandles handles, List<string> hashtags, List<string> mentions, List<string> links)
    {
        if (!record.TryGetProperty("facets", out var facets) || facets.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        byte[]? bytes = null;
        foreach (var facet in facets.EnumerateArray())
        {
            if (facet.ValueKind != JsonValueKind.Object || !facet.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            foreach (var feature in features.EnumerateArray())
            {
                switch (String(feature, "$type"))
                {
                    case "app.bsky.richtext.facet#tag":
                        AddDistinct(hashtags, String(feature, "tag")?.Trim().TrimStart('#'));
                        break;
                    case "app.bsky.richtext.facet#link":
                        if (String(feature, "uri") is { } link && Uri.TryCreate(link, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https")
                        {
                            AddDistinct(links, link);
                        }

                        break;
                    case "app.bsky.richtext.facet#mention":
                        if (String(feature, "did") is not { } mentioned || !mentioned.StartsWith("did:", StringComparison.Ordinal))
                        {
                            break;
                        }

                        bytes ??= Encoding.UTF8.GetBytes(text);
                        var shown = Slice(bytes, facet);
                        var handle = shown is not null && shown.StartsWith('@') ? BlueskyHandle.Normalise(shown) : null;
                        if (handle is not null)
                        {
                            handles.Learn(mentioned, handle);
                        }

                        AddDistinct(mentions, handle ?? handles.Find(mentioned) ?? mentioned);
                        break;
                }
            }
        }
    }

    private static string? Slice(byte[] text, JsonElement facet)
    {
        if (!facet.TryGetProperty("index", out var index) || index.ValueKind != JsonValueKind.Object
            || !index.TryGetProperty("byteStart", out var startElement) || !startElement.TryGetInt32(out var start)
            || !index.TryGetProperty("byteEnd", out var endElement) || !endElement.TryGetInt32(out var end)
            || start < 0 || end <= start || end > text.Length
            || IsContinuation(text, start) || IsContinuation(text, end)
            || (end < text.Length && (char.IsAsciiLetterOrDigit((char)text[end]) || text[end] == '-')))
        {
            // Out of bounds, splitting a character, or stopping inside a word (a range that does not cover the whole
            // "@handle" it points at would read as some other handle).
            return null;
        }

        return Encoding.UTF8.GetString(text, start, end - start);
    }

    private static bool IsContinuation(byte[] text, int index) => index < text.Length && (text[index] & 0xC0) == 0x80;

    private static void ReadEmbed(string did, JsonElement embed, List<MediaItem> media, List<string> links, ref string? quoteOf)
    {
        switch (String(embed, "$type"))
        {
            case "app.bsky.embed.images":
                if (embed.TryGetProperty("images", out var images) && images.ValueKind == JsonValueKind.Array)
                {
                    foreach (var image in images.EnumerateArray())
                    {
                        if (image.ValueKind == JsonValueKind.Object && BlobUrl(did, image, "image") is { } url)
                        {
                            media.Add(new MediaItem(MediaType.Image, url, AltText(image)));
                        }
                    }
                }

                break;
            case "app.bsky.embed.video":
                var gif = String(embed, "presentation") == "gif";
                if (BlobUrl(did, embed, "video") is { } videoUrl)
                {
                    media.Add(new MediaItem(gif ? MediaType.Gif : MediaType.Video, videoUrl, AltText(embed)));
                }

                break;
            case "app.bsky.embed.external":
                if (embed.TryGetProperty("external", out var external) && String(external, "uri") is { } externalUri
                    && Uri.TryCreate(externalUri, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https")
                {
                    AddDistinct(links, externalUri);
                }

                break;
            case "app.bsky.embed.record":
                if (embed.TryGetProperty("record", out var quoted) && AtUri.TryParse(String(quoted, "uri"), out var quotedUri)
                    && quotedUri!.Collection == AtUri.PostCollection)
                {
                    quoteOf = quotedUri.ToString();
                }

                break;
            case "app.bsky.embed.recordWithMedia":
                // The quote is an app.bsky.embed.record, so its strong reference sits at record.record.
                if (embed.TryGetProperty("record", out var recordEmbed) && recordEmbed.ValueKind == JsonValueKind.Object)
                {
                    var strongReference = recordEmbed.TryGetProperty("record", out var inner) ? inner : recordEmbed;
                    if (AtUri.TryParse(String(strongReference, "uri"), out var withMediaUri) && withMediaUri!.Collection == AtUri.PostCollection)
                    {
                        quoteOf = withMediaUri.ToString();
                    }
                }

                if (embed.TryGetProperty("media", out var attached) && attached.ValueKind == JsonValueKind.Object)
                {
                    ReadEmbed(did, attached, media, links, ref quoteOf);
                }

                break;
        }
    }

    /// <summary>Where a blob is served: the CDN address of an image and the HLS playlist of a video, as the AppView's views give them.</summary>
    private static string? BlobUrl(string did, JsonElement holder, string property)
    {
        if (!holder.TryGetProperty(property, out var blob) || blob.ValueKind != JsonValueKind.Object
            || !blob.TryGetProperty("ref", out var reference) || reference.ValueKind != JsonValueKind.Object
            || String(reference, "$link") is not { } cid || cid.Length > 200 || !cid.All(char.IsAsciiLetterOrDigit))
        {
            return null;
        }

        return property == "video"
            ? $"https://video.bsky.app/watch/{Uri.EscapeDataString(did)}/{cid}/playlist.m3u8"
            : $"https://cdn.bsky.app/img/feed_fullsize/plain/{did}/{cid}@jpeg";
    }

    private static string? AltText(JsonElement holder)
    {
        var alt = String(holder, "alt")?.Trim();
        return string.IsNullOrEmpty(alt) ? null : alt;
    }

    private static Author AuthorOf(string did, IBlueskyHandles handles)
    {
        var handle = handles.Find(did) ?? did;
        return new Author(handle, handle);
    }

    private static DateTime DateTimeOf(JsonElement record, DateTime fallback) =>
        String(record, "createdAt") is { } text
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            && parsed.Year is >= 2000 and <= 2200
            ? parsed.UtcDateTime
            : fallback;

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static void AddDistinct(List<string> values, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value) && !values.Contains(value, StringComparer.Ordinal))
        {
            values.Add(value);
        }
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message.TrimEnd('.') : message[..end];
    }
}

using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace PressDeck.Core.Posts;

/// <summary>
/// Reads and writes the batch tool's post format (QUERY-LANGUAGE.md section 6): one JSON object per line.
/// Unknown properties are ignored; a missing required property or an unknown enumeration value refuses the line.
/// </summary>
public static class PostJsonReader
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Files, not HTML: keep non-ASCII text readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// Reads one line. Returns false, with <paramref name="error"/> saying why, for invalid UTF-8, malformed JSON,
    /// a missing <c>id</c>, <c>network</c>, <c>author</c>, <c>text</c> or <c>createdAt</c>, or an unknown network,
    /// kind or media type.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> utf8Line, out Post? post, out string? error)
    {
        post = null;
        if (utf8Line.StartsWith("\uFEFF"u8))
        {
            utf8Line = utf8Line[3..];
        }

        if (!Utf8.IsValid(utf8Line))
        {
            error = "the line is not valid UTF-8";
            return false;
        }

        if (utf8Line.Trim(" \t\r\n"u8).IsEmpty)
        {
            error = "the line is empty";
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(utf8Line, new JsonReaderOptions { MaxDepth = 16 });
            using var document = JsonDocument.ParseValue(ref reader);
            if (reader.Read())
            {
                error = "malformed JSON: more than one value on the line";
                return false;
            }

            return TryReadPost(document.RootElement, out post, out error);
        }
        catch (JsonException exception)
        {
            error = $"malformed JSON: {exception.Message}";
            return false;
        }
        catch (InvalidOperationException exception)
        {
            // Thrown by GetString for escaped lone surrogates, which are not text.
            error = $"invalid string in JSON: {exception.Message}";
            return false;
        }
    }

    /// <summary>Writes <paramref name="post"/> as one line of the batch format (no line break); <c>id</c> is its remote id.</summary>
    public static string Write(Post post)
    {
        ArgumentNullException.ThrowIfNull(post);
        var buffer = new ArrayBufferWriter<byte>(256 + (post.Text.Length * 2));
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("id", post.RemoteId);
            writer.WriteString("network", NetworkName(post.Network));
            writer.WriteStartObject("author");
            writer.WriteString("handle", post.Author.Handle);
            writer.WriteString("name", post.Author.DisplayName);
            if (post.Author.AvatarUrl is not null)
            {
                writer.WriteString("avatarUrl", post.Author.AvatarUrl);
            }

            writer.WriteEndObject();
            writer.WriteString("text", post.Text);
            if (post.Languages.Count == 1)
            {
                writer.WriteString("lang", post.Languages[0]);
            }
            else if (post.Languages.Count > 1)
            {
                WriteStrings(writer, "lang", post.Languages);
            }

            var createdAt = post.CreatedAt.Kind == DateTimeKind.Local ? post.CreatedAt.ToUniversalTime() : DateTime.SpecifyKind(post.CreatedAt, DateTimeKind.Utc);
            writer.WriteString("createdAt", createdAt.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
            writer.WriteString("kind", post.Kind.ToString().ToLowerInvariant());
            WriteOptional(writer, "replyTo", post.ReplyToHandle);
            WriteOptional(writer, "quoteOf", post.QuoteOfId);
            WriteOptional(writer, "repostOf", post.RepostOfHandle);
            WriteOptional(writer, "url", post.Url);
            WriteOptional(writer, "title", post.Title);
            WriteStrings(writer, "links", post.Links);
            writer.WriteStartArray("media");
            foreach (var media in post.Media)
            {
                writer.WriteStartObject();
                writer.WriteString("type", media.Type.ToString().ToLowerInvariant());
                if (media.Url.Length > 0)
                {
                    writer.WriteString("url", media.Url);
                }

                WriteOptional(writer, "alt", media.AltText);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            if (post.Hashtags.Count > 0)
            {
                WriteStrings(writer, "hashtags", post.Hashtags);
            }

            if (post.Mentions.Count > 0)
            {
                WriteStrings(writer, "mentions", post.Mentions);
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static bool TryReadPost(JsonElement root, out Post? post, out string? error)
    {
        post = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Fail("a post must be a JSON object", out error);
        }

        if (!TryGetId(root, out var id))
        {
            return Fail("missing \"id\"", out error);
        }

        if (!TryGetString(root, "network", out var networkName))
        {
            return Fail("missing \"network\"", out error);
        }

        if (!TryParseNetwork(networkName, out var network))
        {
            return Fail($"unknown network '{networkName}' (expected bluesky, mastodon, x, twitter, rss or demo)", out error);
        }

        if (!root.TryGetProperty("author", out var authorElement) || authorElement.ValueKind != JsonValueKind.Object
            || !TryGetString(authorElement, "handle", out var handle) || string.IsNullOrWhiteSpace(handle))
        {
            return Fail("missing \"author\" (an object with a \"handle\")", out error);
        }

        TryGetString(authorElement, "name", out var displayName);
        TryGetString(authorElement, "avatarUrl", out var avatarUrl);

        if (!TryGetString(root, "text", out var text))
        {
            return Fail("missing \"text\"", out error);
        }

        if (!TryGetString(root, "createdAt", out var createdAtText))
        {
            return Fail("missing \"createdAt\"", out error);
        }

        if (!TryParseInstant(root.GetProperty("createdAt"), out var createdAt))
        {
            return Fail($"\"createdAt\" is not an ISO 8601 date and time: '{createdAtText}'", out error);
        }

        var kind = PostKind.Post;
        if (TryGetString(root, "kind", out var kindName) && !TryParseKind(kindName, out kind))
        {
            return Fail($"unknown kind '{kindName}' (expected post, reply, repost or quote)", out error);
        }

        if (!TryGetStrings(root, "lang", allowSingle: true, out var languages, out error)
            || !TryGetStrings(root, "links", allowSingle: false, out var links, out error)
            || !TryGetStrings(root, "hashtags", allowSingle: false, out var hashtags, out error)
            || !TryGetStrings(root, "mentions", allowSingle: false, out var mentions, out error)
            || !TryGetMedia(root, out var media, out error))
        {
            return false;
        }

        TryGetString(root, "replyTo", out var replyTo);
        TryGetString(root, "quoteOf", out var quoteOf);
        TryGetString(root, "repostOf", out var repostOf);
        TryGetString(root, "url", out var url);
        TryGetString(root, "title", out var title);

        post = new Post
        {
            Network = network,
            RemoteId = id,
            // handle is non-null: TryGetString returned true.
            Author = new Author(handle!, displayName ?? handle!, avatarUrl),
            Text = text!,
            CreatedAt = createdAt,
            Kind = kind,
            ReplyToHandle = replyTo,
            QuoteOfId = quoteOf,
            RepostOfHandle = repostOf,
            Url = url,
            Title = title,
            Languages = languages,
            Links = links,
            Hashtags = hashtags,
            Mentions = mentions,
            Media = media,
        };
        error = null;
        return true;
    }

    private static bool Fail(string message, out string? error)
    {
        error = message;
        return false;
    }

    private static bool TryGetId(JsonElement root, out string id)
    {
        id = "";
        if (!root.TryGetProperty("id", out var element))
        {
            return false;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                id = element.GetString() ?? "";
                return id.Length > 0;
            case JsonValueKind.Number:
                id = element.GetRawText();
                return true;
            default:
                return false;
        }
    }

    /// <summary>A string property; absent, null or not a string counts as missing.</summary>
    private static bool TryGetString(JsonElement element, string name, out string? value)
    {
        value = null;
        if (!element.TryGetProperty(name, out var property) || property.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        value = property.GetString();
        return value is not null;
    }

    private static bool TryGetStrings(JsonElement root, string name, bool allowSingle, out IReadOnlyList<string> values, out string? error)
    {
        values = [];
        error = null;
        if (!root.TryGetProperty(name, out var property) || property.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (allowSingle && property.ValueKind == JsonValueKind.String)
        {
            var single = property.GetString();
            values = string.IsNullOrWhiteSpace(single) ? [] : [single];
            return true;
        }

        if (property.ValueKind != JsonValueKind.Array)
        {
            return Fail($"\"{name}\" must be {(allowSingle ? "a string or " : "")}an array of strings", out error);
        }

        var list = new List<string>(property.GetArrayLength());
        foreach (var item in property.EnumerateArray())
        {
            var value = item.ValueKind switch
            {
                JsonValueKind.String => item.GetString(),
                // A link may be written as {"url": "..."}.
                JsonValueKind.Object when item.TryGetProperty("url", out var url) && url.ValueKind == JsonValueKind.String => url.GetString(),
                _ => null,
            };
            if (value is null)
            {
                return Fail($"\"{name}\" must be {(allowSingle ? "a string or " : "")}an array of strings", out error);
            }

            list.Add(value);
        }

        values = list;
        return true;
    }

    private static bool TryGetMedia(JsonElement root, out IReadOnlyList<MediaItem> media, out string? error)
    {
        media = [];
        error = null;
        if (!root.TryGetProperty("media", out var property) || property.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (property.ValueKind != JsonValueKind.Array)
        {
            return Fail("\"media\" must be an array", out error);
        }

        var items = new List<MediaItem>(property.GetArrayLength());
        foreach (var item in property.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object || !TryGetString(item, "type", out var typeName))
            {
                return Fail("each media item must be an object with a \"type\"", out error);
            }

            MediaType? type = typeName switch
            {
                "image" => MediaType.Image,
                "video" => MediaType.Video,
                "gif" => MediaType.Gif,
                _ => null,
            };
            if (type is null)
            {
                return Fail($"unknown media type '{typeName}' (expected image, video or gif)", out error);
            }

            TryGetString(item, "url", out var url);
            TryGetString(item, "alt", out var alt);
            items.Add(new MediaItem(type.Value, url ?? "", alt));
        }

        media = items;
        return true;
    }

    /// <summary>An ISO 8601 instant; one written without an offset is taken as UTC.</summary>
    private static bool TryParseInstant(JsonElement element, out DateTime instant)
    {
        instant = default;
        if (!element.TryGetDateTime(out var parsed))
        {
            return false;
        }

        if (parsed.Kind == DateTimeKind.Unspecified)
        {
            instant = DateTime.SpecifyKind(parsed, DateTimeKind.Utc);
            return true;
        }

        if (!element.TryGetDateTimeOffset(out var withOffset))
        {
            return false;
        }

        instant = withOffset.UtcDateTime;
        return true;
    }

    private static bool TryParseNetwork(string? name, out Network network)
    {
        Network? parsed = name?.ToLowerInvariant() switch
        {
            "bluesky" => Network.Bluesky,
            "mastodon" => Network.Mastodon,
            "x" or "twitter" => Network.X,
            "rss" => Network.Rss,
            "demo" => Network.Demo,
            _ => null,
        };
        network = parsed ?? default;
        return parsed is not null;
    }

    private static bool TryParseKind(string? name, out PostKind kind)
    {
        PostKind? parsed = name switch
        {
            "post" => PostKind.Post,
            "reply" => PostKind.Reply,
            "repost" => PostKind.Repost,
            "quote" => PostKind.Quote,
            _ => null,
        };
        kind = parsed ?? PostKind.Post;
        return parsed is not null;
    }

    private static string NetworkName(Network network) => network switch
    {
        Network.Bluesky => "bluesky",
        Network.Mastodon => "mastodon",
        Network.X => "x",
        Network.Rss => "rss",
        Network.Demo => "demo",
        _ => throw new ArgumentOutOfRangeException(nameof(network), network, "Unknown network."),
    };

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}

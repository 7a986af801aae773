using System.Text.Json;

namespace PressDeck.Connectors.Feeds;

/// <summary>
/// JSON Feed 1.0 and 1.1 (protocols.md 4.3) with System.Text.Json: 1.0's numeric ids become strings, 1.0's
/// <c>author</c> and 1.1's <c>authors</c> are both accepted, unknown keys (extensions, <c>__TEST__</c>) ignored. A
/// version given as a bare number instead of the URL is accepted and noted.
/// </summary>
internal static class JsonFeedParser
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 32, AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Skip };

    public static bool TryParse(string text, string? recovery, out FeedDocument? document, out string? error)
    {
        document = null;
        try
        {
            using var json = JsonDocument.Parse(text, Options);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "not a JSON Feed (the document is not a JSON object)";
                return false;
            }

            var version = String(root, "version");
            if (!root.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
            {
                error = version is null ? "not a JSON Feed (no \"version\" and no \"items\")" : "not a JSON Feed (no \"items\" array)";
                return false;
            }

            if (version is null || !version.StartsWith("https://jsonfeed.org/version/1", StringComparison.OrdinalIgnoreCase))
            {
                recovery = FeedDocumentParser.Join(recovery, version is null
                    ? "the JSON Feed has no \"version\""
                    : $"the JSON Feed version \"{version}\" is not the URL the specification asks for");
            }

            var entries = new List<FeedEntry>();
            foreach (var item in items.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object)
                {
                    entries.Add(ReadItem(item));
                }
            }

            document = new FeedDocument(FeedFormat.JsonFeed, String(root, "title"), String(root, "home_page_url"), String(root, "language"), null, entries, recovery);
            error = null;
            return true;
        }
        catch (JsonException exception)
        {
            error = $"malformed JSON ({FirstSentence(exception.Message)})";
            return false;
        }
        catch (InvalidOperationException exception)
        {
            // GetString on an escaped lone surrogate, which is not text.
            error = $"invalid string in JSON ({FirstSentence(exception.Message)})";
            return false;
        }
    }

    private static FeedEntry ReadItem(JsonElement item)
    {
        var media = new List<FeedEntryMedia>();
        if (String(item, "image") is { } image)
        {
            media.Add(new FeedEntryMedia(image, null, "image", null));
        }

        if (String(item, "banner_image") is { } banner)
        {
            media.Add(new FeedEntryMedia(banner, null, "image", null));
        }

        if (item.TryGetProperty("attachments", out var attachments) && attachments.ValueKind == JsonValueKind.Array)
        {
            foreach (var attachment in attachments.EnumerateArray())
            {
                if (attachment.ValueKind == JsonValueKind.Object && String(attachment, "url") is { } url)
                {
                    media.Add(new FeedEntryMedia(url, String(attachment, "mime_type"), null, String(attachment, "title")));
                }
            }
        }

        var html = String(item, "content_html");
        var plain = String(item, "content_text");
        return new FeedEntry
        {
            Id = Id(item),
            Title = String(item, "title"),
            Link = String(item, "url"),
            OtherLinks = String(item, "external_url") is { } external ? [external] : [],
            Summary = String(item, "summary"),

            // content_text is plain text; escaped, it reads the same through the HTML step as the words it holds.
            Content = html ?? (plain is null ? null : System.Net.WebUtility.HtmlEncode(plain).Replace("\n", "<br>", StringComparison.Ordinal)),
            Published = String(item, "date_published"),
            Updated = String(item, "date_modified"),
            Language = String(item, "language"),
            Media = media,
        };
    }

    private static string? Id(JsonElement item) =>
        item.TryGetProperty("id", out var id) ? id.ValueKind switch
        {
            JsonValueKind.String => FeedDocumentParser.NonEmpty(id.GetString()),
            JsonValueKind.Number => id.GetRawText(),
            _ => null,
        } : null;

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? FeedDocumentParser.NonEmpty(value.GetString()) : null;

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return (end > 0 ? message[..end] : message).TrimEnd('.');
    }
}

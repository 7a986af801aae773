using System.Security.Cryptography;
using System.Text;
using PressDeck.Connectors.Html;
using PressDeck.Core.Posts;

namespace PressDeck.Connectors.Feeds;

/// <summary>
/// Turns a feed's items into posts of network <c>rss</c>, for the live poller and <c>pressdeck import</c> alike.
/// Everything that reaches a post is plain text or an absolute http(s) address: titles, summaries and alt text go
/// through <see cref="HtmlText"/>, and every link and media address is resolved against the feed's address and dropped
/// unless it is http or https. Never throws on bad input: an item that cannot become a post is refused with a reason.
/// Thread-safe.
/// </summary>
public static class FeedItemReader
{
    /// <summary>A post's text is cut here (title and summary; full-text feeds can carry whole articles).</summary>
    public const int MaxTextLength = 20_000;

    public const int MaxAltTextLength = 1_000;

    private const int MaxLinks = 50;

    /// <summary>
    /// The posts of every item of <paramref name="document"/> in feed order; <see cref="RecordedItem.Line"/> is the
    /// 1-based item number. <paramref name="feedUrl"/> (where the feed was fetched, null for a file) resolves relative
    /// addresses; <paramref name="handle"/> is the feed's handle (see <see cref="FeedHandle.For"/>);
    /// <paramref name="fetchedAt"/> stands in for items without a readable date.
    /// </summary>
    public static IReadOnlyList<RecordedItem> Read(FeedDocument document, Uri? feedUrl, string handle, DateTime fetchedAt)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentException.ThrowIfNullOrWhiteSpace(handle);
        var baseUrl = feedUrl ?? (HtmlText.SafeHttpUrl(document.Link, null) is { } link ? new Uri(link) : null);
        var author = new Author(handle, Shorten(HtmlText.ToPlainText(document.Title), 200) is { Length: > 0 } name ? name : handle);
        var feedLanguage = Language(document.Language);
        var items = new List<RecordedItem>(document.Entries.Count);
        for (var index = 0; index < document.Entries.Count; index++)
        {
            var line = index + 1;
            var entry = document.Entries[index];
            items.Add(TryRead(entry, author, baseUrl, feedLanguage, DateTime.SpecifyKind(fetchedAt, DateTimeKind.Utc), out var post, out var error)
                ? new RecordedItem(line, post)
                : RecordedItem.Refused(line, error!));
        }

        return items;
    }

    private static bool TryRead(FeedEntry entry, Author author, Uri? baseUrl, string? feedLanguage, DateTime fetchedAt, out Post? post, out string? error)
    {
        post = null;
        var title = HtmlText.ToPlainText(entry.Title);
        // The summary is the text; the full content stands in when there is no summary (or it says nothing), and gives its links.
        var summary = HtmlText.Convert(entry.Summary, baseUrl);
        var content = entry.Content is null ? null : HtmlText.Convert(entry.Content, baseUrl);
        var body = summary.Text.Length == 0 && content is not null ? content : summary;
        var contentLinks = content?.Links ?? [];
        var url = HtmlText.SafeHttpUrl(entry.Link, baseUrl)
            ?? entry.OtherLinks.Select(link => HtmlText.SafeHttpUrl(link, baseUrl)).FirstOrDefault(link => link is not null);
        var text = ComposeText(title, body.Text);
        if (text.Length == 0)
        {
            if (url is null)
            {
                error = "the item has no title, no text and no link";
                return false;
            }

            text = url;
        }

        var links = new List<string>();
        if (url is not null)
        {
            links.Add(url);
        }

        links.AddRange(entry.OtherLinks.Select(link => HtmlText.SafeHttpUrl(link, baseUrl)).OfType<string>());
        links.AddRange(body.Links);
        links.AddRange(contentLinks);

        var published = FeedDates.TryParse(entry.Published, out var publishedAt) ? publishedAt : (DateTime?)null;
        var updated = FeedDates.TryParse(entry.Updated, out var updatedAt) ? updatedAt : (DateTime?)null;
        var createdAt = published ?? updated ?? fetchedAt;
        var language = Language(entry.Language) ?? feedLanguage;
        post = new Post
        {
            Network = Network.Rss,
            RemoteId = RemoteId(entry, url, author.Handle, title, body.Text),
            Author = author,
            Text = text,
            Title = title.Length > 0 ? title : null,
            CreatedAt = createdAt,
            EditedAt = published is { } first && updated is { } last && last - first >= TimeSpan.FromSeconds(1) ? last : null,
            Url = url,
            Links = links.Distinct(StringComparer.Ordinal).Take(MaxLinks).ToList(),
            Media = Media(entry.Media, baseUrl),
            Languages = language is null ? [] : [language],
        };
        error = null;
        return true;
    }

    /// <summary>
    /// The item's identity (protocols.md 4.1): its guid or id, else its link, else a hash of title and date. Ids that
    /// are addresses or URNs are unique on their own and kept as they are; bare ids ("17703") are only unique within
    /// their feed and get the feed's handle in front ("ibash-org-ru:17703").
    /// </summary>
    private static string RemoteId(FeedEntry entry, string? url, string handle, string title, string text)
    {
        if (entry.Id is { } id)
        {
            return id.Contains(':', StringComparison.Ordinal) ? id : $"{handle}:{id}";
        }

        if (url is not null)
        {
            return url;
        }

        var identity = string.Join('\n', handle, title, entry.Published ?? entry.Updated ?? text);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(identity));
        return $"{handle}:sha256:{Convert.ToHexStringLower(hash.AsSpan(0, 16))}";
    }

    private static string ComposeText(string title, string summary)
    {
        string text;
        if (summary.Length == 0 || summary == title)
        {
            text = title;
        }
        else if (title.Length == 0 || summary.StartsWith(title, StringComparison.Ordinal))
        {
            text = summary;
        }
        else
        {
            text = title + "\n\n" + summary;
        }

        return Shorten(text, MaxTextLength);
    }

    private static List<MediaItem> Media(IReadOnlyList<FeedEntryMedia> media, Uri? baseUrl)
    {
        var items = new List<MediaItem>();
        foreach (var file in media)
        {
            if (HtmlText.SafeHttpUrl(file.Url, baseUrl) is not { } url || items.Any(item => item.Url == url) || TypeOf(file) is not { } type)
            {
                continue;
            }

            var alt = Shorten(HtmlText.ToPlainText(file.Description), MaxAltTextLength);
            items.Add(new MediaItem(type, url, alt.Length > 0 ? alt : null));
        }

        return items;
    }

    private static MediaType? TypeOf(FeedEntryMedia file)
    {
        var mime = file.MimeType?.ToLowerInvariant() ?? string.Empty;
        var medium = file.Medium?.ToLowerInvariant() ?? string.Empty;
        if (mime == "image/gif")
        {
            return MediaType.Gif;
        }

        if (mime.StartsWith("image/", StringComparison.Ordinal) || (mime.Length == 0 && medium == "image"))
        {
            return MediaType.Image;
        }

        if (mime.StartsWith("video/", StringComparison.Ordinal) || (mime.Length == 0 && medium == "video"))
        {
            return MediaType.Video;
        }

        // Audio (podcasts), documents and Flash players are not media a post shows.
        return medium == "image" && !mime.StartsWith("audio/", StringComparison.Ordinal) ? MediaType.Image : null;
    }

    /// <summary>A BCP 47-looking tag (<c>en</c>, <c>en-us</c> → <c>en-US</c>), or null.</summary>
    private static string? Language(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag))
        {
            return null;
        }

        var parts = tag.Trim().Replace('_', '-').Split('-');
        if (parts[0].Length is < 2 or > 3 || !parts[0].All(char.IsAsciiLetter) || parts.Skip(1).Any(part => part.Length is 0 or > 8 || !part.All(char.IsAsciiLetterOrDigit)))
        {
            return null;
        }

        parts[0] = parts[0].ToLowerInvariant();
        for (var index = 1; index < parts.Length; index++)
        {
            parts[index] = parts[index].Length == 2 ? parts[index].ToUpperInvariant() : parts[index];
        }

        return string.Join('-', parts);
    }

    private static string Shorten(string text, int maximum)
    {
        if (text.Length <= maximum)
        {
            return text;
        }

        var cut = maximum - 1;
        if (char.IsLowSurrogate(text[cut]))
        {
            cut--;
        }

        return string.Concat(text.AsSpan(0, cut), "\u2026");
    }
}

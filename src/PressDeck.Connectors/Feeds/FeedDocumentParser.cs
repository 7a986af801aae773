using System.Globalization;
using System.Xml.Linq;
using CodeHollow.FeedReader;
using CodeHollow.FeedReader.Feeds;

namespace PressDeck.Connectors.Feeds;

/// <summary>
/// Reads a feed document's bytes into a <see cref="FeedDocument"/>: the encoding is found by <see cref="FeedTextDecoder"/>,
/// JSON Feed 1.0/1.1 is read with System.Text.Json, and XML is loaded safely by <see cref="FeedXml"/> (leniently when
/// it is not well-formed) and then read by CodeHollow.FeedReader, which knows RSS 0.91, 0.92, 1.0 (RDF) and 2.0, Atom
/// and Media RSS. Never throws on bad input: a document that cannot be read at all is refused with the reason.
/// Thread-safe.
/// </summary>
public static class FeedDocumentParser
{
    /// <summary>Larger documents are refused (real feeds are well under a megabyte; a full-text feed rarely passes a few).</summary>
    public const int MaxDocumentBytes = 10 * 1024 * 1024;

    private static readonly XNamespace Media = "http://search.yahoo.com/mrss/";
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";
    private static readonly XNamespace DublinCore = "http://purl.org/dc/elements/1.1/";

    /// <summary>
    /// Reads <paramref name="bytes"/>; <paramref name="httpCharset"/> is the response's Content-Type charset, if any.
    /// False with <paramref name="error"/> saying why when no feed can be read from them.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, string? httpCharset, out FeedDocument? document, out string? error)
    {
        document = null;
        if (bytes.Length > MaxDocumentBytes)
        {
            error = $"the document is {bytes.Length.ToString("N0", CultureInfo.InvariantCulture)} bytes, more than the {MaxDocumentBytes.ToString("N0", CultureInfo.InvariantCulture)} allowed";
            return false;
        }

        if (bytes.Trim(" \t\r\n"u8).IsEmpty)
        {
            error = "the document is empty";
            return false;
        }

        var decoded = FeedTextDecoder.Decode(bytes, httpCharset);
        var text = decoded.Text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (text.StartsWith('{') || text.StartsWith('['))
        {
            return JsonFeedParser.TryParse(text, decoded.Recovery, out document, out error);
        }

        if (!FeedXml.TryLoad(text, out var xml, out var xmlRecovery, out error))
        {
            return false;
        }

        var recovery = Join(decoded.Recovery, xmlRecovery);

        // Checked by name above (FeedXml guarantees a root); null-forgiving is safe here.
        var root = xml!.Root!;
        if (!PrepareForFeedReader(root, out error))
        {
            return false;
        }

        Feed feed;
        try
        {
            feed = FeedReader.ReadFromString(xml.ToString(SaveOptions.DisableFormatting));
        }
#pragma warning disable CA1031 // The library throws bare Exception for documents it cannot read; any of them is a refusal, not a crash.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            error = $"not an RSS or Atom feed ({exception.Message})";
            return false;
        }

        document = Map(feed, root, recovery);
        error = null;
        return true;
    }

    internal static string? Join(string? first, string? second) =>
        first is null ? second : second is null ? first : first + "; " + second;

    /// <summary>Checks the root is a feed, and gives an <c>rss</c> root without a version FeedReader knows the version 2.0 it parses best.</summary>
    private static bool PrepareForFeedReader(XElement root, out string? error)
    {
        var name = root.Name.LocalName;
        if (name.Equals("rss", StringComparison.OrdinalIgnoreCase))
        {
            if (!root.Elements().Any(element => element.Name.LocalName == "channel"))
            {
                error = "the feed has no items (an <rss> document without a <channel>)";
                return false;
            }

            var version = root.Attribute("version")?.Value.Trim();
            if (version is not ("2.0" or "0.91" or "0.92"))
            {
                root.SetAttributeValue("version", "2.0");
            }
        }
        else if (!name.Equals("feed", StringComparison.OrdinalIgnoreCase) && !name.Equals("rdf", StringComparison.OrdinalIgnoreCase))
        {
            error = name.Equals("html", StringComparison.OrdinalIgnoreCase)
                ? "this is a web page, not a feed"
                : $"not an RSS, Atom or JSON feed (the document is <{name}>)";
            return false;
        }

        error = null;
        return true;
    }

    private static FeedDocument Map(Feed feed, XElement root, string? recovery)
    {
        var channel = root.Elements().FirstOrDefault(element => element.Name.LocalName == "channel") ?? root;
        var format = feed.Type == FeedType.Atom ? FeedFormat.Atom : FeedFormat.Rss;
        var ttl = feed.SpecificFeed switch
        {
            Rss20Feed rss => rss.TTL,
            MediaRssFeed media => media.TTL,
            _ => null,
        };
        var link = format == FeedFormat.Atom ? AtomLink(root, "alternate") ?? feed.Link : feed.Link;
        var language = NonEmpty(feed.Language) ?? Lang(root) ?? NonEmpty(channel.Element(DublinCore + "language")?.Value);
        var entries = feed.Items.Select(item => MapItem(item, format)).ToList();
        return new FeedDocument(
            format,
            NonEmpty(feed.Title),
            NonEmpty(link),
            language,
            int.TryParse(ttl, NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) && minutes is > 0 and < 100_000 ? TimeSpan.FromMinutes(minutes) : null,
            entries,
            recovery);
    }

    private static FeedEntry MapItem(FeedItem item, FeedFormat format)
    {
        var element = item.SpecificItem?.Element;
        if (format == FeedFormat.Atom && element is not null)
        {
            var atom = item.SpecificItem as AtomFeedItem;
            return new FeedEntry
            {
                Id = NonEmpty(atom?.Id ?? item.Id),
                Title = NonEmpty(item.Title),
                Link = AtomLink(element, "alternate") ?? NonEmpty(item.Link),
                OtherLinks = [.. AtomLinks(element, "related", "via")],
                Summary = AtomText(element.Element(element.Name.Namespace + "summary")),
                Content = AtomText(element.Element(element.Name.Namespace + "content")),
                Published = NonEmpty(atom?.PublishedDateString),
                Updated = NonEmpty(atom?.UpdatedDateString),
                Language = Lang(element),
                Media = ReadMedia(element),
            };
        }

        var guid = element?.Element("guid");
        var isPermaLink = guid is not null && !string.Equals(guid.Attribute("isPermaLink")?.Value.Trim(), "false", StringComparison.OrdinalIgnoreCase);
        var id = item.SpecificItem switch
        {
            Rss10FeedItem rdf => NonEmpty(rdf.About) ?? NonEmpty(item.Id),
            _ => NonEmpty(guid?.Value) ?? NonEmpty(item.Id),
        };
        var published = item.SpecificItem switch
        {
            Rss10FeedItem rdf => NonEmpty(rdf.DC?.DateString),
            Rss20FeedItem rss => NonEmpty(rss.PublishingDateString) ?? NonEmpty(rss.DC?.DateString),
            MediaRssFeedItem media => NonEmpty(media.PublishingDateString) ?? NonEmpty(media.DC?.DateString),
            _ => NonEmpty(item.PublishingDateString),
        };
        return new FeedEntry
        {
            Id = id,
            Title = NonEmpty(item.Title),
            Link = NonEmpty(item.Link),
            OtherLinks = isPermaLink && NonEmpty(guid?.Value) is { } permalink ? [permalink] : [],
            Summary = NonEmpty(item.Description),
            Content = NonEmpty(element?.Element(Content + "encoded")?.Value),
            Published = published,
            Updated = NonEmpty(element?.Element(Atom + "updated")?.Value),
            Language = element is null ? null : Lang(element) ?? NonEmpty(element.Element(DublinCore + "language")?.Value),
            Media = element is null ? [] : ReadMedia(element),
        };
    }

    /// <summary>An Atom text construct as HTML: <c>type="xhtml"</c> is markup inside a div, the others are text or escaped HTML.</summary>
    private static string? AtomText(XElement? element)
    {
        if (element is null || element.Attribute("src") is not null)
        {
            return null;
        }

        if (string.Equals(element.Attribute("type")?.Value, "xhtml", StringComparison.OrdinalIgnoreCase))
        {
            return NonEmpty(string.Concat(element.Nodes().Select(node => node.ToString(SaveOptions.DisableFormatting))));
        }

        return NonEmpty(element.Value);
    }

    private static string? AtomLink(XElement element, string relation) => AtomLinks(element, relation).FirstOrDefault();

    private static IEnumerable<string> AtomLinks(XElement element, params string[] relations) =>
        element.Elements()
            .Where(link => link.Name.LocalName == "link"
                && relations.Contains((link.Attribute("rel")?.Value.Trim() is { Length: > 0 } rel ? rel : "alternate").ToLowerInvariant()))
            .Select(link => NonEmpty(link.Attribute("href")?.Value))
            .OfType<string>();

    /// <summary>
    /// Every attached file of an item: RSS enclosures, Atom enclosure links, Media RSS content, groups and thumbnails,
    /// each with the nearest description the feed gives (the file's own, its group's, the item's).
    /// </summary>
    private static List<FeedEntryMedia> ReadMedia(XElement item)
    {
        var media = new List<FeedEntryMedia>();
        var itemDescription = MediaDescription(item);
        foreach (var enclosure in item.Elements().Where(element => element.Name.LocalName == "enclosure" && element.Name.Namespace != Media))
        {
            if (NonEmpty(enclosure.Attribute("url")?.Value) is { } url)
            {
                media.Add(new FeedEntryMedia(url, NonEmpty(enclosure.Attribute("type")?.Value), null, itemDescription));
            }
        }

        foreach (var link in item.Elements().Where(element => element.Name.LocalName == "link" && element.Attribute("rel")?.Value.Trim() == "enclosure"))
        {
            if (NonEmpty(link.Attribute("href")?.Value) is { } url)
            {
                media.Add(new FeedEntryMedia(url, NonEmpty(link.Attribute("type")?.Value), null, NonEmpty(link.Attribute("title")?.Value) ?? itemDescription));
            }
        }

        AddMediaRss(item, itemDescription, media);
        foreach (var group in item.Elements(Media + "group"))
        {
            AddMediaRss(group, MediaDescription(group) ?? itemDescription, media);
        }

        return media;
    }

    private static void AddMediaRss(XElement parent, string? inheritedDescription, List<FeedEntryMedia> media)
    {
        foreach (var content in parent.Elements(Media + "content"))
        {
            var description = MediaDescription(content) ?? inheritedDescription;
            if (NonEmpty(content.Attribute("url")?.Value) is { } url)
            {
                media.Add(new FeedEntryMedia(url, NonEmpty(content.Attribute("type")?.Value), NonEmpty(content.Attribute("medium")?.Value), description));
            }

            foreach (var thumbnail in content.Elements(Media + "thumbnail"))
            {
                if (NonEmpty(thumbnail.Attribute("url")?.Value) is { } thumbnailUrl)
                {
                    media.Add(new FeedEntryMedia(thumbnailUrl, null, "image", description));
                }
            }
        }

        foreach (var thumbnail in parent.Elements(Media + "thumbnail"))
        {
            if (NonEmpty(thumbnail.Attribute("url")?.Value) is { } url)
            {
                media.Add(new FeedEntryMedia(url, null, "image", inheritedDescription));
            }
        }
    }

    private static string? MediaDescription(XElement element) =>
        NonEmpty(element.Element(Media + "description")?.Value) ?? NonEmpty(element.Element(Media + "title")?.Value);

    private static string? Lang(XElement element) => NonEmpty(element.Attribute(XNamespace.Xml + "lang")?.Value);

    internal static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

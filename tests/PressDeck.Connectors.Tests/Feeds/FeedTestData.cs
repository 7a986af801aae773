using PressDeck.Connectors.Feeds;
using PressDeck.Core.Posts;
using PressDeck.Testing;

namespace PressDeck.Connectors.Tests.Feeds;

/// <summary>Reads the recorded feeds of ../shared/fixtures/rss into posts, as <c>pressdeck import</c> does.</summary>
internal static class FeedTestData
{
    public static readonly DateTime FetchedAt = new(2026, 11, 26, 9, 0, 0, DateTimeKind.Utc);

    public static FeedDocument Document(string fixture, string? httpCharset = null)
    {
        Assert.True(FeedDocumentParser.TryParse(File.ReadAllBytes(SharedFixtures.PathOf(fixture)), httpCharset, out var document, out var error), error);
        return document!;
    }

    public static List<Post> Posts(string fixture, Uri? feedUrl = null)
    {
        var document = Document(fixture);
        var items = FeedItemReader.Read(document, feedUrl, FeedHandle.For(null, document.Title, feedUrl), FetchedAt);
        Assert.All(items, item => Assert.Null(item.Refusal));
        return [.. items.Select(item => item.Post!)];
    }

    public static byte[] Rss(params string[] items) => System.Text.Encoding.UTF8.GetBytes(
        $"""<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Test Desk</title><link>https://news.example/</link><language>en-gb</language>{string.Concat(items)}</channel></rss>""");

    public static string Item(string guid, string title, string pubDate = "Thu, 26 Nov 2026 08:00:00 GMT", string description = "Summary") =>
        $"<item><guid isPermaLink=\"false\">{guid}</guid><title>{title}</title><link>https://news.example/{guid}</link><description>{description}</description><pubDate>{pubDate}</pubDate></item>";
}

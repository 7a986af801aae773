using System.Text;
using Microsoft.Extensions.Time.Testing;
using PressDeck.Connectors.Feeds;
using PressDeck.Testing;

namespace PressDeck.Connectors.Tests.Feeds;

[Trait("Issue", "4")]
public sealed class FeedRecordedPayloadsTests
{
    [Fact]
    public void A_saved_feed_yields_one_post_per_item_numbered_from_one()
    {
        using var stream = File.OpenRead(SharedFixtures.PathOf("rss/FR_Rss10OrfAt.xml"));

        var items = FeedRecordedPayloads.Read(stream).ToList();

        Assert.Equal(Enumerable.Range(1, 50).Select(line => (long)line), items.Select(item => item.Line));
        Assert.All(items, item => Assert.Equal("news-orf-at", item.Post!.Author.Handle));
    }

    [Fact]
    public void The_handle_can_be_given_and_undated_items_take_the_time_of_import()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero));
        using var stream = File.OpenRead(SharedFixtures.PathOf("rss/jsonfeed/FP_json_example.json"));

        var items = FeedRecordedPayloads.Read(stream, "example", time).ToList();

        Assert.Equal(["example", "example"], items.Select(item => item.Post!.Author.Handle));
        Assert.All(items, item => Assert.Equal(time.GetUtcNow().UtcDateTime, item.Post!.CreatedAt));
    }

    [Fact]
    public void Items_that_cannot_become_posts_are_refused_by_number_and_the_rest_still_come()
    {
        var rss = "<rss version=\"2.0\"><channel><title>Desk</title><item><title>One</title><guid>1</guid></item><item></item><item><title>Three</title><guid>3</guid></item></channel></rss>";

        var items = FeedRecordedPayloads.Read(new MemoryStream(Encoding.UTF8.GetBytes(rss))).ToList();

        Assert.Equal([1L, 2L, 3L], items.Select(item => item.Line));
        Assert.Equal("the item has no title, no text and no link", items[1].Refusal);
        Assert.Equal("Three", items[2].Post!.Text);
    }

    [Theory]
    [InlineData("rss/malformed/FP_illformed_rss_empty_document.xml", "the document is empty")]
    [InlineData("rss/jsonfeed/GF_invalid.json", "malformed JSON")]
    public void A_document_that_cannot_be_read_is_one_refusal_with_the_reason(string fixture, string reason)
    {
        using var stream = File.OpenRead(SharedFixtures.PathOf(fixture));

        var refusal = Assert.Single(FeedRecordedPayloads.Read(stream));

        Assert.Equal(0, refusal.Line);
        Assert.Null(refusal.Post);
        Assert.StartsWith(reason, refusal.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void An_oversized_document_is_refused_without_being_read_whole()
    {
        using var stream = new MemoryStream(new byte[FeedDocumentParser.MaxDocumentBytes + 1]);

        var refusal = Assert.Single(FeedRecordedPayloads.Read(stream));

        Assert.Equal("the document is larger than the 10,485,760 bytes allowed", refusal.Refusal);
    }
}

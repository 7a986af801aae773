using System.Text;
using PressDeck.Connectors.Feeds;
using PressDeck.Testing;

namespace PressDeck.Connectors.Tests.Feeds;

[Trait("Issue", "4")]
public sealed class FeedDocumentParserTests
{
    public static TheoryData<string, int> WellFormed => new()
    {
        { "rss/FR_AtomTheVerge.xml", 10 },
        { "rss/FR_AtomYoutubeInvestmentPunk.xml", 15 },
        { "rss/FR_Rss091Stadtfeuerwehr.xml", 15 },
        { "rss/FR_Rss10OrfAt.xml", 50 },
        { "rss/FR_Rss20DailyMail.xml", 0 },
        { "rss/FR_Rss20ISO88591Intranet30.xml", 30 },
        { "rss/FR_Rss20ItunesSample.xml", 4 },
        { "rss/FR_Rss20NYTimes.xml", 33 },
        { "rss/FR_Rss20Reuters.xml", 10 },
        { "rss/FR_Rss20Spiegel.xml", 17 },
        { "rss/FR_Rss20YandexRussia.xml", 15 },
        { "rss/MF_encoding_WINDOWS-1251.xml", 50 },
        { "rss/MF_small_atom.xml", 20 },
        { "rss/MF_urdu_UTF8.xml", 26 },
        { "rss/jsonfeed/FP_json_example.json", 2 },
        { "rss/jsonfeed/GF_version_json_10.json", 1 },
        { "rss/jsonfeed/GF_version_json_11.json", 1 },
    };

    [Theory]
    [MemberData(nameof(WellFormed))]
    public void Every_recorded_feed_is_read_with_all_its_items(string fixture, int items)
    {
        var document = FeedTestData.Document(fixture);

        Assert.Equal(items, document.Entries.Count);
        Assert.All(document.Entries, entry => Assert.False(entry.Title is null && entry.Summary is null && entry.Content is null));
    }

    [Theory]
    [InlineData("rss/malformed/FR_AtomSpecialCharacters.xml", "Decode NMEA bytes received via external GPS bluetooth device", "0x0F")]
    [InlineData("rss/malformed/FP_illformed_chardet_shiftjis.xml", "DrecomRSSに記事投稿が反映されない…", "detected shift_jis")]
    [InlineData("rss/malformed/MF_invalid-prolog.xml", "Café", "unknown encoding \"invalid\"")]
    [InlineData("rss/malformed/MF_no_encoding_ISO-8859-1.xml", "Perturbateurs endocriniens : quels effets sur le cerveau ?", "iso-8859-1")]
    [InlineData("rss/malformed/FP_illformed_rss_item_link_corrupted_ampersands.xml", null, "escaped")]
    public void Broken_feeds_are_recovered_and_say_what_was_repaired(string fixture, string? firstTitle, string repair)
    {
        var document = FeedTestData.Document(fixture);

        Assert.Contains(repair, document.Recovery, StringComparison.Ordinal);
        Assert.NotEmpty(document.Entries);
        Assert.Equal(firstTitle, document.Entries[0].Title);
    }

    [Fact]
    public void Corrupted_ampersands_keep_the_link_whole()
    {
        var document = FeedTestData.Document("rss/malformed/FP_illformed_rss_item_link_corrupted_ampersands.xml");

        Assert.Equal("http://link/get?a=1&b=2", Assert.Single(document.Entries).Link);
    }

    [Fact]
    public void A_legacy_encoding_declared_on_valid_utf8_is_read_as_utf8()
    {
        var document = FeedTestData.Document("rss/malformed/MF_windows-1252-incorrect-prolog.xml");

        Assert.Equal("Euro €", document.Title);
        Assert.Contains("valid UTF-8", document.Recovery, StringComparison.Ordinal);
    }

    [Fact]
    public void Undeclared_prefixes_and_misplaced_declarations_are_read_leniently()
    {
        var undeclared = FeedTestData.Document("rss/malformed/FP_illformed_undeclared_namespace.xml");
        var cdata = FeedTestData.Document("rss/malformed/FP_illformed_rss_incomplete_cdata.xml");

        Assert.Contains("undeclared prefix", undeclared.Recovery, StringComparison.Ordinal);
        Assert.Equal("can feedparser read this xml", cdata.Title);
        Assert.Contains("dropped an XML declaration that was not at the start", cdata.Recovery, StringComparison.Ordinal);
        var item = Assert.Single(FeedItemReader.Read(cdata, null, "feedparser", FeedTestData.FetchedAt));
        Assert.Equal("the item has no title, no text and no link", item.Refusal);
    }

    [Theory]
    [InlineData("rss/malformed/FP_illformed_rss_empty_document.xml", "the document is empty")]
    [InlineData("rss/malformed/FP_illformed_aaa_illformed.xml", "no items")]
    [InlineData("rss/jsonfeed/GF_invalid.json", "malformed JSON")]
    public void Unreadable_documents_are_refused_with_a_reason(string fixture, string reason)
    {
        var readable = FeedDocumentParser.TryParse(File.ReadAllBytes(SharedFixtures.PathOf(fixture)), null, out var document, out var error);

        Assert.False(readable);
        Assert.Null(document);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_high_bit_date_does_not_stop_the_feed()
    {
        var document = FeedTestData.Document("rss/malformed/FP_illformed_http_high_bit_date.xml");

        Assert.Empty(document.Entries);
        Assert.Null(document.Recovery);
        Assert.False(FeedDates.TryParse("Ôñé, 29 Éïý 2004 12:53:00 GMT", out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n")]
    [InlineData("<html><body>Not a feed</body></html>")]
    [InlineData("{\"hello\": 1}")]
    [InlineData("[1,2,3]")]
    [InlineData("<rss version=\"2.0\"><channel><item><title>x</title></item>")]
    [InlineData("<!DOCTYPE rss [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><rss version=\"2.0\"><channel><title>&x;</title></channel></rss>")]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]><rss version=\"2.0\"><channel><title>&lol2;</title></channel></rss>")]
    public void Garbage_never_throws_and_no_entity_is_ever_resolved(string text)
    {
        var readable = FeedDocumentParser.TryParse(Encoding.UTF8.GetBytes(text), null, out var document, out var error);

        Assert.True(readable ? document is not null : error is not null);
        Assert.DoesNotContain("root:", document?.Title ?? string.Empty, StringComparison.Ordinal);
        Assert.DoesNotContain("lollol", document?.Title ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public void The_http_charset_decides_when_the_document_declares_nothing()
    {
        var bytes = Encoding.GetEncoding("windows-1251").GetBytes("<rss version=\"2.0\"><channel><title>Новости</title></channel></rss>");

        var readable = FeedDocumentParser.TryParse(bytes, "windows-1251", out var document, out _);

        Assert.True(readable);
        Assert.Equal("Новости", document!.Title);
    }
}

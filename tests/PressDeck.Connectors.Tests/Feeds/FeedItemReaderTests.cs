using PressDeck.Connectors.Feeds;
using PressDeck.Core.Posts;

namespace PressDeck.Connectors.Tests.Feeds;

[Trait("Issue", "4")]
public sealed class FeedItemReaderTests
{
    [Fact]
    public void Rss_2_items_have_guid_title_summary_link_date_language_and_media_with_alt_text()
    {
        var posts = FeedTestData.Posts("rss/FR_Rss20NYTimes.xml");

        Assert.Equal(33, posts.Count);
        var first = posts[0];
        Assert.Equal(Network.Rss, first.Network);
        Assert.Equal("http://www.nytimes.com/2017/01/06/us/politics/donald-trump-wall-hack-russia.html", first.RemoteId);
        Assert.Equal(new Author("nyt-home-page", "NYT > Home Page"), first.Author);
        Assert.Equal("Putin Led a Complex Cyberattack Scheme to Aid Trump, Report Finds", first.Title);
        Assert.StartsWith("Putin Led a Complex Cyberattack Scheme to Aid Trump, Report Finds\n\nU.S. intelligence agencies presented", first.Text, StringComparison.Ordinal);
        Assert.Equal("http://www.nytimes.com/2017/01/06/us/politics/donald-trump-wall-hack-russia.html?partner=rss&emc=rss", first.Url);
        Assert.Equal(first.Url, first.Links[0]);
        Assert.Equal(new DateTime(2017, 1, 7, 1, 49, 31, DateTimeKind.Utc), first.CreatedAt);
        Assert.Null(first.EditedAt);
        Assert.Equal(["en-US"], first.Languages);
        var image = Assert.Single(first.Media);
        Assert.Equal(MediaType.Image, image.Type);
        Assert.Equal("https://static01.nyt.com/images/2017/01/07/us/07trump3_hp/07trump3_hp-moth.jpg", image.Url);
        Assert.StartsWith("President-elect Donald J. Trump left One World Trade Center", image.AltText, StringComparison.Ordinal);
    }

    [Fact]
    public void Atom_entries_use_the_entry_id_alternate_link_and_published_date_and_an_update_is_an_edit()
    {
        var posts = FeedTestData.Posts("rss/FR_AtomYoutubeInvestmentPunk.xml");

        Assert.Equal(15, posts.Count);
        var first = posts[0];
        Assert.Equal("yt:video:AFA8ZtMwrvc", first.RemoteId);
        Assert.Equal("http://www.youtube.com/watch?v=AFA8ZtMwrvc", first.Url);
        Assert.Equal("Investment Punk Academy by Gerald Hörhan", first.Author.DisplayName);
        Assert.Equal("investment-punk-academy-by-gerald-hörhan", first.Author.Handle);
        Assert.Equal("Zukunft von Vertretern I Kernfusion I Musikgeschäft #ASKTHEPUNK 71", first.Title);
        Assert.Equal(new DateTime(2017, 1, 20, 16, 0, 0, DateTimeKind.Utc), first.CreatedAt);
        Assert.Equal(new DateTime(2017, 1, 23, 18, 14, 49, DateTimeKind.Utc), first.EditedAt);
        var thumbnail = Assert.Single(first.Media);
        Assert.Equal(("https://i2.ytimg.com/vi/AFA8ZtMwrvc/hqdefault.jpg", MediaType.Image), (thumbnail.Url, thumbnail.Type));
        Assert.Contains("JETZT MITGLIED DER INVESTMENT PUNK ACADEMY WERDEN", thumbnail.AltText, StringComparison.Ordinal);
    }

    [Fact]
    public void Atom_html_content_becomes_text_with_the_links_it_holds()
    {
        var posts = FeedTestData.Posts("rss/FR_AtomTheVerge.xml");

        Assert.Equal(10, posts.Count);
        var linkedin = posts[2];
        Assert.Equal("Russia is erasing Linkedin from app stores", linkedin.Title);
        Assert.Contains("Apple and Google have agreed to remove LinkedIn", linkedin.Text, StringComparison.Ordinal);
        Assert.DoesNotContain('<', linkedin.Text);
        Assert.Contains("http://www.nytimes.com/2017/01/06/technology/linkedin-blocked-in-russia.html?_r=0", linkedin.Links);
        Assert.Equal(["en"], linkedin.Languages);
    }

    [Fact]
    public void Rss_0_91_and_rss_1_0_rdf_feeds_are_read_by_the_same_reader()
    {
        var feuerwehr = FeedTestData.Posts("rss/FR_Rss091Stadtfeuerwehr.xml");
        var orf = FeedTestData.Posts("rss/FR_Rss10OrfAt.xml");

        Assert.Equal(15, feuerwehr.Count);
        Assert.Equal("[19.08.2018 - 07:08 Uhr] Brandmeldeanlagenalarm", feuerwehr[0].Title);
        Assert.Contains("Einsatzort: Weiz, Elingasse (Fa. Andritz Hydro Werk Nord)\nAlarmierung: Sammelruf", feuerwehr[0].Text, StringComparison.Ordinal);
        Assert.Equal("Stadtfeuerwehr Weiz - Einsätze", feuerwehr[0].Author.DisplayName);
        Assert.Equal(["de-DE"], feuerwehr[0].Languages);
        Assert.Equal(new DateTime(2018, 8, 19, 6, 8, 0, DateTimeKind.Utc), feuerwehr[0].CreatedAt);

        Assert.Equal(50, orf.Count);
        Assert.Equal("http://orf.at/stories/2376368/", orf[0].RemoteId);
        Assert.Equal("US-Band New Edition mit Stern auf „Walk of Fame“ geehrt", orf[0].Title);
        Assert.Equal(new DateTime(2017, 1, 23, 20, 54, 55, DateTimeKind.Utc), orf[0].CreatedAt);
        Assert.Equal(["de"], orf[0].Languages);
    }

    [Fact]
    public void Podcast_enclosures_are_video_media_and_audio_is_left_out_of_media()
    {
        var posts = FeedTestData.Posts("rss/FR_Rss20ItunesSample.xml");

        Assert.Equal(4, posts.Count);
        Assert.Empty(posts[0].Media);
        Assert.Equal("http://example.com/podcasts/archive/aae20140615.m4a", posts[0].Url);
        var video = Assert.Single(posts[1].Media);
        Assert.Equal((MediaType.Video, "http://example.com/podcasts/everything/AllAboutEverythingEpisode2.mp4"), (video.Type, video.Url));
    }

    [Fact]
    public void Cyrillic_urdu_swedish_and_german_text_comes_out_as_real_characters()
    {
        var windows1251 = FeedTestData.Posts("rss/MF_encoding_WINDOWS-1251.xml");
        var yandex = FeedTestData.Posts("rss/FR_Rss20YandexRussia.xml");
        var urdu = FeedTestData.Posts("rss/MF_urdu_UTF8.xml");
        var latin1 = FeedTestData.Posts("rss/FR_Rss20ISO88591Intranet30.xml");
        var spiegel = FeedTestData.Posts("rss/FR_Rss20Spiegel.xml");

        Assert.Equal("Цитата #17703", windows1251[0].Title);
        Assert.Contains("есть у кого жаба программер", windows1251[0].Text, StringComparison.Ordinal);
        Assert.Equal("ibash-org-ru", windows1251[0].Author.Handle);
        Assert.Equal("Яндекс.Новости: Москва", yandex[0].Author.DisplayName);
        Assert.Equal("В Москве из-за сильных морозов объявлен «оранжевый» уровень опасности", yandex[0].Title);
        Assert.Equal("امریکی عسکری امداد کی بندش کی وجوہات: انڈیا سے جنگ، جوہری پروگرام اور اب دہشت گردوں کی پشت پناہی", urdu[0].Title);
        Assert.Equal(["ur"], urdu[0].Languages);
        Assert.Equal("SVART MÅNAD - DÖDSOLYCKA i Vetlanda", latin1[0].Title);
        Assert.Equal("Polizeieinsatz in Kölner Silvesternacht: Alles richtig gemacht. Alles?", spiegel[0].Title);
        Assert.Contains("Erneut bewegte die Silvesternacht in Köln das Land.", spiegel[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_feed_items_have_id_url_dates_attachments_and_no_script()
    {
        var example = FeedTestData.Posts("rss/jsonfeed/FP_json_example.json");
        var version11 = FeedTestData.Posts("rss/jsonfeed/GF_version_json_11.json");
        var version10 = FeedTestData.Posts("rss/jsonfeed/GF_version_json_10.json");

        Assert.Equal(2, example.Count);
        Assert.Equal("my-example-feed:2", example[0].RemoteId);
        Assert.Equal("post 2\n\nThis is a second item.", example[0].Text);
        Assert.Equal(MediaType.Video, Assert.Single(example[0].Media).Type);
        Assert.Equal("Hello, world!", example[1].Text);
        Assert.Equal(FeedTestData.FetchedAt, example[1].CreatedAt);

        var item = Assert.Single(version11);
        Assert.Equal("title:id", item.RemoteId);
        Assert.Equal("https://sample-json-feed.com/id", item.Url);
        Assert.Equal(["https://sample-json-feed.com/id", "https://sample-json-feed.com/external"], item.Links);
        Assert.Equal("title\n\nsummary", item.Text);
        Assert.Equal(new DateTime(2019, 10, 12, 7, 20, 50, 520, DateTimeKind.Utc), item.CreatedAt);
        Assert.Equal(["https://sample-json-feed.com/image.png", "https://sample-json-feed.com/banner_image.png"], item.Media.Select(media => media.Url));
        Assert.Equal(PostJsonReader.Write(item), PostJsonReader.Write(Assert.Single(version10)));
    }

    [Fact]
    public void An_item_without_guid_or_link_gets_a_stable_hash_id_and_relative_links_resolve_against_the_feed_address()
    {
        var rss = """
            <rss version="2.0"><channel><title>Town Hall</title>
            <item><title>Bins collected on Friday</title><link>/news/bins</link><pubDate>Thu, 26 Nov 2026 08:00:00 GMT</pubDate>
              <description>See &lt;a href="../notices/1"&gt;the notice&lt;/a&gt;</description></item>
            <item><title>No link here</title><pubDate>Thu, 26 Nov 2026 07:00:00 GMT</pubDate></item>
            </channel></rss>
            """u8.ToArray();
        Assert.True(FeedDocumentParser.TryParse(rss, null, out var document, out _));

        var first = FeedItemReader.Read(document!, new Uri("https://townhall.example/feeds/main.xml"), "town-hall", FeedTestData.FetchedAt);
        var second = FeedItemReader.Read(document!, new Uri("https://townhall.example/feeds/main.xml"), "town-hall", FeedTestData.FetchedAt.AddHours(1));

        Assert.Equal("https://townhall.example/news/bins", first[0].Post!.RemoteId);
        Assert.Equal("https://townhall.example/news/bins", first[0].Post!.Url);
        Assert.Contains("https://townhall.example/notices/1", first[0].Post!.Links);
        Assert.StartsWith("town-hall:sha256:", first[1].Post!.RemoteId, StringComparison.Ordinal);
        Assert.Equal(first[1].Post!.RemoteId, second[1].Post!.RemoteId);
        Assert.Null(first[1].Post!.Url);
    }

    [Theory]
    [InlineData("BBC News - Business", "bbc-news-business")]
    [InlineData("NYT > Home Page", "nyt-home-page")]
    [InlineData("  Le Monde.fr : Actualités  ", "le-monde-fr-actualités")]
    [InlineData("!!!", null)]
    public void A_feed_handle_is_its_name_in_lower_case_with_words_joined_by_dashes(string name, string? handle) =>
        Assert.Equal(handle, FeedHandle.FromName(name));
}

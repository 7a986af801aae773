using PressDeck.Core.Posts;
using PressDeck.Core.Text;
using static PressDeck.Core.Tests.Support.PostBuilder;

namespace PressDeck.Core.Tests.Text;

public sealed class PostAnalyzerTests
{
    private const string P = "\uE000";

    [Theory]
    [InlineData("More #Apprentices than ever", "more apprentices than ever")]
    [InlineData("Read #steel_news today", "read steel news today")]
    [InlineData("thanks @bbc for", "thanks " + P + " for")]
    [InlineData("see https://www.gov.uk/budget now", "see " + P + " now")]
    [InlineData("The Skills-Bill passes", "the skills bill passes")]
    [InlineData("In #2026 we", "in 2026 we")]
    [InlineData("email press@bbcnews.com", "email press bbcnews com")]
    [InlineData("東京で #会議", "東 京 で 会 議")]
    [InlineData("Café Straße", "cafe strasse")]
    [InlineData("🎉🎉", "")]
    public void Index_text_is_the_token_stream_with_entities_as_placeholders(string text, string expected)
    {
        var analyzed = PostAnalyzer.Analyze(Post(text));

        Assert.Equal(expected, analyzed.IndexText);
        Assert.Equal(analyzed.Tokens.Count, expected.Length == 0 ? 0 : expected.Split(' ').Length);
    }

    [Fact]
    public void Hashtags_are_normalised_bodies_found_after_a_non_letter()
    {
        var analyzed = PostAnalyzer.Analyze(Post("#Budget and #Économie,#steel_news but not a#b nor #2026 nor #"));

        Assert.Equal(["budget", "economie", "steel_news"], analyzed.Hashtags);
        Assert.Equal("budget economie steel_news", analyzed.IndexHashtags);
    }

    [Fact]
    public void Mentions_exclude_trailing_dots_emails_and_keep_mastodon_domains()
    {
        var analyzed = PostAnalyzer.Analyze(Post("thanks @BBCNews. and @bob@mastodon.social, press@gov.uk, @ft_reporter's scoop, .@alice.bsky.social-"));

        Assert.Equal(["bbcnews", "bob@mastodon.social", "ft_reporter", "alice.bsky.social"], analyzed.Mentions);
        Assert.Equal("bbcnews bob@mastodon.social ft_reporter alice.bsky.social", analyzed.IndexMentions);
    }

    [Fact]
    public void Links_are_host_and_path_without_www_query_fragment_or_trailing_punctuation()
    {
        var analyzed = PostAnalyzer.Analyze(Post("See https://www.GOV.uk/Budget?x=1#top, (https://assets.publishing.gov.uk/x.pdf) and https://en.wikipedia.org/wiki/Mercury_(planet)."));

        Assert.Equal(
            [new LinkTarget("gov.uk", "/budget"), new LinkTarget("assets.publishing.gov.uk", "/x.pdf"), new LinkTarget("en.wikipedia.org", "/wiki/mercury_(planet)")],
            analyzed.Links);
        Assert.True(analyzed.HasLinks);
    }

    [Fact]
    public void Link_and_mention_text_are_not_words()
    {
        var analyzed = PostAnalyzer.Analyze(Post("thanks @bbcnews https://www.gov.uk/budget"));

        Assert.False(analyzed.ContainsWord("bbcnews"));
        Assert.False(analyzed.ContainsWord("budget"));
        Assert.False(analyzed.ContainsWord("gov"));
    }

    [Fact]
    public void A_phrase_does_not_run_across_a_mention()
    {
        var analyzed = PostAnalyzer.Analyze(Post("thanks @bbc for"));

        Assert.False(analyzed.ContainsPhrase(["thanks", "for"]));
        Assert.Equal(3, analyzed.Tokens.Count);
    }

    [Fact]
    public void Entities_are_the_union_of_text_and_network_supplied_ones()
    {
        var post = Post("Read #budget with @bob", hashtags: ["#Economy", "budget", "not-valid"], mentions: ["@Carol", "bob", "did:plc:xyz"], links: ["https://www.ons.gov.uk/data/"]);

        var analyzed = PostAnalyzer.Analyze(post);

        Assert.Equal(["budget", "economy"], analyzed.Hashtags);
        Assert.Equal(["bob", "carol"], analyzed.Mentions);
        Assert.Equal([new LinkTarget("ons.gov.uk", "/data")], analyzed.Links);
    }

    [Fact]
    public void Link_text_the_network_shows_without_a_scheme_is_link_text()
    {
        var post = Post("Read gov.uk/budget-stat… and www.ons.gov.uk/data today", links: ["https://www.gov.uk/budget-statement-2026", "https://www.ons.gov.uk/data"]);

        var analyzed = PostAnalyzer.Analyze(post);

        Assert.Equal("read " + P + " and " + P + " today", analyzed.IndexText);
    }

    [Fact]
    public void A_repost_wrapper_is_neither_a_mention_nor_words()
    {
        var post = Post("RT @ft_reporter: apprentices rally with @bob", author: "jo", kind: PostKind.Repost, repostOf: "ft_reporter", mentions: ["ft_reporter", "bob"]);

        var analyzed = PostAnalyzer.Analyze(post);

        Assert.Equal(["bob"], analyzed.Mentions);
        Assert.Equal("apprentices rally with " + P, analyzed.IndexText);
        Assert.Equal("jo", analyzed.AuthorHandle);
        Assert.True(analyzed.IsRepost);
        Assert.False(analyzed.IsReply);
    }

    [Fact]
    public void Rt_is_only_a_wrapper_on_a_repost()
    {
        var analyzed = PostAnalyzer.Analyze(Post("RT @ft_reporter: old style"));

        Assert.Equal(["ft_reporter"], analyzed.Mentions);
        Assert.Equal("rt " + P + " old style", analyzed.IndexText);
    }

    [Fact]
    public void Kinds_languages_media_and_author_are_carried_over()
    {
        var post = Post(
            "text",
            author: "@BBCNews",
            kind: PostKind.Reply,
            network: Network.X,
            replyTo: "@Jo",
            quoteOf: "q1",
            languages: ["en-GB", "EN", "fr_CA"],
            media: [new MediaItem(MediaType.Gif, "https://x/y.gif", null)]);

        var analyzed = PostAnalyzer.Analyze(post);

        Assert.Equal("bbcnews", analyzed.AuthorHandle);
        Assert.Equal(Network.X, analyzed.Network);
        Assert.True(analyzed.IsReply);
        Assert.True(analyzed.IsQuote);
        Assert.Equal("jo", analyzed.ReplyToHandle);
        Assert.Equal(["en", "fr"], analyzed.Languages);
        Assert.True(analyzed.HasVideo);
        Assert.True(analyzed.HasMedia);
        Assert.False(analyzed.HasImages);
        Assert.False(analyzed.HasLinks);
    }

    [Fact]
    public void A_feed_item_text_is_its_title_and_summary()
    {
        var withTitle = PostAnalyzer.Analyze(Post("Summary here", network: Network.Rss, title: "Budget day"));
        var alreadyJoined = PostAnalyzer.Analyze(Post("Budget day\nSummary here", network: Network.Rss, title: "Budget day"));

        Assert.Equal("budget day summary here", withTitle.IndexText);
        Assert.Equal("budget day summary here", alreadyJoined.IndexText);
    }

    [Fact]
    public void Full_width_entity_signs_are_entities_after_nfkc()
    {
        var analyzed = PostAnalyzer.Analyze(Post("＃予算 ＠bbc"));

        Assert.Equal(["予算"], analyzed.Hashtags);
        Assert.Equal(["bbc"], analyzed.Mentions);
    }

    [Theory]
    [InlineData("Plain ASCII text, with punctuation! And #tags @handles https://x.org/a_b-c.")]
    [InlineData("Ünïcödé «quotes» — dashes… 東京 ＡＢＣ ﬁ ½ ² #日本_ニュース @bob@mastodon.social")]
    [InlineData("Emoji 🎉👍🏽 🇬🇧 1️⃣ and marks: e\u0301 \u0301alone a\u20DD ‼ 〜 ・")]
    [InlineData("Arabic مُحَمَّد, Hindi हिंदी, Thai ภาษาไทย, Korean 한국어, Greek Ὀδυσσεύς")]
    public void Every_index_token_is_one_token_for_the_fts5_ascii_tokenizer(string text)
    {
        var analyzed = PostAnalyzer.Analyze(Post(text));

        foreach (var stream in new[] { analyzed.IndexText, analyzed.IndexHashtags, analyzed.IndexMentions })
        {
            foreach (var token in stream.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                Assert.All(token, character => Assert.True(character >= 0x80 || char.IsAsciiLetterOrDigit(character) || character is '_' or '.' or '-' or '@', $"'{character}' in token '{token}'"));
            }
        }

        Assert.DoesNotContain("  ", analyzed.IndexText, StringComparison.Ordinal);
        Assert.All(analyzed.Tokens, token => Assert.DoesNotContain(' ', token));
        Assert.All(analyzed.Tokens.Where(token => token != P), token => Assert.DoesNotContain('_', token));
    }

    [Fact]
    public void Unpaired_surrogates_separate_words_instead_of_throwing()
    {
        var analyzed = PostAnalyzer.Analyze(Post("broken\uD800text caf\u00E9\uDC00"));

        Assert.Equal("broken text cafe", analyzed.IndexText);
    }

    [Fact]
    [Trait("Issue", "3")]
    public void The_noncharacter_U_FFFE_separates_words_instead_of_throwing()
    {
        var analyzed = PostAnalyzer.Analyze(Post("r\u00E9sum\u00E9\uFFFEbudget #caf\u00E9\uFFFEtag"));

        Assert.Equal("resume budget cafe tag", analyzed.IndexText);
        Assert.Equal(["cafe"], analyzed.Hashtags);
        Assert.Equal("budget", TextNormaliser.NormaliseWord("BUDGET\uFFFE").TrimEnd('\uFFFD'));
    }
}

using PressDeck.Core.Posts;
using PressDeck.Core.Publishing;

namespace PressDeck.Core.Tests.Publishing;

[Trait("Issue", "6")]
public sealed class PostLengthTests
{
    private const string ThumbsUp = "👍";
    private const string ThumbsUpMediumSkinTone = "👍🏽";
    private const string Family = "👨‍👩‍👧‍👦"; // man, woman, girl, boy: 4 emoji of 4 bytes and 3 ZWJ of 3 bytes = 25 bytes
    private const string UnionFlag = "🇬🇧"; // two regional indicators, 8 bytes
    private const string WalesFlag = "🏴\U000E0067\U000E0062\U000E0077\U000E006C\U000E0073\U000E007F"; // flag, 5 tags, cancel tag: 28 bytes
    private const string KeycapOne = "1\uFE0F\u20E3";
    private const string DecomposedE = "e\u0301"; // e and a combining acute: 1 + 2 bytes
    private const string PrecomposedE = "\u00E9"; // é: 2 bytes
    private const string Welsh = "Llŷn"; // ŷ is U+0177: 2 bytes
    private const string Arabic = "مرحبا بالعالم"; // 5 + 7 Arabic letters of 2 bytes each, and a space
    private const string LongUrl = "https://www.gov.uk/government/publications/spring-budget-2026-documents/spring-budget-2026-html-version#chapter-3";

    // Text, graphemes, UTF-8 bytes.
    public static TheoryData<string, int, int> BlueskyCases => new()
    {
        { "", 0, 0 },
        { "Hello, world", 12, 12 },
        { ThumbsUp, 1, 4 },
        { ThumbsUpMediumSkinTone, 1, 8 },
        { Family, 1, 25 },
        { UnionFlag, 1, 8 },
        { WalesFlag, 1, 28 },
        { KeycapOne, 1, 7 },
        { DecomposedE, 1, 3 },
        { PrecomposedE, 1, 2 },
        { Welsh, 4, 5 },
        { Arabic, 13, 25 },
        { "日本語", 3, 9 },

        // Links are counted as written: "Read " is 5 and the link 8 + 10 + 11 + 13 + 29 + 32 + 10 = 113.
        { "Read " + LongUrl, 118, 118 },
        { "See https://gov.uk/a, gov.uk/b.", 31, 31 },
    };

    // Text and characters as Mastodon counts them.
    public static TheoryData<string, int> MastodonCases => new()
    {
        { "", 0 },
        { "Hello, world", 12 },
        { ThumbsUp, 1 },
        { ThumbsUpMediumSkinTone, 1 },
        { Family, 1 },
        { UnionFlag, 1 },
        { WalesFlag, 1 },
        { DecomposedE, 1 },
        { PrecomposedE, 1 },
        { Welsh, 4 },
        { Arabic, 13 },
        { "日本語", 3 },

        // "Read " and 23 for the link, whatever its length.
        { "Read " + LongUrl, 28 },

        // "See " 4, 23, ", " 2, 23, "." 1: the comma and full stop are not part of the links.
        { "See https://gov.uk/a, https://gov.uk/b.", 53 },

        // A link without a scheme is counted as written.
        { "See gov.uk/skills", 17 },

        // "Thanks " 7, "@alice" 6, "!" 1: the remote mention's domain is not counted, a local mention is counted whole.
        { "Thanks @alice@mastodon.social!", 14 },
        { "Thanks @alice!", 14 },
        { "Thanks @alice.bsky.social!", 26 },

        // An e-mail address is neither a mention nor a link: 5 + 1 + 12.
        { "Email press@gov.uk", 18 },
    };

    // Text and weighted characters as X counts them.
    public static TheoryData<string, int> XCases => new()
    {
        { "", 0 },
        { "Hello, world", 12 },
        { ThumbsUp, 2 },
        { ThumbsUpMediumSkinTone, 2 },
        { Family, 2 },
        { UnionFlag, 2 },
        { WalesFlag, 2 },
        { KeycapOne, 2 },

        // Normalised to NFC, e and U+0301 become é (1); q and U+0301 have no composed form and count 1 + 1.
        { DecomposedE, 1 },
        { PrecomposedE, 1 },
        { "q\u0301", 2 },

        // Hangul jamo U+1112 U+1161 U+11AB (2 each before normalising) compose to the one syllable 한 (2).
        { "\u1112\u1161\u11AB", 2 },

        // Latin, Welsh and Arabic letters lie below U+10FF: 1 each.
        { Welsh, 4 },
        { Arabic, 13 },
        { "日本語", 6 },

        // Curly quotes and the em dash lie in U+2010–U+201F (1 each); the ellipsis U+2026 does not (2): 13 + 2.
        { "“Hello” — gov…", 15 },

        // "Read " and 23 for the link; "Visit " and 23 for a link with or without a scheme.
        { "Read " + LongUrl, 28 },
        { "Visit https://gov.uk", 29 },
        { "Visit gov.uk", 29 },

        // "See " 4, 23, ", " 2, 23, "." 1.
        { "See https://gov.uk/a, gov.uk/b.", 53 },

        // Japanese straight after a link is not part of it for X: "詳細は" 6, 23, "をご覧ください" 14.
        { "詳細はgov.uk/skillsをご覧ください", 43 },

        // Not a link: an e-mail address (18), a file name (10).
        { "Email press@gov.uk", 18 },
        { "report.pdf", 10 },

        // "@alice " is 7, then 23 for the link.
        { "@alice gov.uk", 30 },
    };

    [Theory]
    [MemberData(nameof(BlueskyCases))]
    public void Bluesky_counts_graphemes_and_UTF8_bytes_of_the_text_as_sent(string text, int graphemes, int bytes)
    {
        var measure = PostLength.Measure(Network.Bluesky, text);

        Assert.Equal(new PostLengthMeasure(Network.Bluesky, graphemes, 300, "characters", bytes, 3000), measure);
    }

    [Theory]
    [MemberData(nameof(BlueskyCases))]
    public void Demo_counts_as_Bluesky_does(string text, int graphemes, int bytes)
    {
        var measure = PostLength.Measure(Network.Demo, text);

        Assert.Equal(new PostLengthMeasure(Network.Demo, graphemes, 300, "characters", bytes, 3000), measure);
    }

    [Theory]
    [MemberData(nameof(MastodonCases))]
    public void Mastodon_counts_graphemes_with_links_as_23_and_remote_mentions_as_the_username(string text, int characters)
    {
        var measure = PostLength.Measure(Network.Mastodon, text);

        Assert.Equal(new PostLengthMeasure(Network.Mastodon, characters, 500, "characters"), measure);
    }

    [Theory]
    [MemberData(nameof(XCases))]
    public void X_counts_weighted_characters_with_links_as_23(string text, int weighted)
    {
        var measure = PostLength.Measure(Network.X, text);

        Assert.Equal(new PostLengthMeasure(Network.X, weighted, 280, "weighted characters"), measure);
    }

    [Theory]
    [InlineData(Network.Bluesky, 300)]
    [InlineData(Network.Demo, 300)]
    [InlineData(Network.Mastodon, 500)]
    [InlineData(Network.X, 280)]
    public void Text_exactly_at_the_limit_fits_and_one_more_character_is_over(Network network, int limit)
    {
        var atLimit = PostLength.Measure(network, new string('a', limit));
        var oneOver = PostLength.Measure(network, new string('a', limit + 1));

        Assert.Equal((limit, 0, false), (atLimit.Used, atLimit.Remaining, atLimit.IsOver));
        Assert.Equal((limit + 1, -1, true), (oneOver.Used, oneOver.Remaining, oneOver.IsOver));
    }

    [Fact]
    public void Bluesky_limits_bytes_before_graphemes_for_joined_emoji()
    {
        // 120 families of 25 bytes are exactly 3,000 bytes; one more is 3,025. 300 of them are 300 graphemes but 7,500 bytes.
        var atByteLimit = PostLength.Measure(Network.Bluesky, Repeat(Family, 120));
        var overByteLimit = PostLength.Measure(Network.Bluesky, Repeat(Family, 121));
        var atGraphemeLimit = PostLength.Measure(Network.Bluesky, Repeat(Family, 300));

        Assert.Equal((120, 3000, false), (atByteLimit.Used, atByteLimit.Bytes, atByteLimit.IsOver));
        Assert.Equal((121, 179, 3025, true, true), (overByteLimit.Used, overByteLimit.Remaining, overByteLimit.Bytes, overByteLimit.IsOverByteLimit, overByteLimit.IsOver));
        Assert.Equal((300, 0, 7500, true), (atGraphemeLimit.Used, atGraphemeLimit.Remaining, atGraphemeLimit.Bytes, atGraphemeLimit.IsOver));
    }

    [Fact]
    public void Bluesky_counts_CJK_in_graphemes_and_three_bytes_each()
    {
        var measure = PostLength.Measure(Network.Bluesky, Repeat("日", 300));

        Assert.Equal((300, 900, false), (measure.Used, measure.Bytes, measure.IsOver));
    }

    [Fact]
    public void Bluesky_counts_a_long_link_in_full()
    {
        // 5 + 15 + 300 = 320 graphemes: Bluesky shortens only the displayed text, which PressDeck sends as written.
        var measure = PostLength.Measure(Network.Bluesky, "Read https://gov.uk/" + new string('a', 300));

        Assert.Equal((320, -20, true), (measure.Used, measure.Remaining, measure.IsOver));
    }

    [Fact]
    public void Mastodon_uses_the_server_limit_when_given()
    {
        var text = new string('a', 501);

        var defaultLimit = PostLength.Measure(Network.Mastodon, text);
        var serverLimit = PostLength.Measure(Network.Mastodon, text, characterLimit: 1000);

        Assert.Equal((500, true), (defaultLimit.Limit, defaultLimit.IsOver));
        Assert.Equal((1000, 499, false), (serverLimit.Limit, serverLimit.Remaining, serverLimit.IsOver));
    }

    [Fact]
    public void Mastodon_counts_a_link_as_23_when_that_brings_the_post_under_the_limit()
    {
        // Mastodon's own spec: 476 letters, a space and a 49-character link are 476 + 1 + 23 = 500.
        var text = new string('a', 476) + " http://" + new string('b', 30) + ".com/example";

        var measure = PostLength.Measure(Network.Mastodon, text);

        Assert.Equal((500, false), (measure.Used, measure.IsOver));
    }

    [Fact]
    public void Mastodon_counts_family_emoji_as_one_character_each()
    {
        // 500 families are 500 graphemes (3,500 code points); Mastodon's spec allows 500 ZWJ sequences.
        var measure = PostLength.Measure(Network.Mastodon, Repeat(Family, 500));

        Assert.Equal((500, false), (measure.Used, measure.IsOver));
    }

    [Fact]
    public void Mastodon_counts_a_link_over_4096_characters_in_full()
    {
        // Mastodon's spec: "http://example.com/valid?" (25) and "#foo?" 1,000 times is 5,025 characters; not a link.
        var text = "http://example.com/valid?" + Repeat("#foo?", 1000);

        var measure = PostLength.Measure(Network.Mastodon, text);

        Assert.Equal(5025, measure.Used);
    }

    [Fact]
    public void Mastodon_counts_a_remote_mention_whole_when_its_domain_is_over_253_characters()
    {
        // A 253-character domain (249 + ".com") leaves "@alice" (6); a 254-character one is counted: 1 + 5 + 1 + 254.
        var shortened = PostLength.Measure(Network.Mastodon, "@alice@" + new string('b', 249) + ".com");
        var whole = PostLength.Measure(Network.Mastodon, "@alice@" + new string('b', 250) + ".com");

        Assert.Equal(6, shortened.Used);
        Assert.Equal(261, whole.Used);
    }

    [Fact]
    public void X_fills_a_post_with_140_CJK_characters_or_140_emoji()
    {
        var cjkAtLimit = PostLength.Measure(Network.X, Repeat("日", 140));
        var cjkOver = PostLength.Measure(Network.X, Repeat("日", 141));
        var emojiAtLimit = PostLength.Measure(Network.X, Repeat(ThumbsUpMediumSkinTone, 140));

        Assert.Equal((280, false), (cjkAtLimit.Used, cjkAtLimit.IsOver));
        Assert.Equal((282, -2, true), (cjkOver.Used, cjkOver.Remaining, cjkOver.IsOver));
        Assert.Equal((280, false), (emojiAtLimit.Used, emojiAtLimit.IsOver));
    }

    [Fact]
    public void X_counts_a_link_of_any_length_as_23_up_to_4096_characters()
    {
        // 256 letters and a space are 257; with a link of 23 the post is exactly 280. Then "https://gov.uk/" (15) and
        // 4,081 letters make a 4,096-character link (23); one letter more and it is not a link but 4,097 characters.
        var atLimit = PostLength.Measure(Network.X, new string('a', 256) + " https://gov.uk/" + new string('x', 500));
        var longestLink = PostLength.Measure(Network.X, "https://gov.uk/" + new string('a', 4081));
        var tooLongForALink = PostLength.Measure(Network.X, "https://gov.uk/" + new string('a', 4082));

        Assert.Equal((280, false), (atLimit.Used, atLimit.IsOver));
        Assert.Equal(23, longestLink.Used);
        Assert.Equal(4097, tooLongForALink.Used);
    }

    [Fact]
    public void X_uses_a_longer_limit_when_the_account_has_one()
    {
        var measure = PostLength.Measure(Network.X, new string('a', 281), characterLimit: 25_000);

        Assert.Equal((25_000, 24_719, false), (measure.Limit, measure.Remaining, measure.IsOver));
    }

    [Fact]
    public void RSS_is_not_publishable()
    {
        var error = Assert.Throws<ArgumentException>(() => PostLength.Measure(Network.Rss, "Hello"));

        Assert.Equal("network", error.ParamName);
        Assert.Contains("RSS", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Network.Bluesky)]
    [InlineData(Network.Demo)]
    public void Bluesky_limits_cannot_be_changed(Network network)
    {
        var error = Assert.Throws<ArgumentException>(() => PostLength.Measure(network, "Hello", characterLimit: 500));

        Assert.Equal("characterLimit", error.ParamName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_limit_must_be_positive(int limit)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PostLength.Measure(Network.Mastodon, "Hello", limit));
    }

    private static string Repeat(string text, int count) => string.Concat(Enumerable.Repeat(text, count));
}

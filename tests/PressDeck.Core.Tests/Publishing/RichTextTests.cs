using System.Text;
using PressDeck.Core.Publishing;

namespace PressDeck.Core.Tests.Publishing;

[Trait("Issue", "6")]
public sealed class RichTextTests
{
    // Every expected span below was counted by hand: UTF-16 start and length, then UTF-8 bytes (ASCII 1, Welsh and
    // Arabic letters 2, CJK 3, emoji 4 a code point, ZWJ 3).
    public static TheoryData<string, RichTextSpan[]> Cases => new()
    {
        // "Read the budget at " is 19 characters; the link is 8 + 10 + 7 = 25 and the full stop is not part of it.
        { "Read the budget at https://www.gov.uk/budget.", [Link(19, 25, "https://www.gov.uk/budget", 19, 44)] },

        // Three links: a comma and a semicolon end the first two; the third keeps its own balanced "(planet)" but not
        // the bracket that encloses it, nor the "!". Lengths 8 + 6 + 2, 7 + 6 + 2 and 8 + 16 + 6 + 16.
        {
            "See https://gov.uk/a, http://bit.ly/x; and (https://en.wikipedia.org/wiki/Mercury_(planet))!",
            [
                Link(4, 16, "https://gov.uk/a", 4, 20),
                Link(22, 15, "http://bit.ly/x", 22, 37),
                Link(44, 46, "https://en.wikipedia.org/wiki/Mercury_(planet)", 44, 90),
            ]
        },
        { "HTTPS://GOV.UK/News", [Link(0, 19, "HTTPS://GOV.UK/News", 0, 19)] },
        { "Apply at gov.uk/skills.", [Link(9, 13, "https://gov.uk/skills", 9, 22)] },
        { "Visit www.gov.wales or nhs.uk?", [Link(6, 13, "https://www.gov.wales", 6, 19), Link(23, 6, "https://nhs.uk", 23, 29)] },

        // Not links: no top-level domain, an unknown one, a file name, a name running on, letters before the scheme.
        { "http://localhost:8080/x and http://10.0.0.1/", [] },
        { "report.pdf, e.g. No.10, gov.ukraine, xhttps://gov.uk", [] },

        { "Thanks @alice.bsky.social!", [Mention(7, 18, "alice.bsky.social", 7, 25)] },
        { "cc @user@mastodon.social, please", [Mention(3, 21, "user@mastodon.social", 3, 24)] },
        { "Thanks @ft_reporter's team", [Mention(7, 12, "ft_reporter", 7, 19)] },
        { ".@alice.bsky.social.", [Mention(1, 18, "alice.bsky.social", 1, 19)] },

        // An e-mail address is neither a mention nor a link; the bare domain later on is a link.
        { "Email press@gov.uk for details", [] },
        { "Email press@gov.uk or see gov.uk", [Link(26, 6, "https://gov.uk", 26, 32)] },

        // "#日本" is 1 + 3 + 3 bytes; " #1 " is not a tag (digits only); "ç" is 2 bytes, so "#Français" is 10.
        {
            "#Cymraeg #日本 #NHS75 #1 #Français",
            [
                Hashtag(0, 8, "Cymraeg", 0, 8),
                Hashtag(9, 3, "日本", 9, 16),
                Hashtag(13, 6, "NHS75", 17, 23),
                Hashtag(23, 9, "Français", 27, 37),
            ]
        },

        // "î" and "ŷ" are 2 bytes each, so the tag at character 23 starts at byte 25.
        { "Diolch i'r tîm yn Llŷn #Cymru", [Hashtag(23, 6, "Cymru", 25, 31)] },

        // Four Arabic letters (8 bytes) and a space; the tag is "#" and five Arabic letters (1 + 10 bytes).
        {
            "شكرا @alice.bsky.social #مرحبا",
            [Mention(5, 18, "alice.bsky.social", 9, 27), Hashtag(24, 6, "مرحبا", 28, 39)]
        },
        { "詳細は gov.uk/skills をご覧ください", [Link(4, 13, "https://gov.uk/skills", 10, 23)] },
        { "詳細はhttps://gov.uk", [Link(3, 14, "https://gov.uk", 9, 23)] },

        // Two emoji of 2 UTF-16 units and 4 bytes each before the link.
        { "🎉🎉 https://gov.uk", [Link(5, 14, "https://gov.uk", 9, 23)] },

        // Man, woman, girl joined by two ZWJ: 2 + 1 + 2 + 1 + 2 UTF-16 units, 4 + 3 + 4 + 3 + 4 bytes.
        { "👨‍👩‍👧 @alice.bsky.social", [Mention(9, 18, "alice.bsky.social", 19, 37)] },

        // A flag (two regional indicators) and a thumbs up with a skin tone: 4 UTF-16 units and 8 bytes each.
        { "🇬🇧👍🏽 #NHS", [Hashtag(9, 4, "NHS", 17, 21)] },

        // A "#" or "@" inside a link belongs to the link; spans next to each other stay apart.
        { "https://gov.uk/news#budget @press", [Link(0, 26, "https://gov.uk/news#budget", 0, 26), Mention(27, 6, "press", 27, 33)] },
        { "gov.uk/@press", [Link(0, 13, "https://gov.uk/@press", 0, 13)] },
        { "#tag,@bob", [Hashtag(0, 4, "tag", 0, 4), Mention(5, 4, "bob", 5, 9)] },
        { "(@alice.bsky.social)", [Mention(1, 18, "alice.bsky.social", 1, 19)] },
        { "#one#two a#b", [Hashtag(0, 4, "one", 0, 4)] },
        { "#gov.uk", [Hashtag(0, 4, "gov", 0, 4)] },
        { "@gov.uk", [Mention(0, 7, "gov.uk", 0, 7)] },

        // Not hashtags: digits only, no letter, a keycap emoji, a bare sign.
        { "#2026 #_ #️⃣ # tag", [] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Finds_links_mentions_and_hashtags_in_text_order(string text, RichTextSpan[] expected)
    {
        var spans = RichText.Find(text);

        Assert.Equal(expected, spans);
    }

    [Fact]
    public void A_hashtag_of_64_graphemes_is_a_tag_and_one_of_65_is_not()
    {
        var longest = "#" + new string('a', 64);
        var tooLong = "#" + new string('a', 65);

        var found = RichText.Find(longest);
        var notFound = RichText.Find(tooLong);

        Assert.Equal([Hashtag(0, 65, new string('a', 64), 0, 65)], found);
        Assert.Empty(notFound);
    }

    [Theory]
    [InlineData("🎉🎉 https://gov.uk #Cymru @alice.bsky.social", 3)]
    [InlineData("👨‍👩‍👧‍👦 Llŷn Peninsula: gov.wales/llyn #Llŷn", 2)]
    [InlineData("مرحبا #مرحبا https://gov.uk/ar and 東京 #東京 @user@mastodon.social", 4)]
    [InlineData("e\u0301 #café\u0301 🏴\U000E0067\U000E0062\U000E0077\U000E006C\U000E0073\U000E007F https://gov.wales", 2)]
    public void Byte_offsets_are_the_UTF8_lengths_of_the_text_before_and_through_each_span(string text, int expectedSpans)
    {
        var spans = RichText.Find(text);

        Assert.Equal(expectedSpans, spans.Count);
        foreach (var span in spans)
        {
            Assert.Equal(Encoding.UTF8.GetByteCount(text[..span.Start]), span.ByteStart);
            Assert.Equal(Encoding.UTF8.GetByteCount(text[..span.End]), span.ByteEnd);
            Assert.Equal((span.ByteStart, span.ByteEnd), RichText.Utf8Range(text, span));
        }
    }

    [Fact]
    public void Byte_range_of_a_span_made_by_hand_is_computed_from_the_text()
    {
        // "Croeso 👋 " is 7 + 2 + 1 UTF-16 units and 7 + 4 + 1 bytes.
        var text = "Croeso 👋 #Cymru";
        var span = new RichTextSpan(RichTextKind.Hashtag, 10, 6, "Cymru", ByteStart: 0, ByteEnd: 0);

        var range = RichText.Utf8Range(text, span);

        Assert.Equal((12, 18), range);
    }

    [Fact]
    public void A_span_outside_the_text_is_refused()
    {
        var span = new RichTextSpan(RichTextKind.Link, 3, 10, "https://gov.uk", 3, 13);

        Assert.Throws<ArgumentOutOfRangeException>(() => RichText.Utf8Range("short", span));
    }

    private static RichTextSpan Link(int start, int length, string url, int byteStart, int byteEnd) =>
        new(RichTextKind.Link, start, length, url, byteStart, byteEnd);

    private static RichTextSpan Mention(int start, int length, string handle, int byteStart, int byteEnd) =>
        new(RichTextKind.Mention, start, length, handle, byteStart, byteEnd);

    private static RichTextSpan Hashtag(int start, int length, string tag, int byteStart, int byteEnd) =>
        new(RichTextKind.Hashtag, start, length, tag, byteStart, byteEnd);
}

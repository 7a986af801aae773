using FsCheck;
using FsCheck.Fluent;
using PressDeck.Core.Posts;
using PressDeck.Core.Text;
using static PressDeck.Core.Tests.Support.PostBuilder;

namespace PressDeck.Core.Tests.Text;

/// <summary>The analyser's fast scans (one pass for all-ASCII text, entity start to entity start otherwise) give what its general scan gives.</summary>
public sealed class FastScanTests
{
    // Pieces where entity and token boundaries are decided: adjacent entities, punctuation, schemes, handles.
    private static readonly string[] Pieces =
    [
        "budget", "Skills", "BILL", "2026", " ", "  ", ".", ",", "'s", "-", "_", "#", "@", "#tag", "#Tag_2", "#2026",
        "@bob", "@bob.bsky.social", "@bob@mastodon.social", "press@gov.uk", "http://x.co", "https://www.gov.uk/budget?x=1",
        "https://en.wikipedia.org/wiki/Mercury_(planet)", "(", ")", "h", "H", "http", "gov.uk/budget...", "gov.uk/budget",
        "bbc.co.uk", "...", "!", "?", ":", "RT @carol:", "\n", "www.gov.uk", "a#b", "x@y",
    ];

    // Characters beyond ASCII where a word, an entity or a token boundary is decided differently.
    private static readonly string[] UnicodePieces =
    [
        "café", "Économie", "naïve", "日本", "カタカナ", "한국", "👍", "🇬🇧", "1\u20E3", "e\u0301", "＃tag", "＠bob", "ß", "Σοφία",
        "\u00A0", "…", "“quoted”", "#Économie", "@bob\u00E9", "https://example.org/é", "h\u00E9llo", "\u200D",
    ];

    [Fact]
    [Trait("Issue", "3")]
    public void Agrees_with_the_general_scan_on_random_ascii_posts() => AssertFastPathsAgree(Pieces);

    [Fact]
    [Trait("Issue", "3")]
    public void Agrees_with_the_general_scan_on_random_posts_with_other_characters() => AssertFastPathsAgree([.. Pieces, .. UnicodePieces]);

    private static void AssertFastPathsAgree(string[] pieceSet)
    {
        var cases =
            from pieces in Gen.Choose(1, 14).SelectMany(count => Gen.ArrayOf(Gen.Elements(pieceSet), count))
            from links in Gen.Elements<string[]>([], ["https://www.gov.uk/budget"], ["https://bbc.co.uk/news/1", "http://x.co"])
            from isRepost in Gen.Elements(false, false, true)
            select (Text: string.Concat(pieces), Links: links, IsRepost: isRepost);

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(10_000), Prop.ForAll(Arb.From(cases), @case =>
        {
            var post = Post(
                @case.Text,
                kind: @case.IsRepost ? PostKind.Repost : PostKind.Post,
                repostOf: @case.IsRepost ? "carol" : null,
                links: @case.Links);

            var fast = PostAnalyzer.Analyze(post, fastPaths: true);
            var general = PostAnalyzer.Analyze(post, fastPaths: false);

            Assert.Equal(general.IndexText, fast.IndexText);
            Assert.Equal(general.Hashtags, fast.Hashtags);
            Assert.Equal(general.Mentions, fast.Mentions);
            Assert.Equal(general.Links, fast.Links);
            Assert.Equal(general.TokenData, fast.TokenData);
            for (var index = 0; index < fast.TokenCount; index++)
            {
                // Every path hashes a token as the presearch tables and the predicates do.
                Assert.Equal(TokenHash.Of(fast.TokenAt(index)), fast.TokenData[(2 * index) + 1]);
            }
        }));
    }
}

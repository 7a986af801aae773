using FsCheck;
using FsCheck.Fluent;
using PressDeck.Core.Posts;
using PressDeck.Core.Text;
using static PressDeck.Core.Tests.Support.PostBuilder;

namespace PressDeck.Core.Tests.Text;

/// <summary>The analyser's one-pass scan of all-ASCII text gives what its general scan gives.</summary>
public sealed class AsciiFastPathTests
{
    // Pieces where entity and token boundaries are decided: adjacent entities, punctuation, schemes, handles.
    private static readonly string[] Pieces =
    [
        "budget", "Skills", "BILL", "2026", " ", "  ", ".", ",", "'s", "-", "_", "#", "@", "#tag", "#Tag_2", "#2026",
        "@bob", "@bob.bsky.social", "@bob@mastodon.social", "press@gov.uk", "http://x.co", "https://www.gov.uk/budget?x=1",
        "https://en.wikipedia.org/wiki/Mercury_(planet)", "(", ")", "h", "H", "http", "gov.uk/budget...", "gov.uk/budget",
        "bbc.co.uk", "...", "!", "?", ":", "RT @carol:", "\n", "www.gov.uk", "a#b", "x@y",
    ];

    [Fact]
    [Trait("Issue", "3")]
    public void Agrees_with_the_general_scan_on_random_ascii_posts()
    {
        var cases =
            from pieces in Gen.Choose(1, 14).SelectMany(count => Gen.ArrayOf(Gen.Elements(Pieces), count))
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

            var fast = PostAnalyzer.Analyze(post, asciiFastPath: true);
            var general = PostAnalyzer.Analyze(post, asciiFastPath: false);

            Assert.Equal(general.IndexText, fast.IndexText);
            Assert.Equal(general.Hashtags, fast.Hashtags);
            Assert.Equal(general.Mentions, fast.Mentions);
            Assert.Equal(general.Links, fast.Links);
        }));
    }
}

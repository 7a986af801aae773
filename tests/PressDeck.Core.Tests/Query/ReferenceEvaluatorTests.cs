using PressDeck.Core.Posts;
using PressDeck.Core.Query;
using PressDeck.Core.Tests.Support;
using PressDeck.Core.Text;
using static PressDeck.Core.Tests.Support.PostBuilder;

namespace PressDeck.Core.Tests.Query;

public sealed class ReferenceEvaluatorTests
{
    [Theory]
    [InlineData("budget", "The Budget is out", true)]
    [InlineData("budget", "budgets are out", false)]
    [InlineData("budget", "#budget2026 is out", false)]
    [InlineData("\"steel news\"", "#steel_news today", true)]
    [InlineData("steel", "#steel_news today", true)]
    [InlineData("#steel_news", "#Steel_News today", true)]
    [InlineData("#steel", "#steel_news today", false)]
    [InlineData("\"thanks for\"", "thanks @bbc for", false)]
    [InlineData("\"thanks for\"", "thanks, for", true)]
    [InlineData("\"read budget\"", "read https://gov.uk budget", false)]
    [InlineData("東京", "東京で会議", true)]
    [InlineData("会議", "東京で会議", true)]
    [InlineData("econ*", "Économie", true)]
    [InlineData("emplo*", "empty emporium", false)]
    [InlineData("bbc*", "@bbcnews", false)]
    [InlineData("@bob", "hi @bob@mastodon.social", false)]
    [InlineData("@bob@mastodon.social", "hi @Bob@Mastodon.social", true)]
    [InlineData("@bob", "hi @bob", true)]
    [InlineData("url:gov.uk", "https://notgov.uk/x", false)]
    [InlineData("url:gov.uk", "https://www.gov.uk", true)]
    [InlineData("url:gov.uk/skills", "https://www.gov.uk/budget", false)]
    [InlineData("https://gov.uk/budget", "see https://www.gov.uk/budget/?x=1", true)]
    [InlineData("https://gov.uk/budget", "see https://www.gov.uk/budget/2026", false)]
    [InlineData("https://gov.uk/budget", "see https://ons.gov.uk/budget", false)]
    [InlineData("has:links", "see https://gov.uk", true)]
    [InlineData("has:links", "see gov.uk", false)]
    [InlineData("has:media", "no media", false)]
    [InlineData("budget -leak", "budget leak", false)]
    [InlineData("budget -leak", "budget day", true)]
    [InlineData("leak OR budget -day", "budget day", false)]
    [InlineData("(leak OR budget) -day", "budget night", true)]
    [InlineData("and", "fish and chips", true)]
    [InlineData("10:30", "at 10:30 today", true)]
    [InlineData("note:", "note: this", true)]
    public void Matches_text_clauses_as_section_3_says(string query, string text, bool expected)
    {
        Assert.Equal(expected, Matches(query, Post(text)));
    }

    [Fact]
    public void Matches_author_reply_list_language_and_network_clauses()
    {
        var reply = Post("agreed", author: "BBCNews", kind: PostKind.Reply, network: Network.X, replyTo: "@Jo", languages: ["en-GB"]);

        Assert.True(Matches("from:bbcnews", reply));
        Assert.False(Matches("from:bbc", reply));
        Assert.True(Matches("to:jo", reply));
        Assert.False(Matches("to:bob", reply));
        Assert.True(Matches("list:Ministers", reply));
        Assert.False(Matches("list:\"select committee\"", reply));
        Assert.True(Matches("lang:en", reply));
        Assert.False(Matches("lang:fr", reply));
        Assert.True(Matches("network:twitter", reply));
        Assert.False(Matches("network:bluesky", reply));
    }

    [Fact]
    public void A_repost_is_only_a_repost()
    {
        var repost = Post("hello", author: "jo", kind: PostKind.Repost, replyTo: "bob", quoteOf: "q1", repostOf: "bob");

        Assert.True(Matches("is:repost", repost));
        Assert.True(Matches("is:retweet", repost));
        Assert.False(Matches("is:reply", repost));
        Assert.False(Matches("is:quote", repost));
        Assert.False(Matches("to:bob", repost));
        Assert.False(Matches("@bob", repost));
    }

    [Fact]
    public void Matches_media_clauses()
    {
        var withImage = Post("x", media: [new MediaItem(MediaType.Image, "https://x/i.png", "The minister")]);
        var withGif = Post("x", media: [new MediaItem(MediaType.Gif, "https://x/g.gif", null)]);

        Assert.True(Matches("has:images", withImage));
        Assert.True(Matches("has:media", withImage));
        Assert.False(Matches("has:video", withImage));
        Assert.True(Matches("has:video", withGif));
        Assert.True(Matches("has:videos", withGif));
        Assert.False(Matches("has:images", withGif));
        Assert.False(Matches("has:links", withGif));
    }

    [Fact]
    public void The_compiled_query_agrees_with_the_reference_evaluator_on_every_corpus_pair()
    {
        var posts = new[]
        {
            Post("More #Apprentices than ever, says @BBCNews https://www.gov.uk/skills-bill", languages: ["en"]),
            Post("Skills bill passes; apprentices rally", author: "jo", kind: PostKind.Repost, repostOf: "ft_reporter"),
            Post("10:30 note: naïve Straße 東京", network: Network.Rss, title: "Feed"),
            Post("a b c d e f", kind: PostKind.Reply, replyTo: "jo", quoteOf: "q", media: [new MediaItem(MediaType.Video, "u", null)]),
            Post("lang fr budget strike", network: Network.Mastodon, languages: ["fr-CA"], links: ["https://example.org/x"]),
        };

        foreach (var query in QueryCorpus.ValidQueries)
        {
            var parsed = QueryParser.Parse(query).Query!;
            var compiled = CompiledQuery.Compile(parsed);
            foreach (var post in posts)
            {
                var analyzed = PostAnalyzer.Analyze(post);

                Assert.Equal(ReferenceEvaluator.Matches(parsed, analyzed, InMemoryListDirectory.Sample), compiled.Matches(analyzed, InMemoryListDirectory.Sample));
            }
        }
    }

    private static bool Matches(string query, Post post)
    {
        var parsed = QueryParser.Parse(query);
        Assert.True(parsed.IsValid, parsed.ToString());
        return ReferenceEvaluator.Matches(parsed.Query, PostAnalyzer.Analyze(post), InMemoryListDirectory.Sample);
    }
}

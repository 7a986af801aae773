using PressDeck.Core.Posts;
using PressDeck.Core.Query;
using PressDeck.Core.Query.Matching;
using PressDeck.Core.Tests.Support;
using PressDeck.Core.Text;
using static PressDeck.Core.Tests.Support.PostBuilder;

namespace PressDeck.Core.Tests.Query.Matching;

public sealed class QueryMatcherTests
{
    private static readonly InMemoryListDirectory Lists = InMemoryListDirectory.Sample;

    [Theory]
    [Trait("Issue", "3")]
    [InlineData("budget", "The Budget is out", true)]
    [InlineData("budget", "budgets are out", false)]
    [InlineData("apprentices", "More #Apprentices than ever", true)]
    [InlineData("#apprentices", "more apprentices than ever", false)]
    [InlineData("#steel_news", "#Steel_News today", true)]
    [InlineData("#steel", "#steel_news today", false)]
    [InlineData("\"skills bill\"", "The Skills-Bill passes", true)]
    [InlineData("\"skills bill\"", "skills for the bill", false)]
    [InlineData("\"thanks for\"", "thanks @bbc for", false)]
    [InlineData("covid-19", "Covid 19 figures out", true)]
    [InlineData("東京", "東京で会議", true)]
    [InlineData("naive", "A naïve plan", true)]
    [InlineData("strasse", "Straße closed", true)]
    [InlineData("οδυσσευς", "ΟΔΥΣΣΕΥΣ", true)]
    [InlineData("emplo*", "Employers welcome it", true)]
    [InlineData("emplo*", "empty emporium", false)]
    [InlineData("econ*", "Économie", true)]
    [InlineData("bbc*", "@bbcnews", false)]
    [InlineData("@bbcnews", "thanks @BBCNews.", true)]
    [InlineData("@bbcnews", "email press@bbcnews.com", false)]
    [InlineData("bbcnews", "thanks @bbcnews", false)]
    [InlineData("@bob", "hi @bob@mastodon.social", false)]
    [InlineData("@bob@mastodon.social", "hi @Bob@Mastodon.social", true)]
    [InlineData("url:gov.uk", "see https://assets.publishing.gov.uk/x.pdf", true)]
    [InlineData("url:gov.uk", "https://notgov.uk/x", false)]
    [InlineData("url:gov.uk/skills", "https://www.gov.uk/skills-bill", true)]
    [InlineData("url:gov.uk/skills", "https://www.gov.uk/budget", false)]
    [InlineData("https://gov.uk/budget", "see https://www.gov.uk/budget/?x=1", true)]
    [InlineData("https://gov.uk/budget", "see https://ons.gov.uk/budget", false)]
    [InlineData("has:links", "see https://gov.uk", true)]
    [InlineData("has:links", "see gov.uk", false)]
    [InlineData("skills bill OR apprentices", "apprentices rally", true)]
    [InlineData("skills -bill", "skills bill", false)]
    [InlineData("leak OR budget -day", "budget day", false)]
    [InlineData("(leak OR budget) -day", "budget night", true)]
    [InlineData("apprentices -(skills -bill)", "apprentices skills bill", true)]
    [InlineData("apprentices -(skills -bill)", "apprentices skills", false)]
    public void Matches_each_text_clause_as_the_reference_evaluator_does(string query, string text, bool expected)
    {
        var post = Post(text);

        var matched = Matches(query, post);

        Assert.Equal(expected, matched);
        Assert.Equal(expected, ReferenceEvaluator.Matches(Parse(query), PostAnalyzer.Analyze(post), Lists));
    }

    [Fact]
    [Trait("Issue", "3")]
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
    [Trait("Issue", "3")]
    public void Matches_kind_and_media_clauses()
    {
        var repost = Post("hello", author: "jo", kind: PostKind.Repost, replyTo: "bob", quoteOf: "q1", repostOf: "bob");
        var quotingReply = Post("x", kind: PostKind.Reply, replyTo: "jo", quoteOf: "q1", media: [new MediaItem(MediaType.Gif, "g", null)]);
        var withImage = Post("x", media: [new MediaItem(MediaType.Image, "https://x/i.png", "The minister")]);

        Assert.True(Matches("is:repost", repost));
        Assert.False(Matches("is:reply", repost));
        Assert.False(Matches("to:bob", repost));
        Assert.True(Matches("is:reply is:quote", quotingReply));
        Assert.True(Matches("has:video has:media", quotingReply));
        Assert.False(Matches("has:images", quotingReply));
        Assert.True(Matches("has:images", withImage));
        Assert.False(Matches("has:video", withImage));
        Assert.True(Matches("x -is:repost", withImage));
        Assert.False(Matches("hello -(is:repost OR is:quote)", repost));
    }

    [Fact]
    [Trait("Issue", "3")]
    public void Only_queries_whose_terms_the_post_has_are_evaluated()
    {
        var matcher = new QueryMatcher(Lists);
        for (var id = 0; id < 100; id++)
        {
            matcher.Set(id, Parse($"word{id}"));
        }

        var (matches, candidates) = Match(matcher, Post("word7 and word42, nothing else"));

        Assert.Equal([7, 42], matches);
        Assert.Equal(2, candidates);
    }

    [Fact]
    [Trait("Issue", "3")]
    public void A_conjunction_is_a_candidate_only_when_the_post_has_each_of_its_indexed_terms()
    {
        var matcher = new QueryMatcher(Lists);
        matcher.Set(1, Parse("apprentices \"skills bill\" #budget"));

        var onlySome = Match(matcher, Post("apprentices and skills"));
        var allTermsNotAPhrase = Match(matcher, Post("apprentices bill and skills #budget"));
        var all = Match(matcher, Post("apprentices: skills bill #budget"));

        AssertMatches([], 0, onlySome);
        // The phrase's words are there but not side by side: its bigram is missing, so the query is not even evaluated.
        AssertMatches([], 0, allTermsNotAPhrase);
        AssertMatches([1], 1, all);
    }

    [Fact]
    [Trait("Issue", "3")]
    public void A_phrase_of_common_words_is_a_candidate_only_where_its_words_stand_side_by_side()
    {
        var matcher = new QueryMatcher(Lists);
        matcher.Set(1, Parse("\"the bill\""));
        matcher.Set(2, Parse("\"of the bill\" -amended"));

        var apart = Match(matcher, Post("the minister spoke of a bill"));
        var twoWords = Match(matcher, Post("read the bill today"));
        var threeWords = Match(matcher, Post("the text of the bill, amended"));

        AssertMatches([], 0, apart);
        AssertMatches([1], 1, twoWords);
        AssertMatches([1], 2, threeWords);
    }

    [Fact]
    [Trait("Issue", "3")]
    public void Language_network_and_kind_clauses_of_the_whole_query_are_checked_before_evaluation()
    {
        var matcher = new QueryMatcher(Lists);
        matcher.Set(1, Parse("budget lang:fr"));
        matcher.Set(2, Parse("budget -(is:repost OR is:quote) network:mastodon"));

        var english = Match(matcher, Post("budget", network: Network.Mastodon, languages: ["en"]));
        var frenchRepost = Match(matcher, Post("budget", network: Network.Mastodon, kind: PostKind.Repost, languages: ["fr-CA"]));
        var frenchPost = Match(matcher, Post("budget", network: Network.Mastodon, languages: ["fr-CA"]));

        AssertMatches([2], 1, english);
        AssertMatches([1], 1, frenchRepost);
        AssertMatches([1, 2], 2, frenchPost);
    }

    [Fact]
    [Trait("Issue", "3")]
    public void Queries_with_nothing_to_index_are_checked_against_every_post()
    {
        var matcher = new QueryMatcher(Lists);
        matcher.Set(1, Parse("list:ministers"));
        matcher.Set(2, new OrNode([new NotNode(new WordNode("budget")), new WordNode("skills")]));
        matcher.Set(3, Parse("budget"));

        var byMinister = Match(matcher, Post("nothing to see", author: "jo"));
        var aboutBudget = Match(matcher, Post("budget day", author: "bob"));

        AssertMatches([1, 2], 2, byMinister);
        AssertMatches([3], 3, aboutBudget);
    }

    [Fact]
    [Trait("Issue", "3")]
    public void Weak_clauses_alone_are_indexed_under_those_clauses()
    {
        var matcher = new QueryMatcher(Lists);
        matcher.Set(1, Parse("lang:fr is:reply"));

        var english = Match(matcher, Post("bonjour", languages: ["en"]));
        var frenchReply = Match(matcher, Post("bonjour", kind: PostKind.Reply, languages: ["fr"]));

        AssertMatches([], 0, english);
        AssertMatches([1], 1, frenchReply);
    }

    [Fact]
    [Trait("Issue", "3")]
    public void A_hashtag_term_is_not_a_word_term()
    {
        var matcher = new QueryMatcher(Lists);
        matcher.Set(1, Parse("#budget"));

        var word = Match(matcher, Post("the budget"));
        var hashtag = Match(matcher, Post("the #Budget"));

        AssertMatches([], 0, word);
        AssertMatches([1], 1, hashtag);
    }

    [Fact]
    [Trait("Issue", "3")]
    public void Url_clauses_find_links_to_subdomains_through_their_parent_domains()
    {
        var matcher = new QueryMatcher(Lists);
        matcher.Set(1, Parse("url:gov.uk"));
        matcher.Set(2, Parse("url:publishing.gov.uk/x"));
        matcher.Set(3, Parse("https://gov.uk/budget"));

        var subdomain = Match(matcher, Post("see https://assets.publishing.gov.uk/x.pdf"));
        var page = Match(matcher, Post("see https://www.gov.uk/budget"));

        Assert.Equal([1, 2], subdomain.Matches);
        Assert.Equal([1, 3], page.Matches);
    }

    [Fact]
    [Trait("Issue", "3")]
    public void Prefix_clauses_are_found_through_their_first_three_characters()
    {
        var matcher = new QueryMatcher(Lists);
        matcher.Set(1, Parse("emplo*"));
        matcher.Set(2, Parse("écon*"));

        var sameBucket = Match(matcher, Post("empty emporium"));
        var accented = Match(matcher, Post("Économie and employers"));

        AssertMatches([], 1, sameBucket);
        AssertMatches([1, 2], 2, accented);
    }

    [Fact]
    [Trait("Issue", "3")]
    public void Setting_a_query_again_replaces_it_and_removing_it_stops_its_matches()
    {
        var matcher = new QueryMatcher(Lists);
        var budget = Post("budget day");
        var skills = Post("skills day");

        matcher.Set(1, Parse("budget"));
        matcher.Set(1, Parse("skills"));
        matcher.Set(1, Parse("skills"));

        Assert.Equal(1, matcher.Count);
        AssertMatches([], 0, Match(matcher, budget));
        AssertMatches([1], 1, Match(matcher, skills));
        Assert.True(matcher.Remove(1));
        Assert.False(matcher.Remove(1));
        Assert.Equal(0, matcher.Count);
        AssertMatches([], 0, Match(matcher, skills));
    }

    [Fact]
    [Trait("Issue", "3")]
    public void Slots_of_replaced_and_removed_queries_are_reused_without_mixing_queries_up()
    {
        var matcher = new QueryMatcher(Lists);
        for (var round = 0; round < 50; round++)
        {
            for (var id = 0; id < 20; id++)
            {
                matcher.Set(id, Parse($"word{(id + round) % 20}"));
            }

            matcher.Remove(round % 20);
        }

        var (matches, candidates) = Match(matcher, Post("word3"));

        Assert.Equal([14], matches);
        Assert.Equal(1, candidates);
        Assert.Equal(19, matcher.Count);
    }

    [Fact]
    [Trait("Issue", "3")]
    public void Matching_allocates_nothing_once_warm()
    {
        var matcher = new QueryMatcher(Lists);
        string[] queries = ["budget", "\"skills bill\" -leak", "emplo* lang:en", "#budget OR @bbcnews", "url:gov.uk", "from:jo is:reply", "network:bluesky has:images"];
        for (var id = 0; id < queries.Length; id++)
        {
            matcher.Set(id, Parse(queries[id]));
        }

        var post = PostAnalyzer.Analyze(Post("The #Budget: skills bill for employers, says @BBCNews https://www.gov.uk/budget", author: "jo", kind: PostKind.Reply, replyTo: "bob", languages: ["en"]));
        var matches = new List<int>(16);
        for (var warmUp = 0; warmUp < 100; warmUp++)
        {
            matches.Clear();
            matcher.Match(post, matches);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var repeat = 0; repeat < 1_000; repeat++)
        {
            matches.Clear();
            matcher.Match(post, matches);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(6, matches.Count);
        Assert.Equal(0, allocated);
    }

    [Fact]
    [Trait("Issue", "3")]
    public async Task Queries_can_be_added_replaced_and_removed_while_another_thread_matches()
    {
        QueryNode[] alwaysMatching = [Parse("budget"), Parse("#steel_news"), Parse("rally -leak"), Parse("from:jo is:reply")];
        QueryNode[] neverMatching = [Parse("leak"), Parse("from:bob"), Parse("budget lang:fr"), Parse("#budget")];
        QueryNode[] churn = [Parse("budget"), Parse("steel news"), Parse("leak OR rally"), Parse("list:ministers"), Parse("-budget skills")];
        var matcher = new QueryMatcher(Lists);
        matcher.Set(1, Parse("budget"));
        matcher.Set(2, Parse("skills rally"));
        matcher.Set(3, Parse("leak"));
        matcher.Set(4, Parse("from:jo"));
        matcher.Set(10, alwaysMatching[^1]);
        matcher.Set(11, neverMatching[^1]);
        var post = PostAnalyzer.Analyze(Post("budget skills rally #steel_news", author: "jo", kind: PostKind.Reply, replyTo: "bob", languages: ["en"]));
        var readerStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writing = true;
        var matchesWhileWriting = 0;

        var reader = Task.Run(() =>
        {
            var matches = new List<int>();
            do
            {
                matches.Clear();
                matcher.Match(post, matches);

                // Queries 10 and 11 are replaced all the time: each version of 10 matches, no version of 11 does.
                Assert.Equal(matches.Count, matches.Distinct().Count());
                Assert.Equal([1, 2, 4, 10], matches.Where(id => id < 100).Order());
                matchesWhileWriting++;
                readerStarted.TrySetResult();
            }
            while (Volatile.Read(ref writing));
        }, TestContext.Current.CancellationToken);
        var writer = Task.Run(async () =>
        {
            try
            {
                await readerStarted.Task.WaitAsync(TestContext.Current.CancellationToken);
                for (var edit = 0; edit < 1_000; edit++)
                {
                    matcher.Set(10, alwaysMatching[edit % alwaysMatching.Length]);
                    matcher.Set(11, neverMatching[edit % neverMatching.Length]);
                    matcher.Set(100 + (edit % 30), churn[edit % churn.Length]);
                    if (edit % 3 == 0)
                    {
                        matcher.Remove(100 + (edit * 7 % 30));
                    }
                }
            }
            finally
            {
                Volatile.Write(ref writing, false);
            }
        }, TestContext.Current.CancellationToken);
        await Task.WhenAll(reader, writer);

        var (after, _) = Match(matcher, post);

        Assert.True(matchesWhileWriting > 0);
        Assert.Equal([1, 2, 4, 10], after.Where(id => id < 100));
    }

    private static void AssertMatches(int[] expectedMatches, int expectedCandidates, (List<int> Matches, int Candidates) actual)
    {
        Assert.Equal(expectedMatches, actual.Matches);
        Assert.Equal(expectedCandidates, actual.Candidates);
    }

    private static QueryNode Parse(string query)
    {
        var parsed = QueryParser.Parse(query, Lists);
        Assert.True(parsed.IsValid, parsed.ToString());
        return parsed.Query;
    }

    private static bool Matches(string query, Post post)
    {
        var matcher = new QueryMatcher(Lists);
        matcher.Set(1, Parse(query));
        return Match(matcher, post).Matches.Count == 1;
    }

    private static (List<int> Matches, int Candidates) Match(QueryMatcher matcher, Post post) =>
        Match(matcher, PostAnalyzer.Analyze(post));

    private static (List<int> Matches, int Candidates) Match(QueryMatcher matcher, AnalyzedPost post)
    {
        var matches = new List<int>();
        matcher.Match(post, matches, out var candidates);
        matches.Sort();
        return (matches, candidates);
    }
}

using PressDeck.Core.Posts;
using PressDeck.Core.Query;
using PressDeck.Core.Query.Matching;
using PressDeck.Core.Text;
using PressDeck.Data.Archive;
using PressDeck.Data.Tests.Support;

namespace PressDeck.Data.Tests.Archive;

/// <summary>
/// Issue 2, "the search box searches the archive with the same query language": archive search must select exactly the
/// posts the reference evaluator selects, newest first, whatever the full-text narrowing does.
/// </summary>
[Trait("Issue", "2")]
public sealed class ArchiveSearchTests(ArchiveSearchTests.ArchivedCorpus corpus) : IClassFixture<ArchiveSearchTests.ArchivedCorpus>
{
    private const int PageSize = 37;

    /// <summary>Queries written from words, phrases, hashtags, handles, links and kinds that occur in the corpus.</summary>
    public static readonly string[] WrittenQueries =
    [
        // Words, including hashtag bodies, and words that normalise (case, diacritics, punctuation).
        "apprenticeship",
        "Apprenticeships",
        "skillsbill",
        "energy",
        "Dundee",
        "reunion",
        "Réunion",
        "inquietude",
        "Cymru",
        "llwyr",
        "cytuno'n",
        "20%",
        "11.30am",
        "Naive",
        "strasse",
        "economie",
        "τελικώς",
        "東京",
        "都",
        "covid-19",

        // Phrases.
        "\"skills bill\"",
        "\"Skills-Bill\"",
        "\"flexible working\"",
        "\"business energy scheme\"",
        "\"droits de douane\"",
        "\"yng Nghymru\"",
        "\"thanks for\"",
        "\"the right plan at the right time\"",
        "\"steel news\"",
        "\"what we know so far\"",

        // Prefixes.
        "appren*",
        "employ*",
        "energ*",
        "Econ*",
        "fusnes*",

        // Hashtags and mentions.
        "#SkillsBill",
        "#skillsbill OR #steeljobs",
        "#steel_news",
        "#budget",
        "#Ŵyl_Caerdydd",
        "#東京",
        "@dbt_press",
        "@DBT_PRESS -#skillsbill",
        "@bbcnews",
        "@bob@mastodon.social",
        "@carol@mastodon.social",

        // Operators.
        "from:dbt_press",
        "from:@BBCNews",
        "from:bbcnews",
        "from:AHMED_OBRIEN",
        "from:ahmed_obrien.bsky.social",
        "from:ahmed_obrien@press.social",
        "from:jo is:repost",
        "to:dbt_press",
        "to:ruthobrien78 OR to:ahmed_obrien",
        "list:journalists",
        "list:\"select committee\"",
        "list:journalists #skillsbill",
        "network:bluesky",
        "network:twitter #SkillsBill",
        "network:mastodon -network:mastodon OR network:rss apprenticeship",
        "network:demo energy",
        "lang:cy",
        "lang:fr OR lang:ja",
        "lang:en -#skillsbill energy",
        "has:images",
        "has:images from:dbt_press",
        "has:video",
        "has:media -has:images",
        "has:links",
        "is:reply",
        "is:repost",
        "is:quote",
        "is:reply is:quote",
        "is:reply -to:dbt_press",
        "url:gov.uk",
        "url:northernchronicle.co.uk/business",
        "url:www.gov.uk/government/news",
        "url:ons.gov.uk",
        "https://www.gov.uk/budget",

        // Combinations: OR, negation, nested groups, AND written out.
        "apprenticeship OR apprenticeships",
        "energy -#energybills",
        "\"skills bill\" -#skillsbill -from:dbt_press",
        "(apprenticeship OR steel) (lang:en OR lang:cy) -is:repost",
        "#skillsbill (colleges OR (funding -guarantee))",
        "-(is:repost OR is:quote) @dbt_press",
        "(from:dbt_press OR list:journalists) AND (energ* OR #steeljobs)",
        "((#tradedeal OR douane) -(lang:fr has:images)) OR #東京",
        "skills bill OR apprentices",
        "Employers OR (#apprentices -employment)",
        "network:x (from:jo OR @bbcnews) -\"thanks for\"",
        "question -(is:reply OR (network:bluesky -has:links))",
    ];

    public static TheoryData<string> Queries
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var query in WrittenQueries.Concat(DrawnQueries()))
            {
                data.Add(query);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Search_returns_exactly_what_the_evaluator_selects_newest_first(string text)
    {
        var parsed = QueryParser.Parse(text, ArchiveSearchCorpus.Lists);
        Assert.True(parsed.IsValid, parsed.ToString());
        var expected = corpus.Expected(parsed.Query);

        var found = await corpus.Database.Archive.SearchAllAsync(
            new ArchiveSearch(parsed.Query, PageSize: PageSize), ArchiveSearchCorpus.Lists, TestContext.Current.CancellationToken);

        Assert.NotEmpty(expected);
        Assert.Equal(expected.Select(Describe), found.Select(Describe));
    }

    [Fact]
    public async Task Search_without_a_query_pages_through_every_post_newest_first()
    {
        var expected = corpus.Expected(null);

        var found = await corpus.Database.Archive.SearchAllAsync(
            new ArchiveSearch(null, PageSize: PageSize), ArchiveSearchCorpus.Lists, TestContext.Current.CancellationToken);

        Assert.Equal(ArchiveSearchCorpus.Posts.Count, expected.Count);
        Assert.Equal(expected.Select(Describe), found.Select(Describe));
    }

    [Fact]
    [Trait("Issue", "3")]
    public async Task Search_returns_exactly_what_the_live_matcher_matches_for_every_query()
    {
        var queries = Queries.Select(row => row.Data).ToList();
        var matcher = new QueryMatcher(ArchiveSearchCorpus.Lists);
        var parsed = queries.Select(text => QueryParser.Parse(text, ArchiveSearchCorpus.Lists).Query!).ToList();
        for (var id = 0; id < parsed.Count; id++)
        {
            matcher.Set(id, parsed[id]);
        }

        // Every post through the matcher once, holding all the queries, as ingest does.
        var matchedBy = parsed.Select(_ => new SortedSet<string>(StringComparer.Ordinal)).ToArray();
        var matches = new List<int>();
        for (var index = 0; index < ArchiveSearchCorpus.Posts.Count; index++)
        {
            matches.Clear();
            matcher.Match(ArchiveSearchCorpus.Analyses[index], matches);
            foreach (var id in matches)
            {
                matchedBy[id].Add(Key(ArchiveSearchCorpus.Posts[index]));
            }
        }

        Assert.True(queries.Count >= 100, $"Only {queries.Count} queries.");
        Assert.True(ArchiveSearchCorpus.Posts.Count >= 2_000, $"Only {ArchiveSearchCorpus.Posts.Count} posts.");
        for (var id = 0; id < parsed.Count; id++)
        {
            var found = await corpus.Database.Archive.SearchAllAsync(
                new ArchiveSearch(parsed[id], PageSize: 500), ArchiveSearchCorpus.Lists, TestContext.Current.CancellationToken);
            Assert.True(
                matchedBy[id].SetEquals(found.Select(stored => Key(stored.Post))),
                $"{queries[id]}: matcher {matchedBy[id].Count} posts, archive {found.Count}");
        }
    }

    [Fact]
    public void The_queries_are_many_and_discriminating()
    {
        var queries = Queries.Select(row => row.Data).ToList();
        var counts = queries.Select(query => corpus.Expected(QueryParser.Parse(query, ArchiveSearchCorpus.Lists).Query!).Count).ToList();

        Assert.True(queries.Count >= 60, $"Only {queries.Count} queries.");
        Assert.All(counts, count => Assert.InRange(count, 1, ArchiveSearchCorpus.Posts.Count - 1));
        Assert.True(counts.Count(count => count > PageSize) >= 20, "Too few queries need more than one page.");
    }

    /// <summary>Queries drawn mechanically from the corpus: the commonest hashtags, mentions, authors and word pairs.</summary>
    private static IEnumerable<string> DrawnQueries()
    {
        var analyses = ArchiveSearchCorpus.Analyses;
        foreach (var tag in Commonest(analyses.SelectMany(post => post.Hashtags), 10))
        {
            yield return "#" + tag;
        }

        foreach (var handle in Commonest(analyses.SelectMany(post => post.Mentions), 5))
        {
            yield return "@" + handle + " OR from:" + handle;
        }

        foreach (var author in Commonest(analyses.Select(post => post.AuthorHandle), 6))
        {
            yield return "from:" + author + " -is:reply";
        }

        var pairs = analyses
            .SelectMany(post => post.Tokens.Zip(post.Tokens.Skip(1)))
            .Where(pair => pair.First != AnalyzedPost.EntityPlaceholderToken && pair.Second != AnalyzedPost.EntityPlaceholderToken)
            .Select(pair => pair.First + " " + pair.Second);
        foreach (var pair in Commonest(pairs, 60).Where((_, index) => index % 6 == 0))
        {
            yield return "\"" + pair + "\"";
        }

        foreach (var word in Commonest(analyses.SelectMany(post => post.Tokens).Where(token => token.Length >= 6), 40).Where((_, index) => index % 8 == 0))
        {
            yield return word[..4] + "* -" + word;
        }
    }

    private static IEnumerable<string> Commonest(IEnumerable<string> values, int count) =>
        values.GroupBy(value => value, StringComparer.Ordinal)
            .OrderByDescending(group => group.Count())
            .ThenBy(group => group.Key, StringComparer.Ordinal)
            .Take(count)
            .Select(group => group.Key);

    private static string Key(Post post) => $"{post.Network} {post.RemoteId}";

    private static string Describe(StoredPost stored) => $"{stored.Id} {stored.Post.Network} {stored.Post.RemoteId}";

    /// <summary>The corpus archived once for all the tests of the class, in a shuffled order and in batches.</summary>
    public sealed class ArchivedCorpus : IAsyncLifetime
    {
        private readonly Dictionary<(Network, string), long> _ids = [];

        public ArchiveDatabase Database { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            Database = await ArchiveDatabase.CreateAsync(TestContext.Current.CancellationToken);
            var shuffled = ArchiveSearchCorpus.Posts.ToArray();
            new Random(2026).Shuffle(shuffled);
            foreach (var batch in shuffled.Chunk(250))
            {
                var stored = await Database.Archive.AddAsync(PostBuilder.Entries(batch), TestContext.Current.CancellationToken);
                foreach (var post in stored)
                {
                    _ids.Add((post.Post.Network, post.Post.RemoteId), post.Id);
                }
            }

            Assert.Equal(ArchiveSearchCorpus.Posts.Count, await Database.Archive.CountAsync(TestContext.Current.CancellationToken));
        }

        /// <summary>What the reference evaluator selects, as archive search should return it: newest first, then highest id.</summary>
        public IReadOnlyList<StoredPost> Expected(QueryNode? query) =>
            [.. ArchiveSearchCorpus.Posts
                .Select((post, index) => (Post: post, Analysis: ArchiveSearchCorpus.Analyses[index]))
                .Where(item => query is null || ReferenceEvaluator.Matches(query, item.Analysis, ArchiveSearchCorpus.Lists))
                .Select(item => new StoredPost(_ids[(item.Post.Network, item.Post.RemoteId)], item.Post))
                .OrderByDescending(stored => stored.Post.CreatedAt)
                .ThenByDescending(stored => stored.Id)];

        public async ValueTask DisposeAsync() => await Database.DisposeAsync();
    }
}

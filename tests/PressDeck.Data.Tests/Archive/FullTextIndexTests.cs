using PressDeck.Core.Posts;
using PressDeck.Core.Query;
using PressDeck.Data.Archive;
using PressDeck.Data.Tests.Support;

namespace PressDeck.Data.Tests.Archive;

/// <summary>
/// Issue 2: the full-text index (<c>PostsFts</c>) holds Core's token stream, so archive search finds what the query
/// language defines (QUERY-LANGUAGE.md sections 2, 3, 7 and 8), across scripts.
/// </summary>
[Trait("Issue", "2")]
public sealed class FullTextIndexTests(FullTextIndexTests.ArchivedPosts archived) : IClassFixture<FullTextIndexTests.ArchivedPosts>
{
    private static readonly Post[] Posts =
    [
        PostBuilder.Post("thanks @bbc for the update", "mention-between"),
        PostBuilder.Post("thanks for the update", "thanks-for"),
        PostBuilder.Post("A naïve plan", "naive"),
        PostBuilder.Post("Covid 19 figures out", "covid-19"),
        PostBuilder.Post("COVID-19: figures", "covid-hyphen"),
        PostBuilder.Post("covid figures rise by 19", "covid-apart"),
        PostBuilder.Post("More #Apprentices than ever", "hashtag"),
        PostBuilder.Post("more apprentices than ever", "no-hashtag"),
        PostBuilder.Post("Read #steel_news today", "steel-news"),
        PostBuilder.Post("The Skills-Bill passes", "skills-bill"),
        PostBuilder.Post("skills for the bill", "skills-for-bill"),
        PostBuilder.Post("Employers welcome it", "employers"),
        PostBuilder.Post("Straße closed", "strasse"),
        PostBuilder.Post("東京で記者会見", "tokyo"),
        PostBuilder.Post("京都の秋", "kyoto"),
        PostBuilder.Post("Mae'r ŵyl yng Nghaerdydd yn dechrau heddiw", "welsh", languages: ["cy"]),
        PostBuilder.Post("Réunion sur l'Économie à Londres", "french", languages: ["fr"]),
        PostBuilder.Post("Ο προϋπολογισμός ψηφίστηκε τελικώς", "greek", languages: ["el"]),
        PostBuilder.Post("हिन्दी समाचार", "hindi", languages: ["hi"]),
        PostBuilder.Post("email press@bbcnews.com", "email-address"),
        PostBuilder.Post("thanks @BBCNews.", "bbcnews-mention"),
        PostBuilder.Post("Read https://www.gov.uk/budget now", "budget-link"),
    ];

    public static TheoryData<string, string[]> Searches => new()
    {
        { "\"thanks for\"", ["thanks-for"] },
        { "thanks for", ["thanks-for", "mention-between"] },
        { "naive", ["naive"] },
        { "NAÏVE", ["naive"] },
        { "covid-19", ["covid-hyphen", "covid-19"] },
        { "\"covid 19\"", ["covid-hyphen", "covid-19"] },
        { "apprentices", ["no-hashtag", "hashtag"] },
        { "#apprentices", ["hashtag"] },
        { "steel", ["steel-news"] },
        { "\"steel news\"", ["steel-news"] },
        { "#steel_news", ["steel-news"] },
        { "#steel", [] },
        { "\"skills bill\"", ["skills-bill"] },
        { "emplo*", ["employers"] },
        { "ploy*", [] },
        { "strasse", ["strasse"] },
        { "東京", ["tokyo"] },
        { "京", ["kyoto", "tokyo"] },
        { "\"京 都\"", ["kyoto"] },
        { "京東", [] },
        { "wyl", ["welsh"] },
        { "ŵyl", ["welsh"] },
        { "\"yng nghaerdydd\"", ["welsh"] },
        { "mae'r", ["welsh"] },
        { "reunion economie", ["french"] },
        { "\"a londres\"", ["french"] },
        { "τελικωσ", ["greek"] },
        { "ΤΕΛΙΚΏΣ", ["greek"] },
        { "προυπο*", ["greek"] },
        { "हिन्दी", ["hindi"] },
        { "bbcnews", ["email-address"] },
        { "@bbcnews", ["bbcnews-mention"] },
        { "@bbc", ["mention-between"] },
        { "budget", [] },
        { "url:gov.uk/budget", ["budget-link"] },
    };

    /// <summary>Raw FTS5 expressions against the index itself: the tokens are Core's, mentions and links hold a place.</summary>
    public static TheoryData<string, string[]> IndexMatches => new()
    {
        { "words : \"thanks for\"", ["thanks-for"] },
        { "words : \"naive\"", ["naive"] },
        { "words : \"covid 19\"", ["covid-19", "covid-hyphen"] },
        { "words : \"apprentices\"", ["hashtag", "no-hashtag"] },
        { "tags : \"apprentices\"", ["hashtag"] },
        { "words : \"steel news\"", ["steel-news"] },
        { "tags : \"steel_news\"", ["steel-news"] },
        { "tags : \"steel\"", [] },
        { "words : \"emplo\"*", ["employers"] },
        { "words : \"strasse\"", ["strasse"] },
        { "words : \"東 京\"", ["tokyo"] },
        { "words : \"東京\"", [] },
        { "words : \"wyl\"", ["welsh"] },
        { "words : \"economie\"", ["french"] },
        { "words : \"τελικωσ\"", ["greek"] },
        { "mentions : \"bbcnews\"", ["bbcnews-mention"] },
        { "words : \"bbcnews\"", ["email-address"] },
        { "mentions : \"bbc\"", ["mention-between"] },
        { "words : \"budget\"", [] },
    };

    [Theory]
    [MemberData(nameof(Searches))]
    public async Task Search_finds_posts_by_the_query_languages_tokens(string query, string[] expected)
    {
        var parsed = QueryParser.Parse(query, InMemoryListDirectory.Empty);
        Assert.True(parsed.IsValid, parsed.ToString());

        var found = await archived.Database.Archive.SearchAllAsync(
            new ArchiveSearch(parsed.Query, PageSize: 2), InMemoryListDirectory.Empty, TestContext.Current.CancellationToken);

        Assert.Equal(expected.Order(StringComparer.Ordinal), found.Select(post => post.Post.RemoteId).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(IndexMatches))]
    public async Task The_index_holds_the_normalised_token_stream(string expression, string[] expected)
    {
        var ids = await archived.Database.FullTextMatchAsync(expression, TestContext.Current.CancellationToken);

        Assert.Equal(expected.Order(StringComparer.Ordinal), ids.Select(id => archived.RemoteIds[id]).Order(StringComparer.Ordinal));
    }

    public sealed class ArchivedPosts : IAsyncLifetime
    {
        public ArchiveDatabase Database { get; private set; } = null!;

        public Dictionary<long, string> RemoteIds { get; } = [];

        public async ValueTask InitializeAsync()
        {
            Database = await ArchiveDatabase.CreateAsync(TestContext.Current.CancellationToken);
            var posts = Posts.Select((post, index) => post with { CreatedAt = PostBuilder.Start.AddMinutes(index) });
            foreach (var stored in await Database.Archive.AddAsync(PostBuilder.Entries(posts), TestContext.Current.CancellationToken))
            {
                RemoteIds.Add(stored.Id, stored.Post.RemoteId);
            }
        }

        public async ValueTask DisposeAsync() => await Database.DisposeAsync();
    }
}

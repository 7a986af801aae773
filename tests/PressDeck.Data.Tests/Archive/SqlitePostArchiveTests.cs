using PressDeck.Core.Posts;
using PressDeck.Core.Query;
using PressDeck.Data.Archive;
using PressDeck.Data.Tests.Support;

namespace PressDeck.Data.Tests.Archive;

public sealed class SqlitePostArchiveTests
{
    [Fact]
    [Trait("Issue", "2")]
    public async Task Adding_stores_new_posts_once_and_returns_only_those()
    {
        await using var database = await ArchiveDatabase.CreateAsync(TestContext.Current.CancellationToken);
        var archive = database.Archive;
        var first = PostBuilder.Post("skills bill passes", "p1");
        var second = PostBuilder.Post("apprentices rally", "p2");
        var sameIdElsewhere = PostBuilder.Post("skills bill on X", "p1", author: "jo", network: Network.X);
        var third = PostBuilder.Post("steel jobs", "p3");

        var added = await archive.AddAsync(PostBuilder.Entries([first, second, first]), TestContext.Current.CancellationToken);
        var addedAgain = await archive.AddAsync(PostBuilder.Entries([second, sameIdElsewhere, first, third]), TestContext.Current.CancellationToken);
        var addedNothing = await archive.AddAsync(PostBuilder.Entries([third, first]), TestContext.Current.CancellationToken);

        Assert.Equal(["p1", "p2"], added.Select(post => post.Post.RemoteId));
        Assert.Equal([(Network.X, "p1"), (Network.Bluesky, "p3")], addedAgain.Select(post => (post.Post.Network, post.Post.RemoteId)));
        Assert.Empty(addedNothing);
        Assert.Equal(4, added.Concat(addedAgain).Select(post => post.Id).Distinct().Count());
        Assert.Equal(4, await archive.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(4, await database.ScalarAsync("SELECT COUNT(*) FROM PostsFts", TestContext.Current.CancellationToken));
        var skills = await archive.SearchAllAsync(Search("skills"), InMemoryListDirectory.Empty, TestContext.Current.CancellationToken);
        Assert.Equal([(Network.Bluesky, "p1"), (Network.X, "p1")], skills.Select(post => (post.Post.Network, post.Post.RemoteId)).Order());
    }

    [Fact]
    public async Task Adding_nothing_stores_nothing()
    {
        await using var database = await ArchiveDatabase.CreateAsync(TestContext.Current.CancellationToken);

        var added = await database.Archive.AddAsync([], TestContext.Current.CancellationToken);

        Assert.Empty(added);
        Assert.Equal(0, await database.Archive.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_stored_post_comes_back_whole()
    {
        await using var database = await ArchiveDatabase.CreateAsync(TestContext.Current.CancellationToken);
        var post = PostBuilder.Post(
            "@dbt_press when does the #SkillsBill start?",
            author: "Ahmed_OBrien",
            network: Network.Mastodon,
            kind: PostKind.Reply,
            replyTo: "dbt_press",
            languages: ["en-GB"],
            links: ["https://www.gov.uk/skills"],
            hashtags: ["Apprentices"],
            mentions: ["jo"],
            media: [new MediaItem(MediaType.Image, "https://cdn.example/a.jpg", "The minister")]);
        await database.Archive.AddAsync([PostBuilder.Entry(post)], TestContext.Current.CancellationToken);

        var found = await database.Archive.SearchAsync(Search("#skillsbill"), InMemoryListDirectory.Empty, TestContext.Current.CancellationToken);

        var stored = Assert.Single(found.Posts).Post;
        Assert.Null(found.Next);
        Assert.Equal(post with { Languages = [], Links = [], Hashtags = [], Mentions = [], Media = [] }, stored with { Languages = [], Links = [], Hashtags = [], Mentions = [], Media = [] });
        Assert.Equal(post.Languages, stored.Languages);
        Assert.Equal(post.Links, stored.Links);
        Assert.Equal(post.Hashtags, stored.Hashtags);
        Assert.Equal(post.Mentions, stored.Mentions);
        Assert.Equal(post.Media, stored.Media);
        Assert.Equal(DateTimeKind.Utc, stored.CreatedAt.Kind);
    }

    [Fact]
    [Trait("Issue", "2")]
    public async Task Date_range_includes_from_and_excludes_to()
    {
        await using var database = await ArchiveDatabase.CreateAsync(TestContext.Current.CancellationToken);
        var at = PostBuilder.Start;
        var instants = new[]
        {
            at, at.AddMilliseconds(500), at.AddSeconds(1), at.AddHours(1), at.AddHours(2), at.AddHours(2).AddTicks(1), at.AddHours(3),
        };
        await database.Archive.AddAsync(
            PostBuilder.Entries(instants.Select((instant, index) => PostBuilder.Post("budget day", "p" + index, createdAt: instant))),
            TestContext.Current.CancellationToken);

        var wide = await SearchRemoteIdsAsync(database, new ArchiveSearch(Query("budget"), From: at.AddMilliseconds(500), To: at.AddHours(2).AddTicks(1), PageSize: 2));
        var exact = await SearchRemoteIdsAsync(database, new ArchiveSearch(null, From: at.AddHours(1), To: at.AddHours(2)));
        var fromOnly = await SearchRemoteIdsAsync(database, new ArchiveSearch(Query("day"), From: at.AddHours(2), PageSize: 1));
        var toOnly = await SearchRemoteIdsAsync(database, new ArchiveSearch(null, To: at.AddSeconds(1), PageSize: 1));
        var empty = await SearchRemoteIdsAsync(database, new ArchiveSearch(null, From: at.AddHours(1), To: at.AddHours(1)));

        Assert.Equal(["p4", "p3", "p2", "p1"], wide);
        Assert.Equal(["p3"], exact);
        Assert.Equal(["p6", "p5", "p4"], fromOnly);
        Assert.Equal(["p1", "p0"], toOnly);
        Assert.Empty(empty);
    }

    [Fact]
    public async Task Purging_removes_old_posts_of_one_network_from_the_table_and_the_index()
    {
        await using var database = await ArchiveDatabase.CreateAsync(TestContext.Current.CancellationToken);
        var cutoff = PostBuilder.Start;
        var posts = new[]
        {
            PostBuilder.Post("steel jobs old", "old-1", createdAt: cutoff.AddDays(-2)),
            PostBuilder.Post("steel jobs older", "old-2", createdAt: cutoff.AddDays(-30)),
            PostBuilder.Post("steel jobs at the cutoff", "new-1", createdAt: cutoff),
            PostBuilder.Post("steel jobs new", "new-2", createdAt: cutoff.AddDays(1)),
            PostBuilder.Post("steel jobs on X", "x-old", author: "jo", network: Network.X, createdAt: cutoff.AddDays(-2)),
        };
        var stored = await database.Archive.AddAsync(PostBuilder.Entries(posts), TestContext.Current.CancellationToken);
        var purgedIds = stored.Where(post => post.Post.RemoteId.StartsWith("old-", StringComparison.Ordinal)).Select(post => post.Id).ToList();

        var purged = await database.Archive.PurgeAsync(Network.Bluesky, cutoff, TestContext.Current.CancellationToken);

        Assert.Equal(2, purged);
        Assert.Equal(3, await database.Archive.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(3, await database.ScalarAsync("SELECT COUNT(*) FROM PostsFts", TestContext.Current.CancellationToken));
        var indexed = await database.FullTextMatchAsync("words : \"steel\"", TestContext.Current.CancellationToken);
        Assert.Equal(3, indexed.Count);
        Assert.DoesNotContain(indexed, purgedIds.Contains);
        Assert.Empty(await database.FullTextMatchAsync("words : \"old\" OR words : \"older\"", TestContext.Current.CancellationToken));
        Assert.Equal(["new-2", "new-1", "x-old"], await SearchRemoteIdsAsync(database, new ArchiveSearch(Query("steel"))));
        Assert.Empty(await SearchRemoteIdsAsync(database, new ArchiveSearch(Query("old OR older network:bluesky"))));
        Assert.Equal(0, await database.Archive.PurgeAsync(Network.Bluesky, cutoff, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_purged_post_can_be_archived_again_and_found()
    {
        await using var database = await ArchiveDatabase.CreateAsync(TestContext.Current.CancellationToken);
        var post = PostBuilder.Post("steel jobs", "p1", createdAt: PostBuilder.Start.AddDays(-1));
        await database.Archive.AddAsync([PostBuilder.Entry(post)], TestContext.Current.CancellationToken);
        await database.Archive.PurgeAsync(Network.Bluesky, PostBuilder.Start, TestContext.Current.CancellationToken);

        var again = await database.Archive.AddAsync([PostBuilder.Entry(post)], TestContext.Current.CancellationToken);

        Assert.Single(again);
        Assert.Equal(["p1"], await SearchRemoteIdsAsync(database, new ArchiveSearch(Query("steel"))));
        Assert.Equal(1, await database.ScalarAsync("SELECT COUNT(*) FROM PostsFts", TestContext.Current.CancellationToken));
    }

    private static ArchiveSearch Search(string query) => new(Query(query));

    private static QueryNode Query(string text)
    {
        var parsed = QueryParser.Parse(text, InMemoryListDirectory.Empty);
        Assert.True(parsed.IsValid, parsed.ToString());
        return parsed.Query;
    }

    private static async Task<IReadOnlyList<string>> SearchRemoteIdsAsync(ArchiveDatabase database, ArchiveSearch search) =>
        [.. (await database.Archive.SearchAllAsync(search, InMemoryListDirectory.Empty, TestContext.Current.CancellationToken)).Select(post => post.Post.RemoteId)];
}

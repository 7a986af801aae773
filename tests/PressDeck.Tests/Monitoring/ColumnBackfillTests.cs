using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PressDeck.Accounts;
using PressDeck.Core.Posts;
using PressDeck.Core.Query;
using PressDeck.Data.Archive;
using PressDeck.Data.Identity;
using PressDeck.Monitoring.Backfill;
using PressDeck.Monitoring.Deck;
using PressDeck.Monitoring.Lists;
using PressDeck.Monitoring.Live;
using PressDeck.Testing;

using PressDeck.Tests.Team;

namespace PressDeck.Tests.Monitoring;

/// <summary>Issue 4: a new column is filled from the networks' searches so it does not start empty.</summary>
[Trait("Issue", "4")]
public sealed class ColumnBackfillTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("skills bill", "skills bill", null)]
    [InlineData("\"steel plant\" #Redcar", "\"steel plant\" #redcar", null)]
    [InlineData("minister -resign network:mastodon", "minister", "Mastodon")]
    [InlineData("from:bbcnews budget (network:bluesky OR network:x)", "from:bbcnews budget", "Bluesky,X")]
    [InlineData("(budget OR spending) review", "review", null)]
    public void A_column_query_becomes_the_searches_of_what_its_posts_must_contain(string query, string expected, string? networks)
    {
        var search = Assert.Single(BackfillSearches.From(Parse(query)));

        Assert.Equal(expected, search.Text, ignoreCase: true);
        Assert.Equal(networks, search.Networks is null ? null : string.Join(',', search.Networks.Order()));
    }

    [Theory]
    [InlineData("network:bluesky")]
    [InlineData("has:images -is:repost")]
    [InlineData("lang:en -is:repost")]
    public void A_query_with_nothing_to_search_for_asks_no_network(string query) =>
        Assert.Empty(BackfillSearches.From(Parse(query)));

    [Fact]
    public void Alternatives_are_searched_each_up_to_the_limit()
    {
        var searches = BackfillSearches.From(Parse("apprentices OR trainees OR #SkillsBill OR \"skills bill\" OR levy"));

        Assert.Equal(BackfillSearches.MaxSearches, searches.Count);
        Assert.Equal("apprentices", searches[0].Text);
    }

    [Fact]
    public async Task A_new_column_is_filled_from_bluesky_search_through_the_connected_account()
    {
        await using var pds = await FakeBlueskyPds.StartAsync();
        pds.Accounts["pressoffice.bsky.social"] = "abcd-efgh-ijkl-mnop";
        await using var app = PressDeckApp.Build(
        [
            "--Kestrel:Endpoints:Http:Url=http://127.0.0.1:0", $"--Storage:DataFolder={PressDeckServer.NewDataFolder()}", "--Demo:Enabled=false",
            "--Network:Outbound:AllowedPrivateHosts:0=127.0.0.1",
        ]);
        await app.StartAsync(Cancel);
        await using var scope = await TestPeople.AdminScopeAsync(app.Services);
        var (account, error) = await scope.ServiceProvider.GetRequiredService<ConnectedAccountService>().ConnectAsync(
            new ConnectAccountForm { Network = Network.Bluesky, ServerUrl = pds.Url.ToString(), Identifier = "pressoffice.bsky.social", Secret = "abcd-efgh-ijkl-mnop" }, Cancel);
        Assert.Null(error);
        var officer = await TestPeople.CreateAsync(app.Services, PressDeck.Team.Roles.Officer);
        await using var officerScope = await TestPeople.ScopeAsAsync(app.Services, officer);
        var decks = officerScope.ServiceProvider.GetRequiredService<DeckService>();
        await decks.GetOrCreateDeckAsync(officer.Id, Cancel);

        var saved = await decks.AddColumnAsync(officer.Id, new ColumnDraft("Steel", "\"steel plant\" Redcar"), Cancel);
        using var column = app.Services.GetRequiredService<LiveFeed>().Subscribe(saved.Column!.Id);

        IReadOnlyList<StoredPost> found = [];
        await WaitUntilAsync(async () =>
        {
            await using var search = app.Services.CreateAsyncScope();
            found = (await search.ServiceProvider.GetRequiredService<IPostArchive>().SearchAsync(new ArchiveSearch(Parse("\"steel plant\" Redcar"), PageSize: 10), app.Services.GetRequiredService<ListDirectory>(), Cancel)).Posts;
            return found.Count == 3;
        });
        Assert.Equal("\"steel plant\" redcar", Assert.Single(pds.Searches));
        Assert.All(found, post => Assert.Matches(@"^searcher\d\.bsky\.social$", post.Post.Author.Handle));
        // The live column hears of the posts just after the archive has them, so it is waited for too.
        var heard = 0;
        await WaitUntilAsync(() => Task.FromResult((heard += column.Drain().Count) >= 3));
        Assert.Equal(3, heard);

        // A second column signs in no more: one sign-in tested the account, one session serves both searches.
        await decks.AddColumnAsync(officer.Id, new ColumnDraft("Budget", "budget"), Cancel);
        await WaitUntilAsync(() => Task.FromResult(pds.Searches.Count == 2));
        Assert.Equal(2, pds.Bodies.Count);
        await app.StopAsync(Cancel);
    }

    private static QueryNode Parse(string query)
    {
        var parsed = QueryParser.Parse(query, NoLists.Instance);
        Assert.True(parsed.Query is not null, parsed.Error?.Message);
        return parsed.Query;
    }

    private sealed class NoLists : Core.Lists.IListDirectory
    {
        public static readonly NoLists Instance = new();

        public bool Exists(string listName) => false;

        public bool Contains(string listName, string handle) => false;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            await Task.Delay(100, timeout.Token);
        }
    }
}

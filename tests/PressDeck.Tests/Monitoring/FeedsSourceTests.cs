using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using PressDeck.Connectors;
using PressDeck.Core.Posts;
using PressDeck.Core.Query;
using PressDeck.Data.Archive;
using PressDeck.Monitoring.Feeds;
using PressDeck.Monitoring.Lists;
using PressDeck.Monitoring.Live;
using PressDeck.Monitoring.Sources;
using PressDeck.Testing;

using PressDeck.Tests.Team;

namespace PressDeck.Tests.Monitoring;

[Trait("Issue", "4")]
public sealed class FeedsSourceTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_added_feed_fills_the_archive_and_a_column_and_after_a_restart_asks_only_for_what_changed()
    {
        await using var site = await FakeFeedServer.StartAsync();
        site.ServeFixture("/news.xml", "rss/FR_Rss20NYTimes.xml");
        var folder = PressDeckServer.NewDataFolder();
        int stored;
        await using (var app = await StartAsync(folder))
        {
            var lists = app.Services.GetRequiredService<ListDirectory>();
            app.Services.GetRequiredService<StandingQueries>().Set(9200, QueryParser.Parse("network:rss", lists).Query!);
            using var column = app.Services.GetRequiredService<LiveFeed>().Subscribe(9200);
            NewsFeedAddResult added;
            await using (var scope = await TestPeople.AdminScopeAsync(app.Services))
            {
                added = await scope.ServiceProvider.GetRequiredService<NewsFeedService>().AddAsync(site.UrlOf("/news.xml").ToString(), "nyt", 15, Cancel);
            }

            Assert.Null(added.Error);
            Assert.Equal("nyt", added.Feed!.Handle);
            Assert.True(added.ItemsRead > 5);
            var posts = await WaitForPostsAsync(app.Services, added.ItemsRead);
            Assert.All(posts, post =>
            {
                Assert.Equal(Network.Rss, post.Post.Network);
                Assert.Equal("nyt", post.Post.Author.Handle);
                Assert.StartsWith("http", post.Post.Url, StringComparison.Ordinal);
                Assert.False(string.IsNullOrWhiteSpace(post.Post.Title));
            });
            var shown = new List<StoredPost>();
            await WaitUntilAsync(() =>
            {
                shown.AddRange(column.Drain());
                return shown.Count >= added.ItemsRead;
            });

            var registry = app.Services.GetRequiredService<SourceRegistry>();
            await WaitUntilAsync(() => registry.Find(added.Feed.SourceName)?.State.Activity == SourceActivity.Connected);
            stored = posts.Count;
            await app.StopAsync(Cancel);
        }

        var requestsBefore = site.RequestsFor("/news.xml");
        await using (var restarted = await StartAsync(folder))
        {
            // The committed resume point goes back to the site: it answers 304 and nothing comes twice.
            await WaitUntilAsync(() => site.RequestsFor("/news.xml") > requestsBefore);
            var again = site.Requests.Last(request => request.Path == "/news.xml");
            Assert.True(again.IfNoneMatch is not null || again.IfModifiedSince is not null);
            await Task.Delay(500, Cancel);
            await using var scope = restarted.Services.CreateAsyncScope();
            Assert.Equal(stored, await scope.ServiceProvider.GetRequiredService<IPostArchive>().CountAsync(Cancel));
            await restarted.StopAsync(Cancel);
        }
    }

    [Theory]
    [InlineData("http://10.0.0.1/feed.xml", "10.0.0.1 is a private, local or reserved address")]
    [InlineData("ftp://example.org/feed.xml", "Only https:// and http:// addresses can be used")]
    [InlineData("/page.html", "The feed could not be read")]
    public async Task A_feed_address_that_cannot_be_followed_is_refused_in_words(string address, string expected)
    {
        await using var site = await FakeFeedServer.StartAsync();
        site.Serve("/page.html", "<html><body>Not a feed</body></html>"u8.ToArray(), "text/html");
        await using var app = await StartAsync(PressDeckServer.NewDataFolder());
        await using var scope = await TestPeople.AdminScopeAsync(app.Services);
        var service = scope.ServiceProvider.GetRequiredService<NewsFeedService>();

        var result = await service.AddAsync(address.StartsWith('/') ? site.UrlOf(address).ToString() : address, null, 15, Cancel);

        Assert.Null(result.Feed);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.Empty(await service.ListAsync(Cancel));
    }

    [Fact]
    public async Task A_removed_feed_stops_and_leaves_the_sources_page()
    {
        await using var site = await FakeFeedServer.StartAsync();
        site.ServeFixture("/news.xml", "rss/MF_small_atom.xml", "application/atom+xml");
        await using var app = await StartAsync(PressDeckServer.NewDataFolder());
        var registry = app.Services.GetRequiredService<SourceRegistry>();
        await using var scope = await TestPeople.AdminScopeAsync(app.Services);
        var service = scope.ServiceProvider.GetRequiredService<NewsFeedService>();
        var added = await service.AddAsync(site.UrlOf("/news.xml").ToString(), null, 15, Cancel);
        await WaitUntilAsync(() => registry.Find(added.Feed!.SourceName) is not null);

        Assert.True(await service.RemoveAsync(added.Feed!.Id, Cancel));

        await WaitUntilAsync(() => registry.Find(added.Feed.SourceName) is null);
        Assert.Empty(await service.ListAsync(Cancel));
    }

    private static async Task<WebApplication> StartAsync(string folder)
    {
        var app = PressDeckApp.Build(
        [
            "--Kestrel:Endpoints:Http:Url=http://127.0.0.1:0", $"--Storage:DataFolder={folder}", "--Demo:Enabled=false",
            "--Network:Outbound:AllowedPrivateHosts:0=127.0.0.1",
        ]);
        await app.StartAsync(Cancel);
        return app;
    }

    private static async Task<IReadOnlyList<StoredPost>> WaitForPostsAsync(IServiceProvider services, int count)
    {
        IReadOnlyList<StoredPost> posts = [];
        await WaitUntilAsync(async () =>
        {
            await using var scope = services.CreateAsyncScope();
            posts = (await scope.ServiceProvider.GetRequiredService<IPostArchive>().SearchAsync(new ArchiveSearch(null, PageSize: 200), services.GetRequiredService<ListDirectory>(), Cancel)).Posts;
            return posts.Count >= count;
        });
        return posts;
    }

    private static Task WaitUntilAsync(Func<bool> condition) => WaitUntilAsync(() => Task.FromResult(condition()));

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

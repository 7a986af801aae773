using Microsoft.Extensions.DependencyInjection;
using PressDeck.Core.Posts;
using PressDeck.Core.Query;
using PressDeck.Data.Archive;
using PressDeck.Monitoring.Lists;
using PressDeck.Monitoring.Live;
using PressDeck.Monitoring.Sources;
using PressDeck.Monitoring.X;
using PressDeck.Testing;

namespace PressDeck.Tests.Monitoring;

[Trait("Issue", "4")]
public sealed class XSourceTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_filtered_stream_follows_the_columns_fills_them_and_catches_up_after_a_restart()
    {
        await using var x = await FakeXServer.StartAsync();
        string[] args =
        [
            "--Kestrel:Endpoints:Http:Url=http://127.0.0.1:0", $"--Storage:DataFolder={PressDeckServer.NewDataFolder()}", "--Demo:Enabled=false",
            $"--X:BearerToken={FakeXServer.BearerToken}", $"--X:ApiUrl={x.Url}", "--X:NetworkInitialBackoff=00:00:00.100",
        ];
        string newest;
        await using (var app = PressDeckApp.Build(args))
        {
            var lists = app.Services.GetRequiredService<ListDirectory>();
            var queries = app.Services.GetRequiredService<StandingQueries>();
            queries.Set(9100, QueryParser.Parse("network:x", lists).Query!);
            queries.Set(9101, QueryParser.Parse("cat OR #API", lists).Query!);
            using var column = app.Services.GetRequiredService<LiveFeed>().Subscribe(9100);
            await app.StartAsync(Cancel);

            var stored = await WaitForPostsAsync(app.Services, 3);
            var cat = stored.Single(post => post.Post.RemoteId == "1234567890").Post;
            Assert.Equal("catperson", cat.Author.Handle);
            Assert.Equal("https://x.com/catperson/status/1234567890", cat.Url);
            Assert.All(stored, post => Assert.Equal(Network.X, post.Post.Network));
            var shown = new List<StoredPost>();
            await WaitUntilAsync(() =>
            {
                shown.AddRange(column.Drain());
                return shown.Count >= stored.Count;
            });

            // The columns became X rules, tagged with the columns they serve, beside other apps' rules, which stay.
            var othersBefore = x.Rules.Count(rule => rule.Tag?.StartsWith("pressdeck:", StringComparison.Ordinal) != true);
            await WaitUntilAsync(() => x.Rules.Any(rule => rule.Tag is { } tag && tag.StartsWith("pressdeck:", StringComparison.Ordinal) && tag.Contains("9101", StringComparison.Ordinal)));
            var ours = x.Rules.Where(rule => rule.Tag?.StartsWith("pressdeck:", StringComparison.Ordinal) == true).ToList();
            Assert.Contains(ours, rule => rule.Value.Contains("cat", StringComparison.Ordinal));
            Assert.Equal(othersBefore, x.Rules.Count - ours.Count);

            // The stream's operational-disconnect notice is followed by a reconnect, and the state says connected.
            var registry = app.Services.GetRequiredService<SourceRegistry>();
            await WaitUntilAsync(() => registry.Find(XSource.SourceName)?.State.Activity == Connectors.SourceActivity.Connected);
            newest = stored.Select(post => post.Post.RemoteId).OrderBy(id => id.Length).ThenBy(id => id, StringComparer.Ordinal).Last();
            await app.StopAsync(Cancel);
        }

        await using (var restarted = PressDeckApp.Build(args))
        {
            var lists = restarted.Services.GetRequiredService<ListDirectory>();
            restarted.Services.GetRequiredService<StandingQueries>().Set(9101, QueryParser.Parse("cat OR #API", lists).Query!);
            await restarted.StartAsync(Cancel);

            // X keeps no cursor: what the rules missed is searched for from the newest post committed before the stop.
            await WaitUntilAsync(() => x.Requests.Any(request => request.Contains("/2/tweets/search/recent", StringComparison.Ordinal) && request.Contains("since_id=" + newest, StringComparison.Ordinal)));
            await restarted.StopAsync(Cancel);
        }
    }

    private static async Task<IReadOnlyList<StoredPost>> WaitForPostsAsync(IServiceProvider services, int count)
    {
        IReadOnlyList<StoredPost> posts = [];
        await WaitUntilAsync(async () =>
        {
            await using var scope = services.CreateAsyncScope();
            posts = (await scope.ServiceProvider.GetRequiredService<IPostArchive>().SearchAsync(new ArchiveSearch(null, PageSize: 100), services.GetRequiredService<ListDirectory>(), Cancel)).Posts;
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

using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using PressDeck.Core.Posts;
using PressDeck.Core.Query;
using PressDeck.Data.Archive;
using PressDeck.Monitoring.Lists;
using PressDeck.Monitoring.Live;
using PressDeck.Testing;

namespace PressDeck.Tests.Monitoring;

[Trait("Issue", "4")]
public sealed class BlueskySourceTests
{
    private static readonly string[] Recorded =
        [.. SharedFixtures.Lines("bluesky/jetstream_mixed_sample.jsonl"), .. SharedFixtures.Lines("bluesky/jetstream_golden_v1.jsonl")];

    [Fact]
    public async Task Jetstream_posts_reach_the_archive_and_a_column_and_a_restart_resumes_from_the_committed_cursor()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var jetstream = await FakeJetstreamServer.StartAsync(Recorded);
        await using var appView = await FakeBlueskyAppView.StartAsync();
        var folder = PressDeckServer.NewDataFolder();
        string[] args =
        [
            "--Kestrel:Endpoints:Http:Url=http://127.0.0.1:0", $"--Storage:DataFolder={folder}", "--Demo:Enabled=false",
            "--Bluesky:Enabled=true", $"--Bluesky:Jetstream:Url={jetstream.Url}", "--Bluesky:Jetstream:InitialBackoff=00:00:00.100",
            $"--Bluesky:AppView:Url={appView.Url}",
        ];

        await using (var app = PressDeckApp.Build(args))
        {
            await app.StartAsync(cancellationToken);
            var queries = app.Services.GetRequiredService<StandingQueries>();
            var lists = app.Services.GetRequiredService<ListDirectory>();
            queries.Set(9001, QueryParser.Parse("#IndieRebellion OR \"tic tac\"", lists).Query!);
            using var column = app.Services.GetRequiredService<LiveFeed>().Subscribe(9001);

            // Seven posts and two reposts in the recording (likes, follows, profiles and the rest are not asked for).
            var stored = await WaitForAsync(app.Services, 9, cancellationToken);

            Assert.All(stored, post => Assert.Equal(Network.Bluesky, post.Post.Network));

            // Jetstream carries DIDs; the posts show the handles and names the AppView gave for them.
            Assert.All(stored, post =>
            {
                Assert.EndsWith(".bsky.social", post.Post.Author.Handle, StringComparison.Ordinal);
                Assert.StartsWith("Reporter ", post.Post.Author.DisplayName, StringComparison.Ordinal);
            });
            Assert.All(stored.Where(post => post.Post.IsReply), post => Assert.EndsWith(".bsky.social", post.Post.ReplyToHandle, StringComparison.Ordinal));
            var tagged = stored.Single(post => post.Post.Text.StartsWith("#HowToTellAiToShutUp", StringComparison.Ordinal)).Post;
            Assert.Equal(["HowToTellAiToShutUp", "IndieRebellion"], tagged.Hashtags);
            Assert.Equal(["de"], tagged.Languages);
            Assert.StartsWith("https://bsky.app/profile/did:plc:", tagged.Url, StringComparison.Ordinal);
            var reposts = stored.Where(post => post.Post.Kind == PostKind.Repost).Select(post => post.Post).ToList();
            Assert.Equal(2, reposts.Count);
            Assert.All(reposts, repost =>
            {
                // Jetstream sends a repost's subject only: the original's words come from the AppView.
                Assert.StartsWith("Original words of ", repost.Text, StringComparison.Ordinal);
                Assert.EndsWith(".bsky.social", repost.RepostOfHandle, StringComparison.Ordinal);
                Assert.StartsWith("https://bsky.app/profile/did:plc:", repost.Url, StringComparison.Ordinal);
            });
            Assert.Equal(2, stored.Count(post => post.Post.Media.Count > 0));

            var inColumn = await DrainAsync(column, 2, cancellationToken);
            Assert.Equal(2, inColumn.Count);
            Assert.Contains(inColumn, post => post.Post.Text.Contains("Tic Tac", StringComparison.Ordinal));
            await app.StopAsync(cancellationToken);
        }

        var lastPost = jetstream.Events.Last(e => e.Line.Contains("\"app.bsky.feed.post\"", StringComparison.Ordinal) || e.Line.Contains("\"app.bsky.feed.repost\"", StringComparison.Ordinal));
        await using (var restarted = PressDeckApp.Build(args))
        {
            await restarted.StartAsync(cancellationToken);
            await WaitUntilAsync(() => jetstream.Requests.Count >= 2, cancellationToken);

            // Resumed from the last post committed before the stop, less the rewind, and nothing stored twice.
            var resumedFrom = lastPost.TimeUs - 5_000_000;
            Assert.EndsWith($"&cursor={resumedFrom.ToString(CultureInfo.InvariantCulture)}", jetstream.Requests.Last(), StringComparison.Ordinal);
            await Task.Delay(1000, cancellationToken);
            var stored = await WaitForAsync(restarted.Services, 9, cancellationToken);
            Assert.Equal(9, stored.Count);
            await restarted.StopAsync(cancellationToken);
        }
    }

    private static async Task<IReadOnlyList<StoredPost>> WaitForAsync(IServiceProvider services, int count, CancellationToken cancellationToken)
    {
        IReadOnlyList<StoredPost> posts = [];
        await WaitUntilAsync(async () =>
        {
            await using var scope = services.CreateAsyncScope();
            var archive = scope.ServiceProvider.GetRequiredService<IPostArchive>();
            posts = (await archive.SearchAsync(new ArchiveSearch(null, PageSize: 100), services.GetRequiredService<ListDirectory>(), cancellationToken)).Posts;
            return posts.Count >= count;
        }, cancellationToken);
        return posts;
    }

    private static async Task<List<StoredPost>> DrainAsync(LiveSubscription column, int count, CancellationToken cancellationToken)
    {
        var received = new List<StoredPost>();
        await WaitUntilAsync(() =>
        {
            received.AddRange(column.Drain());
            return received.Count >= count;
        }, cancellationToken);
        return received;
    }

    private static Task WaitUntilAsync(Func<bool> condition, CancellationToken cancellationToken) =>
        WaitUntilAsync(() => Task.FromResult(condition()), cancellationToken);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        while (!await condition())
        {
            await Task.Delay(100, timeout.Token);
        }
    }
}

using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PressDeck.Core.Posts;
using PressDeck.Core.Query;
using PressDeck.Data;
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

    [Fact]
    public async Task An_updated_record_replaces_the_post_and_a_deleted_one_leaves_the_archive_and_the_column()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var created = SharedFixtures.Lines("bluesky/jetstream_mixed_sample.jsonl")
            .Where(line => line.Contains("\"operation\":\"create\",\"collection\":\"app.bsky.feed.post\"", StringComparison.Ordinal))
            .Take(2)
            .ToArray();
        var edited = JsonNode.Parse(created[0])!;
        edited["time_us"] = edited["time_us"]!.GetValue<long>() + 60_000_000;
        edited["commit"]!["operation"] = "update";
        edited["commit"]!["record"]!["text"] = "Corrected: the figures were for 2025 #Correction";
        var deleted = JsonNode.Parse(created[1])!;
        var deleteEvent = new JsonObject
        {
            ["did"] = deleted["did"]!.GetValue<string>(),
            ["time_us"] = deleted["time_us"]!.GetValue<long>() + 90_000_000,
            ["kind"] = "commit",
            ["commit"] = new JsonObject
            {
                ["rev"] = "3mptzzzzzzzzz",
                ["operation"] = "delete",
                ["collection"] = "app.bsky.feed.post",
                ["rkey"] = deleted["commit"]!["rkey"]!.GetValue<string>(),
            },
        };
        await using var jetstream = await FakeJetstreamServer.StartAsync([created[0], created[1], edited.ToJsonString(), deleteEvent.ToJsonString()]);
        // The first connection carries the two posts and drops; the update and the delete come after the reconnect.
        jetstream.Then(new ConnectionScript(DropAfter: 2));
        await using var appView = await FakeBlueskyAppView.StartAsync();
        string[] args =
        [
            "--Kestrel:Endpoints:Http:Url=http://127.0.0.1:0", $"--Storage:DataFolder={PressDeckServer.NewDataFolder()}", "--Demo:Enabled=false",
            "--Bluesky:Enabled=true", $"--Bluesky:Jetstream:Url={jetstream.Url}", "--Bluesky:Jetstream:InitialBackoff=00:00:00.300",
            $"--Bluesky:AppView:Url={appView.Url}",
        ];
        await using var app = PressDeckApp.Build(args);
        // Deletes reach every open column, whatever its query: the column takes the post away if it shows it.
        using var column = app.Services.GetRequiredService<LiveFeed>().Subscribe(9002);
        await app.StartAsync(cancellationToken);

        var retracted = new HashSet<long>();
        var deletedKey = "/app.bsky.feed.post/" + deleted["commit"]!["rkey"]!.GetValue<string>();
        await WaitUntilAsync(async () =>
        {
            retracted.UnionWith(column.DrainRetracted());
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var tombstone = await db.Posts.AsNoTracking().SingleOrDefaultAsync(post => post.RemoteId.EndsWith(deletedKey) && post.DeletedAt != null, cancellationToken);
            return tombstone is not null && retracted.Contains(tombstone.Id) && tombstone.Text.Length == 0;
        }, cancellationToken);

        var after = await WaitForAsync(app.Services, 1, cancellationToken);
        var current = Assert.Single(after);
        Assert.Equal("Corrected: the figures were for 2025 #Correction", current.Post.Text);
        Assert.NotNull(current.Post.EditedAt);
        await using var scope = app.Services.CreateAsyncScope();
        var archive = scope.ServiceProvider.GetRequiredService<IPostArchive>();
        var earlier = Assert.Single(await archive.GetVersionsAsync(current.Id, cancellationToken));
        Assert.NotEqual(current.Post.Text, earlier.Text);
        Assert.Equal(1, await archive.CountAsync(cancellationToken));
        await app.StopAsync(cancellationToken);
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

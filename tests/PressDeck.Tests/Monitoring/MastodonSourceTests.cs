using Microsoft.Extensions.DependencyInjection;
using PressDeck.Accounts;
using PressDeck.Connectors;
using PressDeck.Core.Posts;
using PressDeck.Core.Query;
using PressDeck.Data.Archive;
using PressDeck.Monitoring.Lists;
using PressDeck.Monitoring.Live;
using PressDeck.Monitoring.Mastodon;
using PressDeck.Monitoring.Sources;
using PressDeck.Testing;

using PressDeck.Tests.Team;

namespace PressDeck.Tests.Monitoring;

[Trait("Issue", "4")]
public sealed class MastodonSourceTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_connected_mastodon_account_s_stream_reaches_the_archive_and_falls_back_to_polling_without_streaming(bool streamingUnavailable)
    {
        await using var mastodon = await FakeMastodonServer.StartAsync();
        mastodon.StreamingUnavailable = streamingUnavailable;
        mastodon.RecordedStreamAs = "user";
        await using var app = PressDeckApp.Build(
        [
            "--Kestrel:Endpoints:Http:Url=http://127.0.0.1:0", $"--Storage:DataFolder={PressDeckServer.NewDataFolder()}", "--Demo:Enabled=false",
            "--Network:Outbound:AllowedPrivateHosts:0=127.0.0.1", "--Mastodon:Polling:Interval=00:00:00.500",
        ]);
        app.Services.GetRequiredService<StandingQueries>().Set(9300, QueryParser.Parse("network:mastodon", app.Services.GetRequiredService<ListDirectory>()).Query!);
        using var column = app.Services.GetRequiredService<LiveFeed>().Subscribe(9300);
        await app.StartAsync(Cancel);
        var registry = app.Services.GetRequiredService<SourceRegistry>();
        Assert.DoesNotContain(registry.Sources, source => source.Network == Network.Mastodon);

        await using (var scope = await TestPeople.AdminScopeAsync(app.Services))
        {
            var (account, error) = await scope.ServiceProvider.GetRequiredService<ConnectedAccountService>().ConnectAsync(
                new ConnectAccountForm { Network = Network.Mastodon, ServerUrl = mastodon.Url.ToString(), Secret = FakeMastodonServer.Token }, Cancel);
            Assert.Null(error);
        }

        // Connecting the account starts its source at once; its posts arrive with user@instance handles.
        await WaitUntilAsync(() => registry.Sources.Any(source => source.Network == Network.Mastodon && source.State.Activity == SourceActivity.Connected));
        IReadOnlyList<StoredPost> posts = [];

        await WaitUntilAsync(async () =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            posts = (await scope.ServiceProvider.GetRequiredService<IPostArchive>().SearchAsync(new ArchiveSearch(null, PageSize: 100), app.Services.GetRequiredService<ListDirectory>(), Cancel)).Posts;
            // The recorded stream carries one new status (and a delete and a filters change); the home timeline more.
            return posts.Count >= (streamingUnavailable ? 2 : 1);
        });
        Assert.All(posts, post =>
        {
            Assert.Equal(Network.Mastodon, post.Post.Network);
            Assert.Matches("^[^@]+@[^@]+$", post.Post.Author.Handle);
            Assert.StartsWith("http", post.Post.Url, StringComparison.Ordinal);
        });
        var shown = new List<StoredPost>();
        await WaitUntilAsync(() =>
        {
            shown.AddRange(column.Drain());
            return shown.Count >= posts.Count;
        });
        await app.StopAsync(Cancel);
    }

    [Fact]
    public async Task The_account_s_lists_and_the_columns_hashtags_are_followed_as_streams_that_change_with_the_columns()
    {
        await using var mastodon = await FakeMastodonServer.StartAsync();
        await using var app = PressDeckApp.Build(
        [
            "--Kestrel:Endpoints:Http:Url=http://127.0.0.1:0", $"--Storage:DataFolder={PressDeckServer.NewDataFolder()}", "--Demo:Enabled=false",
            "--Network:Outbound:AllowedPrivateHosts:0=127.0.0.1",
        ]);
        var lists = app.Services.GetRequiredService<ListDirectory>();
        var queries = app.Services.GetRequiredService<StandingQueries>();
        queries.Set(9400, QueryParser.Parse("#RedcarSteel OR apprentices", lists).Query!);
        queries.Set(9401, QueryParser.Parse("#Budget network:bluesky", lists).Query!);
        await app.StartAsync(Cancel);
        await using (var scope = await TestPeople.AdminScopeAsync(app.Services))
        {
            await scope.ServiceProvider.GetRequiredService<ConnectedAccountService>().ConnectAsync(
                new ConnectAccountForm { Network = Network.Mastodon, ServerUrl = mastodon.Url.ToString(), Secret = FakeMastodonServer.Token }, Cancel);
        }

        var registry = app.Services.GetRequiredService<SourceRegistry>();
        await WaitUntilAsync(() => registry.Sources.Any(source => source.Name.EndsWith(":hashtag redcarsteel", StringComparison.Ordinal)));
        await WaitUntilAsync(() => mastodon.Requests.Any(request => request.Contains("\"stream\":\"hashtag\"", StringComparison.Ordinal) && request.Contains("redcarsteel", StringComparison.OrdinalIgnoreCase)));
        Assert.DoesNotContain(registry.Sources, source => source.Name.Contains("budget", StringComparison.OrdinalIgnoreCase));

        // The account's own lists (its journalists, its stakeholders) are followed too.
        await WaitUntilAsync(() => registry.Sources.Any(source => source.Name.EndsWith(":list 85", StringComparison.Ordinal) && source.Title.Contains("“testlist”", StringComparison.Ordinal)));
        await WaitUntilAsync(() => mastodon.Requests.Any(request => request.Contains("\"stream\":\"list\"", StringComparison.Ordinal) && request.Contains("\"list\":\"85\"", StringComparison.Ordinal)));

        // The column goes: so does its hashtag stream.
        queries.Remove(9400);
        await WaitUntilAsync(() => !registry.Sources.Any(source => source.Name.Contains("redcarsteel", StringComparison.Ordinal)));
        Assert.Contains(registry.Sources, source => source.Network == Network.Mastodon);
        await app.StopAsync(Cancel);
    }

    [Theory]
    [InlineData("#SkillsBill OR #Levy", "levy,skillsbill")]
    [InlineData("#Budget network:bluesky", "")]
    [InlineData("#Budget (network:mastodon OR network:x)", "budget")]
    [InlineData("steel -#Redcar", "")]
    public void Hashtags_to_follow_come_from_what_columns_look_for_on_the_network(string query, string expected)
    {
        var tags = ColumnHashtags.For([QueryParser.Parse(query, new NoLists()).Query!], Network.Mastodon, 10);

        Assert.Equal(expected, string.Join(',', tags), ignoreCase: true);
    }

    private sealed class NoLists : Core.Lists.IListDirectory
    {
        public bool Exists(string listName) => false;

        public bool Contains(string listName, string handle) => false;
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

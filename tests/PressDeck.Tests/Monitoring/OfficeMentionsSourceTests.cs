using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using PressDeck.Accounts;
using PressDeck.Core.Posts;
using PressDeck.Data.Archive;
using PressDeck.Monitoring.Lists;
using PressDeck.Monitoring.Sources;
using PressDeck.Testing;

using PressDeck.Tests.Team;

namespace PressDeck.Tests.Monitoring;

/// <summary>Issue 4: what is written to the office on Bluesky (notifications) and X (mentions) reaches the deck.</summary>
[Trait("Issue", "4")]
public sealed class OfficeMentionsSourceTests
{
    private static readonly DateTimeOffset Morning = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Mentions_replies_and_quotes_of_the_office_s_bluesky_account_arrive_and_only_new_ones_after()
    {
        await using var pds = await FakeBlueskyPds.StartAsync();
        pds.Accounts["pressoffice.bsky.social"] = "abcd-efgh-ijkl-mnop";
        lock (pds.Notifications)
        {
            pds.Notifications.Add(("mention", "@pressoffice.bsky.social when is the steel statement?", Morning));
            pds.Notifications.Add(("like", "", Morning.AddMinutes(1)));
            pds.Notifications.Add(("reply", "Thanks, and will the minister visit Redcar?", Morning.AddMinutes(2)));
        }

        await using var app = await StartAsync();
        await ConnectAsync(app, new ConnectAccountForm { Network = Network.Bluesky, ServerUrl = pds.Url.ToString(), Identifier = "pressoffice.bsky.social", Secret = "abcd-efgh-ijkl-mnop" });

        var posts = await WaitForPostsAsync(app, Network.Bluesky, 2);
        lock (pds.Notifications)
        {
            pds.Notifications.Add(("quote", "Quoting the office: the plan is out today", Morning.AddMinutes(5)));
        }

        posts = await WaitForPostsAsync(app, Network.Bluesky, 3);
        await Task.Delay(1000, Cancel);

        Assert.Equal(3, (await WaitForPostsAsync(app, Network.Bluesky, 3)).Count);
        Assert.Contains(posts, post => post.Post.Text.StartsWith("@pressoffice.bsky.social when is", StringComparison.Ordinal) && post.Post.Author.Handle.StartsWith("journalist", StringComparison.Ordinal));
        Assert.All(pds.NotificationRequests, query => Assert.Contains("reasons=mention&reasons=reply&reasons=quote", query, StringComparison.Ordinal));
        var registry = app.Services.GetRequiredService<SourceRegistry>();
        Assert.Contains(registry.Sources, source => source.Name.StartsWith("bluesky-notifications:", StringComparison.Ordinal) && source.State.Activity == Connectors.SourceActivity.Connected);
    }

    [Fact]
    public async Task Mentions_of_the_office_s_x_account_are_read_with_its_user_token()
    {
        await using var x = await FakeXServer.StartAsync();
        x.MentionsBody = await File.ReadAllTextAsync(SharedFixtures.PathOf("x/docs_examples/search_recent_with_expansions.json"), Cancel);
        await using var app = await StartAsync();
        await ConnectAsync(app, new ConnectAccountForm { Network = Network.X, ServerUrl = x.Url.ToString(), Secret = FakeXServer.UserToken });

        var posts = await WaitForPostsAsync(app, Network.X, 1);

        Assert.All(posts, post => Assert.StartsWith("https://x.com/", post.Post.Url, StringComparison.Ordinal));
        Assert.Contains(x.Requests, request => request.StartsWith("GET /2/users/", StringComparison.Ordinal) && request.Contains("/mentions?", StringComparison.Ordinal));
        Assert.Contains(FakeXServer.UserToken, x.Tokens);
    }

    private static async Task<WebApplication> StartAsync()
    {
        var app = PressDeckApp.Build(
        [
            "--Kestrel:Endpoints:Http:Url=http://127.0.0.1:0", $"--Storage:DataFolder={PressDeckServer.NewDataFolder()}", "--Demo:Enabled=false",
            "--Network:Outbound:AllowedPrivateHosts:0=127.0.0.1", "--Mentions:Interval=00:00:00.300",
        ]);
        await app.StartAsync(Cancel);
        return app;
    }

    private static async Task ConnectAsync(WebApplication app, ConnectAccountForm form)
    {
        await using var scope = await TestPeople.AdminScopeAsync(app.Services);
        var (_, error) = await scope.ServiceProvider.GetRequiredService<ConnectedAccountService>().ConnectAsync(form, Cancel);
        Assert.Null(error);
    }

    private static async Task<IReadOnlyList<StoredPost>> WaitForPostsAsync(WebApplication app, Network network, int count)
    {
        IReadOnlyList<StoredPost> posts = [];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (true)
        {
            await using (var scope = app.Services.CreateAsyncScope())
            {
                posts = [.. (await scope.ServiceProvider.GetRequiredService<IPostArchive>().SearchAsync(new ArchiveSearch(null, PageSize: 200), app.Services.GetRequiredService<ListDirectory>(), Cancel)).Posts.Where(post => post.Post.Network == network)];
            }

            if (posts.Count >= count)
            {
                return posts;
            }

            await Task.Delay(100, timeout.Token);
        }
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using PressDeck.Accounts;
using PressDeck.Core.Posts;
using PressDeck.Monitoring.Conversations;
using PressDeck.Testing;

using PressDeck.Tests.Team;

namespace PressDeck.Tests.Monitoring;

/// <summary>Issue 4: the conversation around a post, from its own network, so an officer sees what a question replies to.</summary>
[Trait("Issue", "4")]
public sealed class ConversationServiceTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_bluesky_post_s_thread_comes_from_the_appview_with_the_post_in_its_place()
    {
        await using var appView = await FakeBlueskyAppView.StartAsync();
        await using var app = await StartAsync($"--Bluesky:AppView:Url={appView.Url}");
        var asked = Post(Network.Bluesky, "at://did:plc:askedaskedaskedasked00/app.bsky.feed.post/3askedpost222");

        var conversation = await GetAsync(app, asked);

        Assert.Null(conversation.Problem);
        Assert.Equal([FakeBlueskyAppView.ParentUri, asked.RemoteId, FakeBlueskyAppView.ReplyUri], conversation.Posts.Select(post => post.RemoteId));
        Assert.Equal(1, conversation.FocusIndex);
    }

    [Fact]
    public async Task A_mastodon_post_s_context_comes_through_the_office_s_connected_account()
    {
        await using var mastodon = await FakeMastodonServer.StartAsync();
        await using var app = await StartAsync();
        var reply = Post(Network.Mastodon, "https://icosahedron.website/users/halcy/statuses/110447012380248325");
        var before = await GetAsync(app, reply);
        await using (var scope = await TestPeople.AdminScopeAsync(app.Services))
        {
            await scope.ServiceProvider.GetRequiredService<ConnectedAccountService>().ConnectAsync(
                new ConnectAccountForm { Network = Network.Mastodon, ServerUrl = mastodon.Url.ToString(), Secret = FakeMastodonServer.Token }, Cancel);
        }

        var conversation = await GetAsync(app, reply);

        Assert.Equal("Connect the office's Mastodon account on the sources page to see Mastodon conversations.", before.Problem);
        Assert.Null(conversation.Problem);
        Assert.Equal("image post", conversation.Posts[0].Text);
        Assert.Equal(reply.RemoteId, conversation.Posts[conversation.FocusIndex].RemoteId);
        Assert.True(conversation.FocusIndex >= 1);
    }

    [Fact]
    public async Task An_x_post_s_conversation_is_searched_by_its_conversation_id_and_x_unconfigured_says_so()
    {
        await using var x = await FakeXServer.StartAsync();
        await using var configured = await StartAsync($"--X:BearerToken={FakeXServer.BearerToken}", $"--X:ApiUrl={x.Url}");
        await using var unconfigured = await StartAsync();
        var asked = Post(Network.X, "1296887316556980230");

        var conversation = await GetAsync(configured, asked);
        var without = await GetAsync(unconfigured, asked);

        Assert.Equal(["1296887091901718529", "1296887316556980230"], conversation.Posts.Select(post => post.RemoteId));
        Assert.Equal(1, conversation.FocusIndex);
        Assert.Equal("X is not configured (X:BearerToken), so X conversations cannot be fetched.", without.Problem);
    }

    [Fact]
    public async Task A_network_that_fails_or_has_no_conversations_is_explained_in_words()
    {
        await using var appView = await FakeBlueskyAppView.StartAsync();
        appView.FailWithStatus = 503;
        await using var app = await StartAsync($"--Bluesky:AppView:Url={appView.Url}");

        var failed = await GetAsync(app, Post(Network.Bluesky, "at://did:plc:askedaskedaskedasked00/app.bsky.feed.post/3askedpost222"));
        var feed = await GetAsync(app, Post(Network.Rss, "https://news.example.gov.uk/story/1"));

        Assert.StartsWith("The conversation could not be fetched: app.bsky.feed.getPostThread answered 503", failed.Problem, StringComparison.Ordinal);
        Assert.Empty(failed.Posts);
        Assert.Equal("News feed items have no conversation; open the article to read the comments.", feed.Problem);
        Assert.False(ConversationService.IsAvailableFor(Network.Rss));
        Assert.False(ConversationService.IsAvailableFor(Network.Demo));
    }

    private static Post Post(Network network, string remoteId) => new()
    {
        Network = network,
        RemoteId = remoteId,
        Author = new Author("someone", "Someone"),
        Text = "a question",
        CreatedAt = new DateTime(2026, 11, 26, 9, 0, 0, DateTimeKind.Utc),
    };

    private static async Task<Conversation> GetAsync(WebApplication app, Post post)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ConversationService>().GetAsync(post, Cancel);
    }

    private static async Task<WebApplication> StartAsync(params string[] extra)
    {
        var app = PressDeckApp.Build(
        [
            "--Kestrel:Endpoints:Http:Url=http://127.0.0.1:0", $"--Storage:DataFolder={PressDeckServer.NewDataFolder()}", "--Demo:Enabled=false",
            "--Network:Outbound:AllowedPrivateHosts:0=127.0.0.1", .. extra,
        ]);
        await app.StartAsync(Cancel);
        return app;
    }
}

using Microsoft.Extensions.Options;
using PressDeck.Connectors.X;
using PressDeck.Testing;

namespace PressDeck.Connectors.Tests.X;

[Trait("Issue", "4")]
public sealed class XApiClientTests
{
    private static readonly XBearerToken App = new(FakeXServer.BearerToken);
    private static readonly XBearerToken Office = new(FakeXServer.UserToken);

    [Fact]
    public async Task Search_backfill_follows_next_token_to_the_last_page_and_gives_every_post_once()
    {
        await using var server = await FakeXServer.StartAsync();
        var client = Client(server);

        var pages = new List<XReadResult>();
        await foreach (var page in client.SearchRecentPagesAsync("\"X API\" -is:retweet", null, maxPages: 10, App, TestContext.Current.CancellationToken))
        {
            pages.Add(page);
        }

        Assert.Equal(2, pages.Count);
        Assert.Equal(["1271111223220809728", "1270799243071062016", "1270417572001976322"], pages.SelectMany(page => page.Posts).Select(post => post.RemoteId));
        Assert.All(pages.SelectMany(page => page.Posts), post => Assert.Equal("XDevelopers", post.Author.Handle));
        Assert.Equal("1271111223220809728", pages[0].Meta?.NewestId);
        var requests = server.Requests.ToList();
        Assert.StartsWith("GET /2/tweets/search/recent?query=%22X%20API%22%20-is%3Aretweet&max_results=100&tweet.fields=", requests[0], StringComparison.Ordinal);
        Assert.Contains("&next_token=2&", requests[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Polling_with_since_id_gives_only_newer_posts()
    {
        await using var server = await FakeXServer.StartAsync();

        var page = await Client(server).SearchRecentAsync("X", sinceId: "1270417572001976322", nextToken: null, maxResults: 10, App, TestContext.Current.CancellationToken);

        Assert.Equal(["1271111223220809728", "1270799243071062016"], page.Posts.Select(post => post.RemoteId));
        Assert.Contains("&since_id=1270417572001976322&", server.Requests.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mentions_are_read_with_the_offices_user_token_from_since_id()
    {
        await using var server = await FakeXServer.StartAsync();
        server.MentionsBody = await File.ReadAllTextAsync(SharedFixtures.PathOf("x/docs_examples/data_dictionary_tweet_reply_with_includes.json"), TestContext.Current.CancellationToken);

        var page = await Client(server).GetMentionsAsync("2244994945", sinceId: "1296887091901718529", paginationToken: null, maxResults: 100, Office, TestContext.Current.CancellationToken);

        var post = Assert.Single(page.Posts);
        Assert.Equal("TwitterDev", post.Author.Handle);
        Assert.StartsWith("GET /2/users/2244994945/mentions?max_results=100&since_id=1296887091901718529&tweet.fields=", server.Requests.Single(), StringComparison.Ordinal);
        Assert.Equal(FakeXServer.UserToken, server.Tokens.Single());
    }

    [Fact]
    public async Task The_recorded_mentions_page_gives_its_paging_meta_and_refuses_posts_without_authors()
    {
        await using var server = await FakeXServer.StartAsync();

        var page = await Client(server).GetMentionsAsync("783214", sinceId: null, paginationToken: "abc", maxResults: 10, Office, TestContext.Current.CancellationToken);

        Assert.Empty(page.Posts);
        Assert.Equal(10, page.Refusals.Count);
        Assert.Equal(new XMeta("1578516295611748353", "1578516107798884353", 10, "7140dibdnow9c7btw423i3sy3u5zupmkcpofxcsmxj48j"), page.Meta);
        Assert.Contains("&pagination_token=abc&", server.Requests.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lookup_returns_the_posts_found_and_the_ids_not_found_as_partial_errors()
    {
        await using var server = await FakeXServer.StartAsync();

        var result = await Client(server).LookupAsync(["1296887316556980230", "1"], App, TestContext.Current.CancellationToken);

        Assert.Equal("1296887316556980230", Assert.Single(result.Posts).RemoteId);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(("resource-not-found", "1"), (problem.Type, problem.ResourceId));
    }

    [Fact]
    public async Task The_conversation_of_a_reply_starts_with_the_post_it_answers()
    {
        await using var server = await FakeXServer.StartAsync();

        var conversation = await Client(server).GetConversationAsync("1296887316556980230", maxPages: 3, App, TestContext.Current.CancellationToken);

        Assert.Equal(["1296887091901718529", "1296887316556980230"], conversation.Posts.Select(post => post.RemoteId));
        Assert.Contains(server.Requests, request => request.StartsWith("GET /2/tweets/search/recent?query=conversation_id%3A1296887091901718529&", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Testing_the_connection_names_the_account_of_a_user_token_and_explains_an_app_token_refusal()
    {
        await using var server = await FakeXServer.StartAsync();
        var client = Client(server);

        var me = await client.GetMeAsync(Office, TestContext.Current.CancellationToken);
        var refused = await Assert.ThrowsAsync<XApiException>(() => client.GetMeAsync(App, TestContext.Current.CancellationToken));

        Assert.Equal(new XUser("1072250532645998596", "TweepyDev", "Tweepy Testing"), me);
        Assert.StartsWith("users/me answered 403 (the app or account may not do this (tier, project or scope)): Unsupported Authentication: Authenticating with OAuth 2.0 Application-Only is forbidden", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_429_throws_with_the_wait_until_x_rate_limit_reset()
    {
        await using var server = await FakeXServer.StartAsync();
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_795_000_000));
        server.FailNext(429, resetEpochSeconds: 1_795_000_300);

        var exception = await Assert.ThrowsAsync<XApiException>(() => Client(server, time).SearchRecentAsync("budget", null, null, 10, App, TestContext.Current.CancellationToken));

        Assert.True(exception.IsRateLimited);
        Assert.Equal(TimeSpan.FromSeconds(300), exception.RetryAfter);
        Assert.Equal("recent search answered 429 (rate limited): error 88: Rate limit exceeded", exception.Message);
    }

    [Fact]
    public async Task A_refused_user_token_is_refreshed_once_and_the_call_succeeds()
    {
        await using var server = await FakeXServer.StartAsync();
        var token = new RefreshingToken();

        var me = await Client(server).GetMeAsync(token, TestContext.Current.CancellationToken);

        Assert.Equal("TweepyDev", me.Username);
        Assert.Equal(["expired-token", FakeXServer.UserToken], server.Tokens);
    }

    [Fact]
    public async Task A_server_error_throws_with_its_explanation()
    {
        await using var server = await FakeXServer.StartAsync();
        server.FailNext(503);

        var exception = await Assert.ThrowsAsync<XApiException>(() => Client(server).LookupAsync(["1296887316556980230"], App, TestContext.Current.CancellationToken));

        Assert.Equal("post lookup answered 503 (X is failing): Service Unavailable: The fake X is failing on purpose.", exception.Message);
    }

    private static XApiClient Client(FakeXServer server, TimeProvider? time = null) =>
        new(new HttpClient(), Options.Create(new XOptions { ApiUrl = server.Url }), time ?? TimeProvider.System);

    /// <summary>A user-token source whose stored token has expired; refreshing gives a good one.</summary>
    private sealed class RefreshingToken : IXTokenSource
    {
        public ValueTask<string> GetTokenAsync(bool refresh, CancellationToken cancellationToken) =>
            ValueTask.FromResult(refresh ? FakeXServer.UserToken : "expired-token");
    }
}

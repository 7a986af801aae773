using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using PressDeck.Connectors.Bluesky;
using PressDeck.Connectors.Mastodon;
using PressDeck.Connectors.Tests.Mastodon;
using PressDeck.Connectors.X;
using PressDeck.Testing;

namespace PressDeck.Connectors.Tests;

/// <summary>
/// Issue 7, rebuttals: how far a watched post has spread, read from each network in one request (Bluesky's post view
/// counts, the Mastodon server's status counts, X's public metrics), as the recorded payloads carry them.
/// </summary>
[Trait("Issue", "7")]
public sealed class SpreadCountsTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Bluesky_counts_come_from_the_post_view_and_a_post_that_is_gone_has_none()
    {
        await using var appView = await FakeBlueskyAppView.StartAsync();
        const string Uri = "at://did:plc:rumourrumourrumour0000/app.bsky.feed.post/3claimpost222";
        appView.Counts[Uri] = (412, 37, 96);
        using var http = new HttpClient();
        var client = new BlueskyAppViewClient(http, Options.Create(new AppViewOptions { Url = appView.Url }));

        Assert.True(AtUri.TryParse(Uri, out var uri));
        Assert.True(AtUri.TryParse("at://gone.example/app.bsky.feed.post/3gone", out var gone));

        Assert.Equal(new PostCounts(412, 37, 96), await client.GetCountsAsync(uri, Cancel));
        Assert.Equal([Uri], Assert.Single(appView.Requests));
        Assert.Null(await client.GetCountsAsync(gone, Cancel));
    }

    [Fact]
    public async Task Mastodon_counts_are_the_server_s_counts_of_the_post_found_by_its_uri()
    {
        await using var server = await FakeMastodonServer.StartAsync();
        var status = JsonNode.Parse(FakeMastodonServer.StatusLike(113000000000000777, "The levy is being scrapped"))!.AsObject();
        status["reblogs_count"] = 57;
        status["quotes_count"] = 4;
        status["replies_count"] = 19;
        server.Publish(status.ToJsonString(), toStream: false);
        using var http = MastodonTestClients.Http();
        var api = new MastodonApiClient(http, MastodonTestClients.Server(server));

        Assert.Equal(new PostCounts(57, 4, 19), await api.GetCountsAsync(status["uri"]!.GetValue<string>(), Cancel));
        // The recorded status, with the counts it was recorded with.
        Assert.Equal(new PostCounts(0, 0, 0), await api.GetCountsAsync("https://icosahedron.website/users/halcy/statuses/110446222386355655", Cancel));
        Assert.Null(await api.GetCountsAsync("https://nowhere.example/statuses/1", Cancel));
    }

    [Fact]
    public async Task X_counts_are_the_post_s_public_metrics()
    {
        await using var server = await FakeXServer.StartAsync();
        var client = new XApiClient(new HttpClient(), Options.Create(new XOptions { ApiUrl = server.Url }), TimeProvider.System);
        var token = new XBearerToken(FakeXServer.BearerToken);

        // The documentation's reply, recorded with retweet_count 9, quote_count 2 and reply_count 3.
        Assert.Equal(new PostCounts(9, 2, 3), await client.GetCountsAsync("1296887316556980230", token, Cancel));
        Assert.Contains(server.Requests, request => request == "GET /2/tweets/1296887316556980230?tweet.fields=public_metrics");
        Assert.Null(await client.GetCountsAsync("1", token, Cancel));
        await Assert.ThrowsAsync<ArgumentException>(() => client.GetCountsAsync("../2/users/me", token, Cancel));
    }
}

using PressDeck.Connectors.Net;
using PressDeck.Testing;

namespace PressDeck.Connectors.Tests.Net;

/// <summary>SECURITY.md, SSRF: typed-in addresses never reach loopback, private, link-local or metadata addresses, also through redirects.</summary>
[Trait("Issue", "4")]
public sealed class OutboundHttpTests
{
    [Theory]
    [InlineData("http://localhost:{port}/feed.xml", "localhost resolves to")]
    [InlineData("http://127.0.0.1:{port}/feed.xml", "127.0.0.1 resolves to 127.0.0.1")]
    [InlineData("http://[::ffff:127.0.0.1]:{port}/feed.xml", "::ffff:127.0.0.1 resolves to")]
    [InlineData("http://10.0.0.1/feed.xml", "10.0.0.1 resolves to 10.0.0.1")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "169.254.169.254 resolves to 169.254.169.254")]
    [InlineData("http://[64:ff9b::a9fe:a9fe]/latest/meta-data/", "64:ff9b::a9fe:a9fe resolves to")]
    [InlineData("http://[fd00:ec2::254]/latest/meta-data/", "fd00:ec2::254 resolves to")]
    public async Task Addresses_that_resolve_to_internal_hosts_are_refused_before_connecting(string template, string message)
    {
        await using var server = await FakeFeedServer.StartAsync();
        server.ServeFixture("/feed.xml", "rss/FR_Rss20Reuters.xml");
        using var http = new HttpClient(OutboundHttp.CreateHandler(new OutboundHttpOptions()));

        var refusal = await RefusalAsync(http, template.Replace("{port}", server.Url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));

        Assert.Contains(message, refusal.Message, StringComparison.Ordinal);
        Assert.EndsWith("a private, local or reserved address, which PressDeck does not connect to.", refusal.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task An_allowed_host_is_reached_but_not_its_other_ports_and_never_the_metadata_address()
    {
        await using var allowed = await FakeFeedServer.StartAsync();
        await using var other = await FakeFeedServer.StartAsync();
        allowed.ServeFixture("/feed.xml", "rss/FR_Rss20Reuters.xml");
        other.ServeFixture("/feed.xml", "rss/FR_Rss20Reuters.xml");
        var options = new OutboundHttpOptions { AllowedPrivateHosts = { allowed.Url.Authority, "169.254.169.254" } };
        using var http = new HttpClient(OutboundHttp.CreateHandler(options));

        using var response = await http.GetAsync(allowed.UrlOf("/feed.xml"), TestContext.Current.CancellationToken);
        var otherPort = await RefusalAsync(http, other.UrlOf("/feed.xml").ToString());
        var metadata = await RefusalAsync(http, "http://169.254.169.254/latest/meta-data/");

        Assert.True(response.IsSuccessStatusCode);
        Assert.Contains("127.0.0.1 resolves to 127.0.0.1", otherPort.Message, StringComparison.Ordinal);
        Assert.Contains("169.254.169.254 resolves to 169.254.169.254", metadata.Message, StringComparison.Ordinal);
        Assert.Empty(other.Requests);
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/iam/", "169.254.169.254 resolves to")]
    [InlineData("http://10.0.0.1/admin", "10.0.0.1 resolves to")]
    [InlineData("http://localhost:{otherPort}/feed.xml", "localhost resolves to")]
    [InlineData("http://127.0.0.1:{otherPort}/feed.xml", "127.0.0.1 resolves to")]
    [InlineData("http://[::ffff:a9fe:a9fe]/latest/meta-data/", "::ffff:169.254.169.254 resolves to")]
    public async Task Redirects_from_an_allowed_server_to_internal_addresses_are_refused_on_every_hop(string template, string message)
    {
        await using var allowed = await FakeFeedServer.StartAsync();
        await using var other = await FakeFeedServer.StartAsync();
        other.ServeFixture("/feed.xml", "rss/FR_Rss20Reuters.xml");
        var target = template.Replace("{otherPort}", other.Url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        allowed.Redirect("/feed.xml", target, 302);
        using var http = new HttpClient(OutboundHttp.CreateHandler(new OutboundHttpOptions { AllowedPrivateHosts = { allowed.Url.Authority } }));

        var refusal = await RefusalAsync(http, allowed.UrlOf("/feed.xml").ToString());

        Assert.Contains(message, refusal.Message, StringComparison.Ordinal);
        Assert.Equal(1, allowed.RequestsFor("/feed.xml"));
        Assert.Empty(other.Requests);
    }

    [Fact]
    public async Task The_feed_poller_reports_a_redirect_to_the_metadata_address_as_a_refusal()
    {
        await using var allowed = await FakeFeedServer.StartAsync();
        allowed.Redirect("/feed.xml", "http://169.254.169.254/latest/meta-data/", 301);
        using var http = new HttpClient(OutboundHttp.CreateHandler(new OutboundHttpOptions { MaxRedirects = 0, AllowedPrivateHosts = { allowed.Url.Authority } }));
        var poller = new PressDeck.Connectors.Feeds.FeedPoller(
            http,
            new PressDeck.Connectors.Feeds.FeedSubscription(allowed.UrlOf("/feed.xml"), "feed", TimeSpan.FromMinutes(15)),
            new PressDeck.Connectors.Feeds.FeedPollerOptions(),
            TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<PressDeck.Connectors.Feeds.FeedPoller>.Instance);

        var result = await poller.PollAsync(PressDeck.Connectors.Feeds.FeedResumePoint.Empty, TestContext.Current.CancellationToken);

        Assert.Equal(PressDeck.Connectors.Feeds.FeedPollOutcome.Failed, result.Outcome);
        Assert.Equal("169.254.169.254 resolves to 169.254.169.254, a private, local or reserved address, which PressDeck does not connect to.", result.Error);
        Assert.Null(result.MovedTo);
        Assert.Equal(SourceActivity.Reconnecting, poller.State.Activity);
        Assert.Equal(result.Error, poller.State.LastError);
    }

    /// <summary>The refusal, as the handler raises it (wrapped by SocketsHttpHandler in an HttpRequestException).</summary>
    private static async Task<OutboundAddressRefusedException> RefusalAsync(HttpClient http, string address)
    {
        var exception = await Assert.ThrowsAnyAsync<HttpRequestException>(() => http.GetAsync(new Uri(address), TestContext.Current.CancellationToken));
        return exception as OutboundAddressRefusedException
            ?? Assert.IsType<OutboundAddressRefusedException>(exception.InnerException);
    }
}

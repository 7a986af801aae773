using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PressDeck.Connectors.Feeds;
using PressDeck.Connectors.Net;
using PressDeck.Testing;

namespace PressDeck.Connectors.Tests.Feeds;

[Trait("Issue", "4")]
public sealed class FeedPollerTests
{
    private const string Path = "/news.xml";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task The_first_poll_delivers_every_item_and_the_next_sends_the_validators_and_takes_304_as_nothing_new()
    {
        await using var server = await FakeFeedServer.StartAsync();
        server.ServeFixture(Path, "rss/FR_Rss20NYTimes.xml");
        using var http = Client(server);
        var poller = Poller(http, server);

        var first = await poller.PollAsync(FeedResumePoint.Empty, TestContext.Current.CancellationToken);
        var second = await poller.PollAsync(FeedResumePoint.FromToken(first.Resume.ToToken()), TestContext.Current.CancellationToken);

        Assert.Equal(FeedPollOutcome.Read, first.Outcome);
        Assert.Equal(33, first.Posts.Count);
        Assert.Equal(first.Posts.OrderBy(post => post.CreatedAt).Select(post => post.RemoteId), first.Posts.Select(post => post.RemoteId));
        Assert.Equal(33, first.Resume.Seen.Count);
        Assert.Equal(FeedPollOutcome.NotModified, second.Outcome);
        Assert.Empty(second.Posts);
        var requests = server.Requests.ToArray();
        Assert.Null(requests[0].IfNoneMatch);
        Assert.Contains("application/rss+xml", requests[0].Accept, StringComparison.Ordinal);
        Assert.StartsWith("PressDeck/", requests[0].UserAgent, StringComparison.Ordinal);
        Assert.Equal(first.Resume.ETag, requests[1].IfNoneMatch);
        Assert.Equal("Thu, 26 Nov 2026 08:00:00 GMT", requests[1].IfModifiedSince);
        Assert.Equal(SourceActivity.Connected, poller.State.Activity);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromMinutes(5), second.NextPollAt);
    }

    [Fact]
    public async Task Only_new_items_come_out_across_polls_and_a_dated_edit_comes_out_again()
    {
        await using var server = await FakeFeedServer.StartAsync();
        server.Serve(Path, FeedTestData.Rss(FeedTestData.Item("b", "Second"), FeedTestData.Item("a", "First", "Thu, 26 Nov 2026 07:00:00 GMT")));
        using var http = Client(server);
        var poller = Poller(http, server);

        var first = await poller.PollAsync(FeedResumePoint.Empty, TestContext.Current.CancellationToken);
        server.Serve(Path, FeedTestData.Rss(
            FeedTestData.Item("c", "Third", "Thu, 26 Nov 2026 09:00:00 GMT"),
            FeedTestData.Item("b", "Second, corrected", description: "Summary</description><atom:updated xmlns:atom=\"http://www.w3.org/2005/Atom\">2026-11-26T08:30:00Z</atom:updated><description>x"),
            FeedTestData.Item("a", "First", "Thu, 26 Nov 2026 07:00:00 GMT")));
        var second = await poller.PollAsync(first.Resume, TestContext.Current.CancellationToken);
        var third = await poller.PollAsync(second.Resume with { ETag = null, LastModified = null, BodyHash = null }, TestContext.Current.CancellationToken);

        Assert.Equal(["test-desk:a", "test-desk:b"], first.Posts.Select(post => post.RemoteId));
        Assert.Equal(["test-desk:b", "test-desk:c"], second.Posts.Select(post => post.RemoteId));
        Assert.Equal(new DateTime(2026, 11, 26, 8, 30, 0, DateTimeKind.Utc), second.Posts[0].EditedAt);
        Assert.Equal("Second, corrected", second.Posts[0].Title);
        Assert.Equal(FeedPollOutcome.Read, third.Outcome);
        Assert.Empty(third.Posts);
        Assert.Equal(["test-desk:c", "test-desk:b", "test-desk:a"], third.Resume.Seen.Select(item => item.RemoteId));
    }

    [Fact]
    public async Task The_feeds_ttl_lengthens_the_interval_but_never_past_the_maximum()
    {
        await using var server = await FakeFeedServer.StartAsync();
        server.ServeFixture(Path, "rss/MF_urdu_UTF8.xml");
        using var http = Client(server);

        var withTtl = await Poller(http, server).PollAsync(FeedResumePoint.Empty, TestContext.Current.CancellationToken);
        var capped = await Poller(http, server, options => options.MaximumInterval = TimeSpan.FromMinutes(10)).PollAsync(FeedResumePoint.Empty, TestContext.Current.CancellationToken);

        Assert.Equal(26, withTtl.Posts.Count);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromMinutes(15), withTtl.NextPollAt);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromMinutes(10), capped.NextPollAt);
    }

    [Fact]
    public async Task A_server_that_ignores_validators_sends_the_same_body_and_nothing_is_delivered_twice()
    {
        await using var server = await FakeFeedServer.StartAsync();
        server.IgnoreValidators = true;
        server.ServeFixture(Path, "rss/FR_AtomTheVerge.xml", "application/atom+xml");
        using var http = Client(server);
        var poller = Poller(http, server);

        var first = await poller.PollAsync(FeedResumePoint.Empty, TestContext.Current.CancellationToken);
        var second = await poller.PollAsync(first.Resume, TestContext.Current.CancellationToken);

        Assert.Equal(10, first.Posts.Count);
        Assert.Equal(FeedPollOutcome.Unchanged, second.Outcome);
        Assert.Empty(second.Posts);
    }

    [Fact]
    public async Task A_429_with_retry_after_rate_limits_the_feed_until_then_and_the_next_poll_recovers()
    {
        await using var server = await FakeFeedServer.StartAsync();
        server.ServeFixture(Path, "rss/FR_Rss20Reuters.xml");
        server.Then(Path, FeedFault.Answer(429, "120"));
        using var http = Client(server);
        var poller = Poller(http, server);

        var limited = await poller.PollAsync(FeedResumePoint.Empty, TestContext.Current.CancellationToken);
        var stateWhileLimited = poller.State;
        var recovered = await poller.PollAsync(limited.Resume, TestContext.Current.CancellationToken);

        Assert.Equal(FeedPollOutcome.RateLimited, limited.Outcome);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromSeconds(120), limited.NextPollAt);
        Assert.Equal(SourceActivity.RateLimited, stateWhileLimited.Activity);
        Assert.Equal(limited.NextPollAt, stateWhileLimited.RetryAt);
        Assert.Equal(10, recovered.Posts.Count);
        Assert.Equal(SourceActivity.Connected, poller.State.Activity);
    }

    [Fact]
    public async Task A_500_backs_off_with_the_error_shown_and_the_resume_point_kept()
    {
        await using var server = await FakeFeedServer.StartAsync();
        server.ServeFixture(Path, "rss/FR_Rss20Reuters.xml");
        server.Then(Path, FeedFault.Answer(500));
        server.Then(Path, FeedFault.Answer(500));
        using var http = Client(server);
        var poller = Poller(http, server);
        var resume = new FeedResumePoint { ETag = "\"old\"" };

        var failed = await poller.PollAsync(resume, TestContext.Current.CancellationToken);
        var failedAgain = await poller.PollAsync(failed.Resume, TestContext.Current.CancellationToken);

        Assert.Equal(FeedPollOutcome.Failed, failed.Outcome);
        Assert.Same(resume, failed.Resume);
        Assert.Equal("the server answered 500 Internal Server Error", failed.Error);
        Assert.Equal(SourceActivity.Reconnecting, poller.State.Activity);
        Assert.Equal("the server answered 500 Internal Server Error", poller.State.LastError);
        Assert.InRange(failed.NextPollAt - _time.GetUtcNow(), TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100));
        Assert.InRange(failedAgain.NextPollAt - _time.GetUtcNow(), TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task A_server_that_hangs_is_left_after_the_timeout()
    {
        await using var server = await FakeFeedServer.StartAsync();
        server.Then(Path, FeedFault.Hang);
        using var http = Client(server);
        var poller = Poller(http, server, options => options.RequestTimeout = TimeSpan.FromSeconds(1));

        var result = await poller.PollAsync(FeedResumePoint.Empty, TestContext.Current.CancellationToken);

        Assert.Equal(FeedPollOutcome.Failed, result.Outcome);
        Assert.Equal("no complete answer within 1 s", result.Error);
        Assert.Equal(SourceActivity.Reconnecting, poller.State.Activity);
    }

    [Fact]
    public async Task An_endless_body_is_refused_at_the_size_limit()
    {
        await using var server = await FakeFeedServer.StartAsync();
        server.Then(Path, FeedFault.Endless);
        using var http = Client(server);
        var poller = Poller(http, server, options => options.MaxResponseBytes = 1024 * 1024);

        var result = await poller.PollAsync(FeedResumePoint.Empty, TestContext.Current.CancellationToken);

        Assert.Equal(FeedPollOutcome.Failed, result.Outcome);
        Assert.Equal("the feed is larger than the 1,048,576 bytes allowed", result.Error);
    }

    [Fact]
    public async Task Gone_stops_polling_with_a_clear_state()
    {
        await using var server = await FakeFeedServer.StartAsync();
        server.Then(Path, FeedFault.Answer(410));
        using var http = Client(server);
        var poller = Poller(http, server);

        var results = new List<FeedPollResult>();
        await foreach (var result in poller.FollowAsync(() => FeedResumePoint.Empty, TestContext.Current.CancellationToken))
        {
            results.Add(result);
        }

        Assert.Equal(FeedPollOutcome.Gone, Assert.Single(results).Outcome);
        Assert.Equal(SourceActivity.Stopped, poller.State.Activity);
        Assert.StartsWith("the feed is gone (HTTP 410", poller.State.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_permanent_redirect_reports_the_new_address_and_a_temporary_one_does_not()
    {
        await using var server = await FakeFeedServer.StartAsync();
        server.ServeFixture("/new.xml", "rss/FR_Rss20Reuters.xml");
        server.Redirect("/moved.xml", "/new.xml", 301);
        server.Redirect("/elsewhere.xml", "/new.xml", 302);
        using var http = Client(server);

        var moved = await Poller(http, server, path: "/moved.xml").PollAsync(FeedResumePoint.Empty, TestContext.Current.CancellationToken);
        var temporary = await Poller(http, server, path: "/elsewhere.xml").PollAsync(FeedResumePoint.Empty, TestContext.Current.CancellationToken);

        Assert.Equal(server.UrlOf("/new.xml"), moved.MovedTo);
        Assert.Equal(server.UrlOf("/new.xml"), moved.Resume.Url);
        Assert.Equal(10, moved.Posts.Count);
        Assert.Null(temporary.MovedTo);
        Assert.Null(temporary.Resume.Url);
        Assert.Equal(10, temporary.Posts.Count);
    }

    [Fact]
    public async Task The_http_charset_is_used_for_a_document_that_declares_none()
    {
        await using var server = await FakeFeedServer.StartAsync();
        var body = Encoding.GetEncoding("windows-1251").GetBytes("<rss version=\"2.0\"><channel><title>Новости</title><item><guid>1</guid><title>Мороз в Москве</title></item></channel></rss>");
        server.Serve(Path, body, "application/rss+xml; charset=windows-1251");
        using var http = Client(server);

        var result = await Poller(http, server).PollAsync(FeedResumePoint.Empty, TestContext.Current.CancellationToken);

        Assert.Equal("Мороз в Москве", Assert.Single(result.Posts).Title);
    }

    [Fact]
    public async Task Following_a_feed_recovers_by_itself_from_every_fault_and_delivers_each_item_once()
    {
        await using var server = await FakeFeedServer.StartAsync();
        server.ServeFixture(Path, "rss/FR_Rss20Reuters.xml");
        server.Then(Path, FeedFault.Answer(500));
        server.Then(Path, FeedFault.Answer(503, "0"));
        server.Then(Path, FeedFault.Hang);
        server.Then(Path, FeedFault.Endless);
        using var http = Client(server);
        var poller = new FeedPoller(http, new FeedSubscription(server.UrlOf(Path), "reuters-world", TimeSpan.FromMilliseconds(10)), Options(options =>
        {
            options.RequestTimeout = TimeSpan.FromSeconds(1);
            options.MaxResponseBytes = 1024 * 1024;
        }), TimeProvider.System, NullLogger<FeedPoller>.Instance);
        var resume = FeedResumePoint.Empty;
        var delivered = new List<string>();
        var outcomes = new List<FeedPollOutcome>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));

        await foreach (var result in poller.FollowAsync(() => resume, timeout.Token))
        {
            outcomes.Add(result.Outcome);
            delivered.AddRange(result.Posts.Select(post => post.RemoteId));
            resume = result.Resume;
            if (outcomes.Count(outcome => outcome == FeedPollOutcome.NotModified) == 2)
            {
                break;
            }
        }

        Assert.Equal([FeedPollOutcome.Failed, FeedPollOutcome.RateLimited, FeedPollOutcome.Failed, FeedPollOutcome.Failed, FeedPollOutcome.Read, FeedPollOutcome.NotModified, FeedPollOutcome.NotModified], outcomes);
        Assert.Equal(10, delivered.Count);
        Assert.Equal(10, delivered.Distinct().Count());
        Assert.Equal(SourceActivity.Stopped, poller.State.Activity);
    }

    private static HttpClient Client(FakeFeedServer server) =>
        new(OutboundHttp.CreateHandler(new OutboundHttpOptions { MaxRedirects = 0, AllowedPrivateHosts = { server.Url.Authority } }), disposeHandler: true);

    private FeedPoller Poller(HttpClient http, FakeFeedServer server, Action<FeedPollerOptions>? configure = null, string path = Path) =>
        new(http, new FeedSubscription(server.UrlOf(path), "test-desk", TimeSpan.FromMinutes(5)), Options(configure), _time, NullLogger<FeedPoller>.Instance);

    private static FeedPollerOptions Options(Action<FeedPollerOptions>? configure)
    {
        var options = new FeedPollerOptions
        {
            MinimumInterval = TimeSpan.FromMilliseconds(1),
            InitialBackoff = TimeSpan.FromMilliseconds(100),
            MaximumBackoff = TimeSpan.FromMilliseconds(400),
        };
        configure?.Invoke(options);
        return options;
    }
}

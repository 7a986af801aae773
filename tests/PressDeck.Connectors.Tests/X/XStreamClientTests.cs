using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PressDeck.Connectors.X;
using PressDeck.Testing;

namespace PressDeck.Connectors.Tests.X;

[Trait("Issue", "4")]
public sealed class XStreamClientTests
{
    /// <summary>The posts of the stream that have an author: the sample's cat, then the documentation's two posts.</summary>
    private static readonly string[] ExpectedPosts = ["1234567890", "1296887316556980230", "1307025659294674945"];

    [Fact]
    public async Task Delivers_every_post_with_its_matching_rules_and_reconnects_after_an_operational_disconnect()
    {
        await using var server = await FakeXServer.StartAsync();

        var run = await ReadAllAsync(server, TimeProvider.System);

        Assert.Equal(ExpectedPosts, run.Posts);
        Assert.Equal(2, run.Client.Connections);
        Assert.StartsWith("X disconnected the stream: operational-disconnect", run.Failures.Single(), StringComparison.Ordinal);
        Assert.Contains(new XMatchingRule("1273026480692322304", "cats with images"), run.MatchingRules);
        Assert.Contains(run.Refusals, refusal => refusal.Contains("no author_id", StringComparison.Ordinal));
        var first = server.Requests.First();
        Assert.StartsWith("GET /2/tweets/search/stream?tweet.fields=attachments%2Cauthor_id", first, StringComparison.Ordinal);
        Assert.Contains("&expansions=attachments.media_keys%2Cauthor_id", first, StringComparison.Ordinal);
        Assert.All(server.Tokens, token => Assert.Equal(FakeXServer.BearerToken, token));
        Assert.Equal(SourceActivity.Stopped, run.Client.State.Activity);
    }

    [Fact]
    public async Task A_connection_dropped_mid_stream_is_reopened_and_the_stream_goes_on_without_losing_a_post()
    {
        await using var server = await FakeXServer.StartAsync();
        server.Then(new XStreamScript(DropAfter: 1));

        var run = await ReadAllAsync(server, TimeProvider.System);

        Assert.Equal(ExpectedPosts, run.Posts);
        Assert.Equal(3, run.Client.Connections);
        Assert.Equal(server.StreamLines.Count, server.StreamPosition);
        Assert.Equal(2, run.Failures.Count);
    }

    [Fact]
    public async Task Garbage_lines_are_refused_one_by_one_and_the_stream_goes_on()
    {
        await using var server = await FakeXServer.StartAsync();
        server.Then(new XStreamScript(GarbageAfter: 1));

        var run = await ReadAllAsync(server, TimeProvider.System);

        Assert.Equal(ExpectedPosts, run.Posts);
        Assert.Contains(run.Refusals, refusal => refusal.StartsWith("malformed JSON", StringComparison.Ordinal));
        Assert.Contains("the payload is not valid UTF-8", run.Refusals);
        Assert.Contains("the payload is not a JSON object", run.Refusals);
        Assert.Equal(2, run.Client.Connections);
    }

    [Fact]
    public async Task A_server_that_hangs_is_left_after_the_read_timeout_and_the_stream_resumes()
    {
        await using var server = await FakeXServer.StartAsync();
        server.Then(new XStreamScript(HangAfter: 1));

        var run = await ReadAllAsync(server, TimeProvider.System);

        Assert.Equal(ExpectedPosts, run.Posts);
        Assert.Equal("nothing from X within the read timeout while reading", run.Failures[0]);
        Assert.Equal(3, run.Client.Connections);
    }

    [Fact]
    public async Task Server_errors_are_retried_with_back_off_and_the_state_says_why()
    {
        await using var server = await FakeXServer.StartAsync();
        server.Then(new XStreamScript(Status: 503));
        server.Then(new XStreamScript(Status: 500));

        var run = await ReadAllAsync(server, TimeProvider.System);

        Assert.Equal(ExpectedPosts, run.Posts);
        var waits = run.States.Where(state => state.Activity == SourceActivity.Reconnecting).Select(state => state.LastError).Distinct().ToList();
        Assert.Equal("the filtered stream answered 503 (X is failing): Service Unavailable: The fake X stream is failing on purpose.", waits[0]);
        Assert.StartsWith("the filtered stream answered 500 (X is failing)", waits[1], StringComparison.Ordinal);
        Assert.Equal(4, server.Requests.Count);
        Assert.Equal(2, run.Client.Connections);
    }

    [Fact]
    public async Task A_429_puts_the_stream_in_rate_limited_until_x_rate_limit_reset_and_it_reconnects_then()
    {
        var start = DateTimeOffset.FromUnixTimeSeconds(1_795_000_000);
        var time = new FakeTimeProvider(start);
        await using var server = await FakeXServer.StartAsync();
        server.Then(new XStreamScript(Status: 429, ResetEpochSeconds: start.ToUnixTimeSeconds() + 120));
        var client = NewClient(server, time);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        stop.CancelAfter(TimeSpan.FromSeconds(60));
        var posts = new List<string>();
        var reading = Task.Run(
            async () =>
            {
                await foreach (var item in client.ReadAsync(new XBearerToken(FakeXServer.BearerToken), stop.Token))
                {
                    posts.AddRange(item.Result?.Posts.Select(post => post.RemoteId) ?? []);
                    if (posts.Count == 1)
                    {
                        break;
                    }
                }
            },
            stop.Token);

        await WaitUntilAsync(() => client.State.Activity == SourceActivity.RateLimited, stop.Token);
        var limited = client.State;
        await Task.Delay(300, stop.Token);
        var requestsWhileLimited = server.Requests.Count;
        time.Advance(TimeSpan.FromSeconds(121));
        await reading;

        Assert.Equal(start.AddSeconds(120), limited.RetryAt);
        Assert.Contains("429 (rate limited): ConnectionException", limited.LastError, StringComparison.Ordinal);
        Assert.Equal(1, requestsWhileLimited);
        Assert.Equal(["1234567890"], posts);
        Assert.Equal(1, client.Connections);
    }

    [Fact]
    public async Task A_429_with_Retry_After_waits_that_long()
    {
        var start = DateTimeOffset.FromUnixTimeSeconds(1_795_000_000);
        var time = new FakeTimeProvider(start);
        await using var server = await FakeXServer.StartAsync();
        server.Then(new XStreamScript(Status: 429, RetryAfterSeconds: 90));
        var client = NewClient(server, time);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        stop.CancelAfter(TimeSpan.FromSeconds(60));
        var reading = Task.Run(
            async () =>
            {
                await foreach (var item in client.ReadAsync(new XBearerToken(FakeXServer.BearerToken), stop.Token))
                {
                    if (item.Result?.Posts.Count > 0)
                    {
                        break;
                    }
                }
            },
            stop.Token);

        await WaitUntilAsync(() => client.State.Activity == SourceActivity.RateLimited, stop.Token);
        var limited = client.State;
        time.Advance(TimeSpan.FromSeconds(91));
        await reading;

        Assert.Equal(start.AddSeconds(90), limited.RetryAt);
    }

    [Fact]
    public void Reconnections_ask_for_the_configured_backfill()
    {
        var settings = new XOptions { StreamBackfillMinutes = 2 };

        var first = XStreamClient.StreamAddress(settings, reconnecting: false);
        var again = XStreamClient.StreamAddress(settings, reconnecting: true);

        Assert.DoesNotContain("backfill_minutes", first.Query, StringComparison.Ordinal);
        Assert.EndsWith("&backfill_minutes=2", again.Query, StringComparison.Ordinal);
        Assert.Equal("https://api.x.com/2/tweets/search/stream", again.GetLeftPart(UriPartial.Path));
    }

    private static XStreamClient NewClient(FakeXServer server, TimeProvider time)
    {
        var options = new XOptions
        {
            ApiUrl = server.Url,
            StreamReadTimeout = TimeSpan.FromSeconds(1),
            NetworkInitialBackoff = TimeSpan.FromMilliseconds(20),
            NetworkMaximumBackoff = TimeSpan.FromMilliseconds(100),
            // Long enough for the test's watcher to see each wait on a loaded machine.
            HttpInitialBackoff = TimeSpan.FromMilliseconds(400),
            HttpMaximumBackoff = TimeSpan.FromMilliseconds(800),
            RateLimitInitialBackoff = TimeSpan.FromMilliseconds(50),
            RateLimitMaximumBackoff = TimeSpan.FromMilliseconds(200),
        };
        return new XStreamClient(new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, Microsoft.Extensions.Options.Options.Create(options), time, NullLogger<XStreamClient>.Instance);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        while (!condition())
        {
            await Task.Delay(20, cancellationToken);
        }
    }

    /// <summary>Reads until every expected post has arrived, noting each new failure and state on the way.</summary>
    private static async Task<StreamRun> ReadAllAsync(FakeXServer server, TimeProvider time)
    {
        var run = new StreamRun(NewClient(server, time));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        var watching = Task.Run(
            async () =>
            {
                while (!timeout.IsCancellationRequested)
                {
                    var state = run.Client.State;
                    if (run.States.Count == 0 || run.States[^1] != state)
                    {
                        run.States.Add(state);
                    }

                    await Task.Delay(5, CancellationToken.None);
                }
            },
            CancellationToken.None);
        try
        {
            string? lastFailure = null;
            await foreach (var item in run.Client.ReadAsync(new XBearerToken(FakeXServer.BearerToken), timeout.Token))
            {
                if (run.Client.LastFailure is { } failure && !ReferenceEquals(failure, lastFailure))
                {
                    run.Failures.Add(failure);
                    lastFailure = failure;
                }

                if (item.RefusedBecause is { } refused)
                {
                    run.Refusals.Add(refused);
                    continue;
                }

                run.Refusals.AddRange(item.Result!.Refusals.Select(refusal => refusal.Reason));
                run.MatchingRules.AddRange(item.Result.MatchingRules);
                run.Posts.AddRange(item.Result.Posts.Select(post => post.RemoteId));
                if (ExpectedPosts.All(run.Posts.Contains))
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            Assert.Fail($"Not every post arrived within 30 s: {string.Join(", ", run.Posts)}; requests: {string.Join(" | ", server.Requests)}; last failure: {run.Client.LastFailure}");
        }
        finally
        {
            await timeout.CancelAsync();
            await watching;
        }

        return run;
    }

    private sealed class StreamRun(XStreamClient client)
    {
        public XStreamClient Client { get; } = client;

        public List<string> Posts { get; } = [];

        public List<string> Refusals { get; } = [];

        public List<string> Failures { get; } = [];

        public List<XMatchingRule> MatchingRules { get; } = [];

        public List<SourceState> States { get; } = [];
    }
}

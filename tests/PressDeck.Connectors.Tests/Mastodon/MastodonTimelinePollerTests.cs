using Microsoft.Extensions.Logging.Abstractions;
using PressDeck.Connectors.Mastodon;
using PressDeck.Testing;

namespace PressDeck.Connectors.Tests.Mastodon;

[Trait("Issue", "4")]
public sealed class MastodonTimelinePollerTests
{
    private static readonly MastodonTimeline Budget = MastodonTimeline.Hashtag("budget");

    [Fact]
    public async Task Polling_from_a_resume_point_loses_nothing_and_repeats_nothing()
    {
        await using var server = await FakeMastodonServer.StartAsync();
        using var http = MastodonTestClients.Http();
        for (var i = 0; i < 6; i++)
        {
            server.Publish(FakeMastodonServer.StatusLike(117_400_000_000_000_000 + i, $"Statement {i}", "budget"), toStream: false);
        }

        var poller = Poller(http, server);
        var received = new List<string>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));

        // Resume after statement 0; more statements arrive while polling, more than a poll's pages hold.
        await foreach (var streamEvent in poller.ReadAsync(Budget, "117400000000000000", timeout.Token))
        {
            received.Add(Assert.IsType<MastodonStatusEvent>(streamEvent).Status.Id);
            if (received.Count == 3)
            {
                for (var i = 6; i < 15; i++)
                {
                    server.Publish(FakeMastodonServer.StatusLike(117_400_000_000_000_000 + i, $"Statement {i}", "budget"), toStream: false);
                }
            }

            if (received.Count >= 14)
            {
                break;
            }
        }

        Assert.Equal(Enumerable.Range(1, 14).Select(i => (117_400_000_000_000_000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture)), received);
        Assert.Equal("117400000000000014", poller.LastStatusId);
        Assert.Contains("GET /api/v1/timelines/tag/budget?limit=2&min_id=117400000000000000", server.Requests);
        Assert.Contains("GET /api/v1/timelines/tag/budget?limit=2&min_id=117400000000000002", server.Requests);
    }

    [Fact]
    public async Task A_429_makes_the_poller_wait_as_rate_limited_and_a_500_back_off()
    {
        await using var server = await FakeMastodonServer.StartAsync();
        using var http = MastodonTestClients.Http();
        server.Publish(FakeMastodonServer.StatusLike(117_500_000_000_000_001, "After the limits", "budget"), toStream: false);
        server.FailNext(429, retryAfterSeconds: 1);
        server.FailNext(500);
        var poller = Poller(http, server);
        var states = new List<SourceState>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        var reading = Task.Run(
            async () =>
            {
                await foreach (var streamEvent in poller.ReadAsync(Budget, "117500000000000000", timeout.Token))
                {
                    return Assert.IsType<MastodonStatusEvent>(streamEvent).Status.Id;
                }

                return null;
            },
            timeout.Token);
        while (!reading.IsCompleted)
        {
            if (states.Count == 0 || states[^1] != poller.State)
            {
                states.Add(poller.State);
            }

            await Task.Delay(5, timeout.Token);
        }

        Assert.Equal("117500000000000001", await reading);
        var limited = Assert.Single(states, state => state.Activity == SourceActivity.RateLimited);
        Assert.InRange(limited.RetryAt!.Value - limited.Since, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(1.1));
        Assert.Contains(states, state => state.Activity == SourceActivity.Reconnecting && state.LastError!.Contains("answered 500", StringComparison.Ordinal));
        Assert.Equal(1, poller.Polls);
    }

    private static MastodonTimelinePoller Poller(HttpClient http, FakeMastodonServer server) =>
        new(
            new MastodonApiClient(http, MastodonTestClients.Server(server)),
            new MastodonPollOptions { Interval = TimeSpan.FromMilliseconds(100), PageLimit = 2, MaxPagesPerPoll = 2, InitialBackoff = TimeSpan.FromMilliseconds(50), MaximumBackoff = TimeSpan.FromMilliseconds(200) },
            TimeProvider.System,
            NullLogger<MastodonTimelinePoller>.Instance);
}

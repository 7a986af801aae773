using Microsoft.Extensions.Logging.Abstractions;
using PressDeck.Connectors.Mastodon;
using PressDeck.Testing;

namespace PressDeck.Connectors.Tests.Mastodon;

[Trait("Issue", "4")]
public sealed class MastodonStreamClientTests
{
    private static readonly MastodonTimeline Piano = MastodonTimeline.Hashtag("piano");

    [Fact]
    public async Task Reads_every_recorded_websocket_event_after_subscribing_to_the_hashtag()
    {
        await using var server = await FakeMastodonServer.StartAsync();
        using var http = MastodonTestClients.Http();
        var client = MastodonTestClients.StreamClient(http, server, MastodonTransport.WebSocket);

        var events = await ReadUntilAsync(client, server, Piano, events => events.Count(IsDelivered) == server.WebSocketEventCount);

        Assert.Equal(["108913983692647032"], events.OfType<MastodonStatusEvent>().Select(e => e.Status.Id));
        Assert.Equal(new MastodonDeleteEvent("106692867363994015", null), events.OfType<MastodonDeleteEvent>().Single());
        Assert.Contains("WS {\"type\":\"subscribe\",\"stream\":\"hashtag\",\"tag\":\"piano\"}", server.Requests);
        Assert.Contains("GET /api/v1/streaming", server.Requests);
        Assert.Equal(1, client.Connections);
        Assert.Equal("108913983692647032", client.LastStatusId);
    }

    [Fact]
    public async Task Reads_every_recorded_server_sent_event_from_the_hashtag_path()
    {
        await using var server = await FakeMastodonServer.StartAsync();
        using var http = MastodonTestClients.Http();
        var client = MastodonTestClients.StreamClient(http, server, MastodonTransport.ServerSentEvents);

        var events = await ReadUntilAsync(client, server, Piano, events => events.Count(IsDelivered) == server.ServerSentEventCount);

        Assert.Equal(5, events.OfType<MastodonStatusEvent>().Count());
        Assert.Single(events.OfType<MastodonNotificationEvent>());
        Assert.Single(events.OfType<MastodonDeleteEvent>());
        Assert.Empty(events.OfType<MastodonRefusedEvent>());
        Assert.Contains("GET /api/v1/streaming/hashtag?tag=piano", server.Requests);
        Assert.Equal("108914398911648589", client.LastStatusId);
        Assert.Equal("68739215", client.LastNotificationId);
        Assert.Equal(SourceActivity.Stopped, client.State.Activity);
    }

    [Theory]
    [InlineData(MastodonTransport.WebSocket, 1)]
    [InlineData(MastodonTransport.ServerSentEvents, 3)]
    public async Task After_a_dropped_connection_it_reconnects_fills_the_gap_over_rest_and_loses_nothing(MastodonTransport transport, int dropAfter)
    {
        await using var server = await FakeMastodonServer.StartAsync();
        using var http = MastodonTestClients.Http();
        var missed = new[]
        {
            FakeMastodonServer.StatusLike(117_200_000_000_000_001, "Posted while the stream was down", "piano"),
            FakeMastodonServer.StatusLike(117_200_000_000_000_002, "Also posted while it was down", "piano"),
        };
        server.Then(new StreamScript(DropAfter: dropAfter) { PublishWhileDown = missed });
        var client = MastodonTestClients.StreamClient(http, server, transport);
        var streamed = transport == MastodonTransport.WebSocket ? server.WebSocketEventCount : server.ServerSentEventCount;

        var events = await ReadUntilAsync(client, server, Piano, events => events.Count(IsDelivered) == streamed + missed.Length);

        var filled = events.OfType<MastodonStatusEvent>().Where(e => e.FromRest).ToList();
        Assert.Equal(["117200000000000001", "117200000000000002"], filled.Select(e => e.Status.Id));
        Assert.Equal("Posted while the stream was down #piano", filled[0].Status.Post.Text);
        Assert.Equal(streamed, events.Count(e => IsDelivered(e) && e is not MastodonStatusEvent { FromRest: true }));
        Assert.Equal(2, client.Connections);
        Assert.Contains(server.Requests, request => request.StartsWith("GET /api/v1/timelines/tag/piano?limit=40&min_id=", StringComparison.Ordinal));
        Assert.Equal("117200000000000002", client.LastStatusId);
        Assert.NotNull(client.LastFailure);
    }

    [Theory]
    [InlineData(MastodonTransport.WebSocket, 1)]
    [InlineData(MastodonTransport.ServerSentEvents, 2)]
    public async Task Garbage_is_refused_with_a_reason_and_the_stream_goes_on(MastodonTransport transport, int garbageAfter)
    {
        await using var server = await FakeMastodonServer.StartAsync();
        using var http = MastodonTestClients.Http();
        server.Then(new StreamScript(GarbageAfter: garbageAfter));
        var client = MastodonTestClients.StreamClient(http, server, transport);
        var streamed = transport == MastodonTransport.WebSocket ? server.WebSocketEventCount : server.ServerSentEventCount;

        var events = await ReadUntilAsync(client, server, Piano, events => events.Count(IsDelivered) == streamed);

        var refusals = events.OfType<MastodonRefusedEvent>().Select(e => e.Reason).ToList();
        if (transport == MastodonTransport.WebSocket)
        {
            Assert.Equal(3, refusals.Count);
            Assert.StartsWith("malformed JSON", refusals[0], StringComparison.Ordinal);
            Assert.StartsWith("update: malformed JSON", refusals[1], StringComparison.Ordinal);
            Assert.Equal("a message without an \"event\"", refusals[2]);
        }
        else
        {
            Assert.Equal(2, refusals.Count);
            Assert.StartsWith("update: malformed JSON", refusals[0], StringComparison.Ordinal);
            Assert.Equal("a line that is not valid UTF-8", refusals[1]);
        }

        Assert.Equal(1, client.Connections);
    }

    [Theory]
    [InlineData(MastodonTransport.WebSocket)]
    [InlineData(MastodonTransport.ServerSentEvents)]
    public async Task A_429_makes_it_wait_the_retry_after_as_rate_limited(MastodonTransport transport)
    {
        await using var server = await FakeMastodonServer.StartAsync();
        using var http = MastodonTestClients.Http();
        server.Then(new StreamScript(RefuseWithStatus: 429, RetryAfterSeconds: 1));
        var client = MastodonTestClients.StreamClient(http, server, transport);
        var states = new List<SourceState>();

        await ReadUntilAsync(client, server, Piano, events => events.Any(IsDelivered), states);

        var limited = Assert.Single(states, state => state.Activity == SourceActivity.RateLimited);
        Assert.InRange(limited.RetryAt!.Value - limited.Since, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(1.1));
        Assert.Contains("429", limited.LastError, StringComparison.Ordinal);
        Assert.Equal(2, server.StreamConnections);
        Assert.Equal(1, client.Connections);
    }

    [Theory]
    [InlineData(MastodonTransport.WebSocket)]
    [InlineData(MastodonTransport.ServerSentEvents)]
    public async Task Server_errors_are_retried_with_back_off(MastodonTransport transport)
    {
        await using var server = await FakeMastodonServer.StartAsync();
        using var http = MastodonTestClients.Http();
        server.Then(new StreamScript(RefuseWithStatus: 500));
        server.Then(new StreamScript(RefuseWithStatus: 503));
        var client = MastodonTestClients.StreamClient(http, server, transport);
        var states = new List<SourceState>();

        await ReadUntilAsync(client, server, Piano, events => events.Any(IsDelivered), states);

        Assert.Equal(3, server.StreamConnections);
        Assert.Equal(1, client.Connections);
        Assert.Contains(states, state => state.Activity == SourceActivity.Reconnecting && state.LastError!.Contains("answered 500", StringComparison.Ordinal));
        Assert.DoesNotContain(states, state => state.Activity == SourceActivity.RateLimited);
    }

    [Theory]
    [InlineData(MastodonTransport.WebSocket)]
    [InlineData(MastodonTransport.ServerSentEvents)]
    public async Task A_server_that_hangs_is_left_after_the_read_timeout_and_the_stream_resumes(MastodonTransport transport)
    {
        await using var server = await FakeMastodonServer.StartAsync();
        using var http = MastodonTestClients.Http();
        server.Then(new StreamScript(HangAfter: 1));
        var client = MastodonTestClients.StreamClient(http, server, transport);
        var streamed = transport == MastodonTransport.WebSocket ? server.WebSocketEventCount : server.ServerSentEventCount;

        var events = await ReadUntilAsync(client, server, Piano, events => events.Count(IsDelivered) == streamed);

        Assert.Equal(2, client.Connections);
        if (transport == MastodonTransport.ServerSentEvents)
        {
            Assert.Equal("no answer within the read timeout while reading", client.LastFailure);
        }

        Assert.NotNull(client.LastFailure);
        Assert.Equal(streamed, events.Count(IsDelivered));
    }

    [Fact]
    public async Task A_server_without_streaming_is_followed_by_polling_from_the_resume_point()
    {
        await using var server = await FakeMastodonServer.StartAsync();
        using var http = MastodonTestClients.Http();
        server.StreamingUnavailable = true;
        server.Publish(FakeMastodonServer.StatusLike(117_300_000_000_000_001, "Already seen", "budget"));
        server.Publish(FakeMastodonServer.StatusLike(117_300_000_000_000_002, "New since the last run", "budget"));
        var api = new MastodonApiClient(http, MastodonTestClients.Server(server));
        var poller = new MastodonTimelinePoller(api, new MastodonPollOptions { Interval = TimeSpan.FromMilliseconds(100) }, TimeProvider.System, NullLogger<MastodonTimelinePoller>.Instance);
        var live = new MastodonLiveReader(MastodonTestClients.StreamClient(http, server, MastodonTransport.WebSocket), poller);
        var received = new List<string>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));

        await foreach (var streamEvent in live.ReadAsync(MastodonTimeline.Hashtag("budget"), "117300000000000001", timeout.Token))
        {
            received.Add(((MastodonStatusEvent)streamEvent).Status.Id);
            if (received.Count == 1)
            {
                server.Publish(FakeMastodonServer.StatusLike(117_300_000_000_000_003, "Published while polling", "budget"));
            }

            if (received.Count == 2)
            {
                break;
            }
        }

        Assert.Equal(["117300000000000002", "117300000000000003"], received);
        Assert.Equal(MastodonLiveMode.Polling, live.Mode);
        Assert.Contains("answered 404", live.StreamingUnavailableBecause, StringComparison.Ordinal);
        Assert.Equal("117300000000000003", live.LastStatusId);
    }

    [Fact]
    public async Task A_stream_address_on_loopback_is_refused_unless_allowed()
    {
        await using var server = await FakeMastodonServer.StartAsync();
        using var http = MastodonTestClients.Http(allowLoopback: false);
        var client = MastodonTestClients.StreamClient(http, server, MastodonTransport.WebSocket);
        var states = new List<SourceState>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));

        var reading = Task.Run(
            async () =>
            {
                await foreach (var streamEvent in client.ReadAsync(Piano, null, timeout.Token))
                {
                    Assert.Fail($"Nothing may arrive, but {streamEvent} did.");
                }
            },
            timeout.Token);
        while (client.State.Activity != SourceActivity.Reconnecting && !timeout.IsCancellationRequested)
        {
            await Task.Delay(20, timeout.Token);
        }

        var state = client.State;
        await timeout.CancelAsync();
        await reading;

        Assert.Contains("a private, local or reserved address, which PressDeck does not connect to", state.LastError, StringComparison.Ordinal);
        Assert.Equal(0, server.StreamConnections);
    }

    private static bool IsDelivered(MastodonStreamEvent streamEvent) => streamEvent is not MastodonRefusedEvent;

    /// <summary>Reads as a live source does until <paramref name="done"/>, noting each distinct state the client passes through.</summary>
    private static async Task<List<MastodonStreamEvent>> ReadUntilAsync(
        MastodonStreamClient client, FakeMastodonServer server, MastodonTimeline timeline, Func<List<MastodonStreamEvent>, bool> done, List<SourceState>? states = null)
    {
        var events = new List<MastodonStreamEvent>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
        var watcher = Task.Run(
            async () =>
            {
                while (!watching.IsCancellationRequested)
                {
                    var state = client.State;
                    lock (events)
                    {
                        if (states is not null && (states.Count == 0 || states[^1] != state))
                        {
                            states.Add(state);
                        }
                    }

                    await Task.Delay(5, CancellationToken.None);
                }
            },
            CancellationToken.None);
        try
        {
            await foreach (var streamEvent in client.ReadAsync(timeline, null, timeout.Token))
            {
                events.Add(streamEvent);
                if (done(events))
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            Assert.Fail($"Not everything arrived within 30 s: {events.Count} events ({string.Join(", ", events.Select(e => e.GetType().Name))}); requests: {string.Join(" | ", server.Requests)}; last failure: {client.LastFailure}");
        }
        finally
        {
            await watching.CancelAsync();
            await watcher;
        }

        return events;
    }
}

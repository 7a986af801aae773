using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PressDeck.Connectors.Bluesky;
using PressDeck.Testing;

namespace PressDeck.Connectors.Tests.Bluesky;

[Trait("Issue", "4")]
public sealed class JetstreamClientTests
{
    private static readonly string[] Recorded =
        [.. SharedFixtures.Lines("bluesky/jetstream_mixed_sample.jsonl"), .. SharedFixtures.Lines("bluesky/jetstream_golden_v1.jsonl")];

    [Fact]
    public async Task Reads_every_recorded_event_asking_for_posts_and_reposts_from_the_live_tail()
    {
        await using var server = await FakeJetstreamServer.StartAsync(Recorded);

        var run = await ReadAllAsync(server, startCursor: null);

        Assert.Equal(server.Events.Select(e => e.TimeUs).Order(), run.Delivered.Order());
        var request = Assert.Single(server.Requests);
        Assert.Equal("?wantedCollections=app.bsky.feed.post&wantedCollections=app.bsky.feed.repost", request);
        Assert.Equal(1, run.Client.Connections);
        Assert.Equal(SourceActivity.Stopped, run.Client.State.Activity);
    }

    [Fact]
    public async Task After_a_dropped_connection_it_reconnects_from_its_cursor_less_the_rewind_and_loses_nothing()
    {
        await using var server = await FakeJetstreamServer.StartAsync(Recorded);
        server.Then(new ConnectionScript(DropAfter: 9));

        var run = await ReadAllAsync(server, startCursor: null);

        Assert.Equal(server.Events.Select(e => e.TimeUs).Order(), run.Delivered.Distinct().Order());
        Assert.Equal(2, run.Client.Connections);
        var resumedFrom = server.Events[8].TimeUs - (long)Options.Rewind.TotalMicroseconds;
        Assert.Equal(
            ["?wantedCollections=app.bsky.feed.post&wantedCollections=app.bsky.feed.repost", $"?wantedCollections=app.bsky.feed.post&wantedCollections=app.bsky.feed.repost&cursor={resumedFrom.ToString(CultureInfo.InvariantCulture)}"],
            server.Requests);
        Assert.Contains("without completing the close handshake", run.Client.LastFailure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_goes_silent_is_left_after_the_read_timeout_and_the_stream_resumes()
    {
        await using var server = await FakeJetstreamServer.StartAsync(Recorded);
        server.Then(new ConnectionScript(GoSilentAfter: 5));

        var run = await ReadAllAsync(server, startCursor: null);

        Assert.Equal(server.Events.Select(e => e.TimeUs).Order(), run.Delivered.Distinct().Order());
        Assert.Equal(2, run.Client.Connections);
        Assert.Equal("no answer within the read timeout while reading", run.Client.LastFailure);
    }

    [Fact]
    public async Task Garbage_is_refused_frame_by_frame_and_a_broken_text_frame_costs_a_reconnection_not_a_post()
    {
        await using var server = await FakeJetstreamServer.StartAsync(Recorded);
        server.Then(new ConnectionScript(GarbageAfter: 3));

        var run = await ReadAllAsync(server, startCursor: null);

        // Malformed JSON is one refused frame; a text frame that is not UTF-8 breaks the WebSocket protocol, so the
        // client drops the connection and resumes from its cursor, which delivers some events twice (the archive's
        // unique key drops them) and loses none.
        Assert.Equal(server.Events.Select(e => e.TimeUs).Order(), run.Delivered.Distinct().Order());
        var refusal = Assert.Single(run.Refusals);
        Assert.StartsWith("malformed JSON", refusal, StringComparison.Ordinal);
        Assert.Equal(2, run.Client.Connections);
        Assert.EndsWith($"&cursor={server.Events[2].TimeUs - 5_000_000}", server.Requests.Last(), StringComparison.Ordinal);
        Assert.NotNull(run.Client.LastFailure);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(429)]
    [InlineData(503)]
    public async Task Refused_connections_are_retried_with_back_off(int status)
    {
        await using var server = await FakeJetstreamServer.StartAsync(Recorded);
        server.Then(new ConnectionScript(RefuseWithStatus: status));
        server.Then(new ConnectionScript(RefuseWithStatus: status));

        var run = await ReadAllAsync(server, startCursor: 1_783_175_888_000_000);

        Assert.Equal(3, server.Requests.Count);
        Assert.All(server.Requests, request => Assert.EndsWith($"&cursor={1_783_175_888_000_000 - 5_000_000}", request, StringComparison.Ordinal));
        Assert.Equal(server.Events.Where(e => e.TimeUs >= 1_783_175_883_000_000).Select(e => e.TimeUs).Order(), run.Delivered.Order());
        Assert.Equal(1, run.Client.Connections);
    }

    private static readonly JetstreamOptions Options = new()
    {
        ReadTimeout = TimeSpan.FromSeconds(1),
        InitialBackoff = TimeSpan.FromMilliseconds(50),
        MaximumBackoff = TimeSpan.FromMilliseconds(200),
        Rewind = TimeSpan.FromSeconds(5),
    };

    /// <summary>Reads as the live source does (cursor = the last event taken in) until every event the server holds past the start has arrived.</summary>
    private static async Task<ReadRun> ReadAllAsync(FakeJetstreamServer server, long? startCursor)
    {
        var options = new JetstreamOptions
        {
            Url = server.Url,
            ReadTimeout = Options.ReadTimeout,
            InitialBackoff = Options.InitialBackoff,
            MaximumBackoff = Options.MaximumBackoff,
            Rewind = Options.Rewind,
        };
        var client = new JetstreamClient(Microsoft.Extensions.Options.Options.Create(options), TimeProvider.System, NullLogger<JetstreamClient>.Instance);
        var expected = server.Events.Where(e => startCursor is null || e.TimeUs >= startCursor - (long)Options.Rewind.TotalMicroseconds).Select(e => e.TimeUs).ToHashSet();
        var run = new ReadRun(client);
        var cursor = startCursor;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        var handles = new BlueskyHandleCache();
        try
        {
            await foreach (var frame in client.ReadAsync(() => cursor, timeout.Token))
            {
                if (frame.RefusedBecause is { } refused)
                {
                    run.Refusals.Add(refused);
                    continue;
                }

                if (!JetstreamEventReader.TryRead(frame.Utf8.Span, handles, out var jetstreamEvent, out var error))
                {
                    run.Refusals.Add(error!);
                    continue;
                }

                cursor = jetstreamEvent!.TimeUs;
                run.Delivered.Add(jetstreamEvent.TimeUs);
                if (expected.IsSubsetOf(run.Delivered))
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            Assert.Fail($"Not every event arrived within 30 s: {run.Delivered.Distinct().Count()} of {expected.Count}; requests: {string.Join(" | ", server.Requests)}");
        }

        return run;
    }

    private sealed class ReadRun(JetstreamClient client)
    {
        public JetstreamClient Client { get; } = client;

        public List<long> Delivered { get; } = [];

        public List<string> Refusals { get; } = [];
    }
}

using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using PressDeck.Connectors.Bluesky;
using PressDeck.Core.Posts;
using PressDeck.Data.Archive;
using PressDeck.Monitoring.Ingest;
using PressDeck.Monitoring.Sources;

namespace PressDeck.Monitoring.Bluesky;

/// <summary>
/// Feeds Bluesky's Jetstream into the ingest pipeline in two stages: the reader takes frames off the WebSocket and
/// reads them into posts; the second stage gathers what has arrived (up to <see cref="BatchSize"/> posts or
/// <see cref="BatchWait"/>), fetches the reposted posts' text and looks up the unknown DIDs among them in one AppView
/// call per 25, and hands the posts on with text, handles and names. Each post goes in with its event's <c>time_us</c> as the resume point, which the pipeline
/// saves only once the post is committed, so after a restart the stream resumes from the last committed event (less
/// the client's rewind; the archive drops what comes twice). Events it cannot read are logged and skipped.
/// </summary>
internal sealed partial class BlueskySource(
    JetstreamClient client,
    BlueskyIdentityResolver identities,
    IBlueskyHandles handles,
    IngestChannel channel,
    IServiceScopeFactory scopeFactory,
    SourceRegistry sources,
    IOptions<BlueskyOptions> options,
    TimeProvider time,
    ILogger<BlueskySource> logger) : BackgroundService
{
    public const string SourceName = "bluesky-jetstream";

    private const int BatchSize = 200;

    private static readonly TimeSpan BatchWait = TimeSpan.FromMilliseconds(200);

    private static readonly TimeSpan RestartAfter = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        try
        {
            using var control = new SourceControl(SourceName, "Bluesky firehose (Jetstream)", Network.Bluesky, time, () => client.State);
            await sources.RegisterAsync(control, stoppingToken);
            await control.RunAsync(RunAsync, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Follows Jetstream from the committed cursor until cancelled, starting again after a fault.</summary>
    private async Task RunAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var read = Channel.CreateBounded<StageItem>(new BoundedChannelOptions(BatchSize * 4)
            {
                SingleReader = true,
                SingleWriter = true,
                FullMode = BoundedChannelFullMode.Wait,
            });
            try
            {
                var cursor = await SourceCheckpoints.ReadNumberAsync(scopeFactory, SourceName, stoppingToken);
                LogStarting(cursor);

                // When one stage fails, the other is stopped too, so that neither waits forever on the other.
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var reading = ReadAsync(cursor, read.Writer, attempt.Token);
                var forwarding = ForwardAsync(read.Reader, attempt.Token);
                if ((await Task.WhenAny(reading, forwarding)).IsFaulted)
                {
                    await attempt.CancelAsync();
                }

                await Task.WhenAll(reading, forwarding);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // A fault in this source must not stop PressDeck or the other sources: start again from the committed
                // resume point after a pause.
                LogFailed(exception, RestartAfter.TotalSeconds);
                await Task.Delay(RestartAfter, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task ReadAsync(long? cursor, ChannelWriter<StageItem> read, CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var frame in client.ReadAsync(() => cursor, stoppingToken))
            {
                if (frame.RefusedBecause is { } refused)
                {
                    LogRefused(refused);
                    continue;
                }

                if (!JetstreamEventReader.TryRead(frame.Utf8.Span, handles, out var jetstreamEvent, out var error))
                {
                    LogRefused(error!);
                    continue;
                }

                cursor = jetstreamEvent!.TimeUs;
                var checkpoint = jetstreamEvent.TimeUs.ToString(CultureInfo.InvariantCulture);
                switch (jetstreamEvent)
                {
                    case JetstreamPostEvent created:
                        await read.WriteAsync(new StageItem(created.Post, null, checkpoint), stoppingToken);
                        break;
                    case JetstreamRepostEvent repost:
                        await read.WriteAsync(new StageItem(repost.Post, repost.Subject, checkpoint), stoppingToken);
                        break;
                    case JetstreamDeleteEvent deleted:
                        await read.WriteAsync(new StageItem(null, null, checkpoint, deleted.Uri), stoppingToken);
                        break;
                }
            }
        }
        finally
        {
            read.TryComplete();
        }
    }

    private async Task ForwardAsync(ChannelReader<StageItem> read, CancellationToken stoppingToken)
    {
        var batch = new List<StageItem>(BatchSize);
        while (await read.WaitToReadAsync(stoppingToken))
        {
            batch.Clear();
            using (var gathering = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
            {
                gathering.CancelAfter(BatchWait);
                try
                {
                    while (batch.Count < BatchSize)
                    {
                        if (read.TryRead(out var item))
                        {
                            batch.Add(item);
                        }
                        else if (!await read.WaitToReadAsync(gathering.Token))
                        {
                            break;
                        }
                    }
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    // The batch waited long enough: hand on what it has.
                }
            }

            // Reposts first take the original's text (Jetstream sends only its address); then every DID left is looked up.
            var failedBefore = identities.LastFailure;
            var originals = await identities.FetchOriginalsAsync(batch.Where(item => item.RepostOf is not null).Select(item => item.RepostOf!), stoppingToken);
            for (var index = 0; index < batch.Count; index++)
            {
                if (batch[index] is { RepostOf: { } subject, Post: { } repost } && originals.TryGetValue(subject.ToString(), out var original))
                {
                    batch[index] = batch[index] with { Post = BlueskyIdentityResolver.WithOriginal(repost, original) };
                }
            }

            await identities.ResolveAsync(batch.Where(item => item.Post is not null).Select(item => item.Post!), stoppingToken);
            if (identities.LastFailure is { } failure && failure != failedBefore)
            {
                LogLookupFailed(failure);
            }

            foreach (var item in batch)
            {
                await channel.WriteAsync(
                    item.Post is { } post
                        ? IngestItem.FromPost(SourceName, identities.Rewrite(post), item.Checkpoint)
                        : IngestItem.FromDeletion(SourceName, new PostKey(Network.Bluesky, item.Deleted!.ToString()), item.Checkpoint),
                    stoppingToken);
            }
        }
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Bluesky: following Jetstream from cursor {Cursor} (none: the live tail)")]
    private partial void LogStarting(long? cursor);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Bluesky: skipped an event PressDeck cannot read: {Reason}")]
    private partial void LogRefused(string reason);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Error, Message = "Bluesky: the source failed; it starts again in {Seconds} s")]
    private partial void LogFailed(Exception exception, double seconds);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Bluesky: the AppView lookup failed ({Reason}); posts go on as Jetstream gave them")]
    private partial void LogLookupFailed(string reason);

    /// <summary>What the reading stage hands the resolving stage: a post (a repost names its original) or a deleted record.</summary>
    private readonly record struct StageItem(Post? Post, AtUri? RepostOf, string Checkpoint, AtUri? Deleted = null);
}

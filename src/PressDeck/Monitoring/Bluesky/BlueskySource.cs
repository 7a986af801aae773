using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PressDeck.Connectors.Bluesky;
using PressDeck.Data;
using PressDeck.Monitoring.Ingest;

namespace PressDeck.Monitoring.Bluesky;

/// <summary>
/// Feeds Bluesky's Jetstream into the ingest pipeline: each post and repost goes in with its event's <c>time_us</c> as
/// the resume point, which the pipeline saves only once the post is committed, so after a restart the stream resumes
/// from the last committed event (less the client's rewind; the archive drops what comes twice). Events it cannot read
/// are logged and skipped; the stream goes on.
/// </summary>
internal sealed partial class BlueskySource(
    JetstreamClient client,
    IBlueskyHandles handles,
    IngestChannel channel,
    IServiceScopeFactory scopeFactory,
    IOptions<BlueskyOptions> options,
    ILogger<BlueskySource> logger) : BackgroundService
{
    public const string SourceName = "bluesky-jetstream";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        try
        {
            long? cursor = await ReadCheckpointAsync(stoppingToken);
            LogStarting(cursor);
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
                        await channel.WriteAsync(IngestItem.FromPost(SourceName, created.Post, checkpoint), stoppingToken);
                        break;
                    case JetstreamRepostEvent repost:
                        await channel.WriteAsync(IngestItem.FromPost(SourceName, repost.Post, checkpoint), stoppingToken);
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task<long?> ReadCheckpointAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var checkpoint = await db.SourceCheckpoints.AsNoTracking().FirstOrDefaultAsync(c => c.SourceName == SourceName, cancellationToken);
        return checkpoint is not null && long.TryParse(checkpoint.Position, NumberStyles.None, CultureInfo.InvariantCulture, out var timeUs) ? timeUs : null;
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Bluesky: following Jetstream from cursor {Cursor} (none: the live tail)")]
    private partial void LogStarting(long? cursor);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Bluesky: skipped an event PressDeck cannot read: {Reason}")]
    private partial void LogRefused(string reason);
}

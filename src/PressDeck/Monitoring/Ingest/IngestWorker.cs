using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PressDeck.Core.Ingest;
using PressDeck.Core.Posts;
using PressDeck.Core.Text;
using PressDeck.Data;
using PressDeck.Data.Archive;
using PressDeck.Data.Ingest;
using PressDeck.Inbox;
using PressDeck.Monitoring.Live;

namespace PressDeck.Monitoring.Ingest;

/// <summary>
/// Drains the ingest queue in batches: decode, check limits, analyse (Core's normaliser), commit to the archive
/// (duplicates dropped by its unique key), save each source's resume point in the same pass, then match the new posts
/// against every column and hand them to the live feed. A batch that cannot be committed (a locked or full disk) is
/// retried with back-off and never dropped; meanwhile the bounded queue makes the sources wait.
/// </summary>
internal sealed partial class IngestWorker(
    IngestChannel queue,
    IServiceScopeFactory scopeFactory,
    StandingQueries standingQueries,
    LiveFeed liveFeed,
    InboxIntake inbox,
    IngestMetrics metrics,
    TimeProvider time,
    IOptions<IngestOptions> options,
    ILogger<IngestWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batchSize = options.Value.BatchSize;
        var items = new List<IngestItem>(batchSize);
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                items.Clear();
                while (items.Count < batchSize && queue.Reader.TryRead(out var item))
                {
                    items.Add(item);
                }

                metrics.Received(items.Count);
                await ProcessWithRetryAsync(items, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task ProcessWithRetryAsync(List<IngestItem> items, CancellationToken stoppingToken)
    {
        var entries = Prepare(items);
        var deletions = items.Where(item => item.Deletion is not null).Select(item => item.Deletion!.Value).ToList();
        var checkpoints = LastCheckpoints(items);
        var addressedTo = AddressedTo(items);
        var delay = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            try
            {
                await CommitAndFanOutAsync(entries, deletions, checkpoints, addressedTo, stoppingToken);
                return;
            }
            catch (Exception exception) when (exception is SqliteException or DbUpdateException or IOException)
            {
                metrics.Failed(exception.Message);
                LogCommitFailed(exception, entries.Count, delay.TotalSeconds);
                await Task.Delay(delay, time, stoppingToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }
    }

    private List<ArchiveEntry> Prepare(List<IngestItem> items)
    {
        var receivedAt = time.GetUtcNow().UtcDateTime;
        var entries = new List<ArchiveEntry>(items.Count);
        foreach (var item in items)
        {
            if (item.Deletion is not null || item.IsResumePointOnly)
            {
                continue;
            }

            var post = item.Post ?? Decode(item);
            if (post is null)
            {
                continue;
            }

            var entry = ArchiveEntryPreparation.Prepare(post, receivedAt, out var problem);
            if (entry is null)
            {
                metrics.Dropped();
                LogRefused(item.SourceName, post.RemoteId, problem);
                continue;
            }

            if (problem is not null)
            {
                metrics.Truncated();
                LogTruncated(item.SourceName, post.RemoteId, problem);
            }

            entries.Add(entry);
        }

        return entries;
    }

    private Post? Decode(IngestItem item)
    {
        if (item.Payload.Length > PostLimits.MaxPayloadBytes)
        {
            metrics.Dropped();
            LogUnreadable(item.SourceName, $"payload of {item.Payload.Length} bytes is over the {PostLimits.MaxPayloadBytes}-byte limit");
            return null;
        }

        if (PostJsonReader.TryRead(item.Payload.Span, out var post, out var error))
        {
            return post;
        }

        metrics.Dropped();
        LogUnreadable(item.SourceName, error ?? "unreadable payload");
        return null;
    }

    private static Dictionary<string, string> LastCheckpoints(List<IngestItem> items)
    {
        var checkpoints = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (item.Checkpoint is not null)
            {
                checkpoints[item.SourceName] = item.Checkpoint;
            }
        }

        return checkpoints;
    }

    /// <summary>The posts the network said were written to one of the office's accounts, and to which.</summary>
    private static Dictionary<PostKey, string> AddressedTo(List<IngestItem> items)
    {
        var addressed = new Dictionary<PostKey, string>();
        foreach (var item in items)
        {
            if (item is { AddressedTo: { } office, Post: { } post })
            {
                addressed[new PostKey(post.Network, post.RemoteId)] = office;
            }
        }

        return addressed;
    }

    private async Task CommitAndFanOutAsync(
        List<ArchiveEntry> entries,
        List<PostKey> deletions,
        Dictionary<string, string> checkpoints,
        Dictionary<PostKey, string> addressedTo,
        CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var archive = scope.ServiceProvider.GetRequiredService<IPostArchive>();
        var added = await archive.AddAsync(entries, cancellationToken);

        // Deletes after adds: a post created and deleted within one batch ends deleted.
        var deleted = await archive.DeleteAsync(deletions, time.GetUtcNow().UtcDateTime, cancellationToken);

        // Questions to the office reach the inbox before the resume point moves on, so a crash here replays them (they land
        // once). A storage failure retries the batch like the archive's; anything else is logged and never stops ingest.
        try
        {
            await inbox.TakeAsync(entries, addressedTo, cancellationToken);
        }
        catch (Exception exception) when (exception is not (SqliteException or DbUpdateException or IOException or OperationCanceledException))
        {
            LogInboxFailed(exception, entries.Count);
        }

        if (checkpoints.Count > 0)
        {
            // Resume points advance only after the posts before them are committed (above): a crash replays, never skips.
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var now = time.GetUtcNow().UtcDateTime;
            foreach (var (source, position) in checkpoints)
            {
                var checkpoint = await db.SourceCheckpoints.FindAsync([source], cancellationToken);
                if (checkpoint is null)
                {
                    db.SourceCheckpoints.Add(new SourceCheckpoint { SourceName = source, Position = position, UpdatedAt = now });
                }
                else
                {
                    checkpoint.Position = position;
                    checkpoint.UpdatedAt = now;
                }
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        metrics.Deleted(deleted.Count);
        liveFeed.Retract(deleted);

        var lag = entries.Count == 0 ? TimeSpan.Zero : time.GetUtcNow().UtcDateTime - entries[^1].Post.CreatedAt;
        metrics.Committed(added.Count, entries.Count - added.Count, lag < TimeSpan.Zero ? TimeSpan.Zero : lag);

        var analysisById = new Dictionary<(Network, string), AnalyzedPost>(entries.Count);
        foreach (var entry in entries)
        {
            analysisById[(entry.Post.Network, entry.Post.RemoteId)] = entry.Analysis;
        }

        var columnIds = new List<int>();
        foreach (var stored in added)
        {
            columnIds.Clear();
            standingQueries.Match(analysisById[(stored.Post.Network, stored.Post.RemoteId)], columnIds);
            foreach (var columnId in columnIds)
            {
                liveFeed.Publish(columnId, stored);
            }
        }
    }

    [LoggerMessage(EventId = 400, Level = LogLevel.Warning, Message = "Dropped an unreadable payload from {SourceName}: {Reason}")]
    private partial void LogUnreadable(string sourceName, string reason);

    [LoggerMessage(EventId = 401, Level = LogLevel.Warning, Message = "Dropped post {RemoteId} from {SourceName}: {Reason}")]
    private partial void LogRefused(string sourceName, string remoteId, string? reason);

    [LoggerMessage(EventId = 402, Level = LogLevel.Warning, Message = "Truncated post {RemoteId} from {SourceName}: {Change}")]
    private partial void LogTruncated(string sourceName, string remoteId, string change);

    [LoggerMessage(EventId = 404, Level = LogLevel.Error, Message = "Could not put the questions among {Count} posts into the inbox; ingest goes on")]
    private partial void LogInboxFailed(Exception exception, int count);

    [LoggerMessage(EventId = 403, Level = LogLevel.Error, Message = "Could not commit {Count} posts to the archive; retrying in {DelaySeconds} s")]
    private partial void LogCommitFailed(Exception exception, int count, double delaySeconds);
}

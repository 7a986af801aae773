using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PressDeck.Audit;
using PressDeck.Data;
using PressDeck.Data.Publishing;
using PressDeck.Data.Rebuttals;

namespace PressDeck.Rebuttals;

/// <summary>
/// Tracks the cases: records the response's approval and publication on the case's timeline when the post goes out, and
/// reads how far the original and the response have spread, only for watched cases and on a back-off schedule (2, 4, 8 …
/// minutes apart, at most an hour) for <see cref="RebuttalService.TrackingWindow"/>, one request per post per reading,
/// so the networks' rate limits are never approached.
/// </summary>
public sealed partial class RebuttalTracker(
    IServiceScopeFactory scopeFactory,
    IEnumerable<ISpreadReader> readers,
    RebuttalEvents events,
    AuditLog auditLog,
    IOptions<RebuttalOptions> options,
    TimeProvider time,
    ILogger<RebuttalTracker> logger) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(20);

    private readonly Dictionary<Core.Posts.Network, ISpreadReader> _readers = readers.ToDictionary(r => r.Network);

    /// <summary>The wait before reading number <paramref name="reads"/> + 1: 2, 4, 8, 16, 32, then every 60 minutes.</summary>
    public static TimeSpan Backoff(int reads) => TimeSpan.FromMinutes(Math.Min(60, 2 * Math.Pow(2, Math.Max(0, reads - 1))));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.TrackOnThisNode)
        {
            return;
        }

        using var timer = new PeriodicTimer(Tick, time);
        try
        {
            do
            {
                try
                {
                    await ReadDueAsync(stoppingToken);
                }
                catch (Exception exception) when (exception is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
                {
                    LogFailed(exception);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Reads the spread of every watched case that is due. Returns how many cases were read.</summary>
    public async Task<int> ReadDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = time.GetUtcNow().UtcDateTime;
        var due = await db.Rebuttals.AsNoTracking().Where(r => r.NextReadAt != null && r.NextReadAt <= now && r.TrackUntil > now)
            .OrderBy(r => r.NextReadAt).Take(50).ToListAsync(cancellationToken);
        var read = 0;
        foreach (var rebuttal in due)
        {
            // Claimed first, with the next reading's time, so no other node (or overlapping check) reads the same case now.
            var reads = rebuttal.Reads + 1;
            DateTime? next = _readers.ContainsKey(rebuttal.Network) ? now + Backoff(reads) : null;
            var claimed = await db.Rebuttals.Where(r => r.Id == rebuttal.Id && r.NextReadAt == rebuttal.NextReadAt && r.Reads == rebuttal.Reads)
                .ExecuteUpdateAsync(set => set.SetProperty(r => r.NextReadAt, next).SetProperty(r => r.Reads, reads), cancellationToken);
            if (claimed == 0)
            {
                continue;
            }

            if (!_readers.TryGetValue(rebuttal.Network, out var reader))
            {
                db.RebuttalEvents.Add(new RebuttalEvent { RebuttalId = rebuttal.Id, Kind = "tracking", At = now, ByName = "PressDeck", Text = $"PressDeck cannot read the spread of posts on {rebuttal.Network}; it is not tracked." });
                await db.SaveChangesAsync(cancellationToken);
                continue;
            }

            try
            {
                if (await reader.ReadAsync(rebuttal.RemoteId, rebuttal.PostedAt, false, cancellationToken) is { } original)
                {
                    db.SpreadSamples.Add(new SpreadSample { RebuttalId = rebuttal.Id, At = now, Reposts = original.Reposts, Quotes = original.Quotes, Replies = original.Replies });
                }

                if (rebuttal.PublishedRemoteId is { } response && rebuttal.PublishedAt is { } publishedAt
                    && await reader.ReadAsync(response, publishedAt, true, cancellationToken) is { } answer)
                {
                    db.SpreadSamples.Add(new SpreadSample { RebuttalId = rebuttal.Id, IsResponse = true, At = now, Reposts = answer.Reposts, Quotes = answer.Quotes, Replies = answer.Replies });
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // The network did not answer: the next step of the schedule tries again.
                LogReadFailed(rebuttal.Id, exception.Message);
            }

            await db.SaveChangesAsync(cancellationToken);
            events.NotifyChanged(rebuttal.Id);
            read++;
        }

        return read;
    }

    /// <summary>
    /// The case's response went out: its approvals and its publication go on the timeline, the case is published, and
    /// the spread of both posts is watched for the tracking window from now.
    /// </summary>
    public async Task DraftPublishedAsync(int draftId, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var rebuttal = await db.Rebuttals.FirstOrDefaultAsync(r => r.DraftId == draftId && r.PublishedAt == null, cancellationToken);
        if (rebuttal is null)
        {
            return;
        }

        var draft = await db.Drafts.AsNoTracking().AsSplitQuery().Include(d => d.Targets).Include(d => d.Reviews).FirstAsync(d => d.Id == draftId, cancellationToken);
        var published = draft.Targets.Where(t => t.State == TargetState.Published && t.PublishedAt is not null).OrderBy(t => t.PublishedAt).FirstOrDefault();
        if (published is null)
        {
            return;
        }

        foreach (var review in draft.Reviews.Where(r => r.Decision == ReviewDecision.Approved).OrderBy(r => r.At))
        {
            rebuttal.Timeline.Add(new RebuttalEvent { Kind = "approved", At = review.At, ByName = review.UserName, Text = $"Approved by {review.UserName}." });
        }

        var at = published.PublishedAt!.Value;
        rebuttal.PublishedAt = at;
        rebuttal.PublishedRemoteId = published.RemoteId;
        rebuttal.PublishedUrl = published.Url;
        rebuttal.Stage = RebuttalStage.Published;
        rebuttal.TrackUntil = at + RebuttalService.TrackingWindow;
        rebuttal.NextReadAt = at;
        rebuttal.Reads = 0;
        var took = RebuttalTimes.Format(at - rebuttal.FirstSeenAt);
        rebuttal.Timeline.Add(new RebuttalEvent { Kind = "published", At = at, ByName = draft.AuthorName, Text = $"Published from @{published.AccountHandle} on {published.Network}, {took} after it was first seen." });
        await db.SaveChangesAsync(cancellationToken);
        await auditLog.WriteAsync(AuditActor.System, AuditActions.RebuttalPublished, RebuttalService.Describe(rebuttal), $"post {draftId}, {took} after first sight");
        events.NotifyChanged(rebuttal.Id);
    }

    [LoggerMessage(EventId = 4801, Level = LogLevel.Error, Message = "Reading the spread of watched posts failed; trying again at the next check")]
    private partial void LogFailed(Exception exception);

    [LoggerMessage(EventId = 4802, Level = LogLevel.Warning, Message = "Could not read the spread of rebuttal {RebuttalId}: {Problem}")]
    private partial void LogReadFailed(int rebuttalId, string problem);
}

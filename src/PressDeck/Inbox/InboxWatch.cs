using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PressDeck.Audit;
using PressDeck.Data;
using PressDeck.Data.Inbox;

namespace PressDeck.Inbox;

/// <summary>
/// Watches the open items' clocks: when an item's response target is about to be missed (the office's warning time
/// before it), or its journalist's deadline is as close, its officer and the desk's lead are told in the app and by
/// email, once per item, and it is audited. The inbox page shows the same state in colour all the time.
/// </summary>
public sealed partial class InboxWatch(
    IServiceScopeFactory scopeFactory,
    InboxMessenger messenger,
    InboxEvents events,
    AuditLog auditLog,
    IOptions<InboxOptions> options,
    TimeProvider time,
    ILogger<InboxWatch> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CheckInterval, time);
        try
        {
            do
            {
                try
                {
                    await WarnAsync(stoppingToken);
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

    /// <summary>Warns about every open item close to its target or deadline and not warned about yet. Returns how many.</summary>
    public async Task<int> WarnAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var settings = await db.InboxSettings.AsNoTracking().FirstOrDefaultAsync(cancellationToken) ?? new InboxSettings();
        var now = time.GetUtcNow().UtcDateTime;
        var warnBefore = TimeSpan.FromMinutes(settings.WarnBeforeMinutes);
        var target = TimeSpan.FromMinutes(settings.ResponseTargetMinutes);
        var askedBy = now + warnBefore - target;
        var deadlineBy = now + warnBefore;
        var due = await db.InboxItems.AsNoTracking()
            .Where(i => (i.Status == InboxStatus.New || i.Status == InboxStatus.InProgress) && i.TargetWarningSentAt == null
                && (i.AskedAt <= askedBy || (i.Deadline != null && i.Deadline <= deadlineBy)))
            .ToListAsync(cancellationToken);
        var warned = 0;
        foreach (var item in due)
        {
            // Claimed first, so another node (or an overlapping check) never warns about the same item twice.
            var claimed = await db.InboxItems.Where(i => i.Id == item.Id && i.TargetWarningSentAt == null)
                .ExecuteUpdateAsync(set => set.SetProperty(i => i.TargetWarningSentAt, now), cancellationToken);
            if (claimed == 0)
            {
                continue;
            }

            var targetAt = InboxService.Since(item) + target;
            var why = item.Deadline is { } deadline && deadline <= deadlineBy && deadline < targetAt
                ? $"The journalist's deadline, {OfficeTime.Format(deadline)}, is close and the enquiry is not answered"
                : $"The response target ({InboxService.FormatDuration(target)}) will be missed at {OfficeTime.Format(targetAt)} unless the enquiry is answered";
            db.InboxLog.Add(new InboxLogEntry { ItemId = item.Id, Kind = InboxLogKind.Event, At = now, ByName = "PressDeck", Text = why + "." });
            await db.SaveChangesAsync(cancellationToken);
            await auditLog.WriteAsync(AuditActor.System, AuditActions.InboxTargetWarned, InboxService.Describe(item), why);
            await messenger.TargetNearAsync(item, why, cancellationToken);
            events.NotifyItemChanged(item.Id);
            warned++;
        }

        return warned;
    }

    [LoggerMessage(EventId = 4705, Level = LogLevel.Error, Message = "Checking the inbox's response targets failed; trying again at the next check")]
    private partial void LogFailed(Exception exception);
}

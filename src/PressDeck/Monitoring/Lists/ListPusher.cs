using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PressDeck.Audit;
using PressDeck.Core.Lists;
using PressDeck.Core.Posts;
using PressDeck.Data;
using PressDeck.Data.Lists;
using PressDeck.Publishing;

namespace PressDeck.Monitoring.Lists;

/// <summary>
/// Keeps the networks' copies of the lists the office chose to push: creates the list on the network the first time,
/// then adds the members it lacks and removes those no longer on the PressDeck list. A push is due when it was chosen
/// or the list changed; each due push is claimed by one node with a conditional update, and a failure is retried after
/// 1, 2, 4 … minutes (at most an hour), or when the network said to.
/// </summary>
public sealed partial class ListPusher(
    IServiceScopeFactory scopeFactory,
    NetworkListDirectory networks,
    PublishingAccounts accounts,
    ListPushSignal signal,
    AuditLog auditLog,
    IOptions<ListPushOptions> options,
    TimeProvider time,
    ILogger<ListPusher> logger) : BackgroundService
{
    /// <summary>How long a claimed push is held before another node may take it over (the claiming node died).</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(30);

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>The wait after <paramref name="failures"/> failed pushes in a row: 1, 2, 4 … minutes, at most an hour.</summary>
    public static TimeSpan Backoff(int failures) => TimeSpan.FromMinutes(Math.Min(60, Math.Pow(2, Math.Max(0, failures - 1))));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.PushOnThisNode)
        {
            return;
        }

        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var wake = signal.NextWake();
                try
                {
                    while (await PushNextDueAsync(stoppingToken))
                    {
                    }
                }
                catch (Exception exception) when (exception is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
                {
                    LogFailed(exception);
                }

                await Task.WhenAny(wake, Task.Delay(Tick, time, stoppingToken));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Claims and pushes the push that has been due longest. False when none is due.</summary>
    public async Task<bool> PushNextDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = Now;
        var due = await db.ListPushes.AsNoTracking().Where(p => p.DueAt != null && p.DueAt <= now)
            .OrderBy(p => p.DueAt).Select(p => new { p.Id, p.DueAt }).FirstOrDefaultAsync(cancellationToken);
        if (due is null)
        {
            return false;
        }

        // The claim: only the node whose update finds the same DueAt pushes; the lease lets another take over if it dies.
        var lease = now + Lease;
        var claimed = await db.ListPushes.Where(p => p.Id == due.Id && p.DueAt == due.DueAt)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.DueAt, lease), cancellationToken);
        if (claimed == 1)
        {
            await PushAsync(db, due.Id, lease, cancellationToken);
        }

        return true;
    }

    private async Task PushAsync(AppDbContext db, int pushId, DateTime lease, CancellationToken cancellationToken)
    {
        var push = await db.ListPushes.Include(p => p.List).FirstAsync(p => p.Id == pushId, cancellationToken);
        var list = push.List!;
        string outcome;
        var failed = false;
        DateTime? retryAt = null;
        try
        {
            outcome = await SyncAsync(db, push, list, cancellationToken);
        }
        catch (Exception exception) when (exception is NetworkListException or HttpRequestException)
        {
            failed = true;
            outcome = exception.Message;
            push.FailedAttempts++;
            retryAt = Now + ((exception as NetworkListException)?.RetryAfter is { } wait && wait > TimeSpan.Zero ? wait : Backoff(push.FailedAttempts));
            LogPushFailed(list.Name, push.Network, exception.Message);
        }

        push.LastPushedAt = Now;
        push.LastOutcome = outcome.Length <= 2000 ? outcome : outcome[..1999] + "…";
        push.LastPushFailed = failed;
        if (!failed)
        {
            push.FailedAttempts = 0;
        }

        await db.SaveChangesAsync(cancellationToken);
        // Done, unless the list changed while it was pushed (then its DueAt is no longer the lease, and it goes again).
        await db.ListPushes.Where(p => p.Id == pushId && p.DueAt == lease)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.DueAt, retryAt), cancellationToken);
        await auditLog.WriteAsync(AuditActor.System, failed ? AuditActions.ListPushFailed : AuditActions.ListPushed,
            "list " + list.Name, $"to @{push.AccountHandle} on {push.Network}: {outcome}");
    }

    /// <summary>Makes the network's list hold exactly the PressDeck list's members on that network. Returns what it did.</summary>
    private async Task<string> SyncAsync(AppDbContext db, ListPush push, AccountList list, CancellationToken cancellationToken)
    {
        if (networks.For(push.Network) is not { } network)
        {
            throw new NetworkListException($"PressDeck cannot write {push.Network} lists.");
        }

        var (account, problem) = await accounts.ResolveAsync(db, push.Network, push.ConnectedAccountId, cancellationToken);
        if (account is null)
        {
            throw new NetworkListException(problem ?? "The account cannot be used.");
        }

        var created = false;
        if (push.RemoteListId is null)
        {
            var remote = await network.CreateListAsync(account, NameFor(push.Network, list.Name), DescriptionFor(list), push.IsPrivate, cancellationToken);
            push.RemoteListId = remote.Id;
            push.RemoteUrl = remote.Url?.ToString();
            // Saved at once, so a failure further on never creates the list a second time.
            await db.SaveChangesAsync(cancellationToken);
            created = true;
        }

        var wanted = await db.ListMembers.AsNoTracking().Where(m => m.ListId == list.Id && m.Network == push.Network)
            .Select(m => m.Handle).ToListAsync(cancellationToken);
        var there = await network.GetMembersAsync(account, push.RemoteListId, ListTransferService.MaxMembers * 2, cancellationToken);
        var thereByHandle = there.GroupBy(m => m.Handle.ToLowerInvariant(), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var wantedSet = wanted.ToHashSet(StringComparer.Ordinal);
        var added = 0;
        var notFound = new List<string>();
        foreach (var handle in wanted.Where(h => !thereByHandle.ContainsKey(h)))
        {
            if (await network.ResolveAsync(account, handle, cancellationToken) is { } member)
            {
                await network.AddMemberAsync(account, push.RemoteListId, member, cancellationToken);
                added++;
            }
            else
            {
                notFound.Add(handle);
            }
        }

        var removed = 0;
        foreach (var (_, member) in thereByHandle.Where(m => !wantedSet.Contains(m.Key)))
        {
            await network.RemoveMemberAsync(account, push.RemoteListId, member, cancellationToken);
            removed++;
        }

        var said = $"{(created ? "Created the list. " : "")}Added {added}, removed {removed}; {wanted.Count - notFound.Count} on the list there.";
        return notFound.Count == 0
            ? said
            : $"{said} Not found on {push.Network}: {string.Join(", ", notFound.Take(20).Select(h => "@" + h))}{(notFound.Count > 20 ? $" and {notFound.Count - 20} more" : "")}.";
    }

    /// <summary>The list's name within the network's limit (Bluesky 64 characters, X 25).</summary>
    private static string NameFor(Network network, string name)
    {
        var max = network switch
        {
            Network.X => 25,
            Network.Bluesky => 64,
            _ => 100,
        };
        return name.Length <= max ? name : name[..(max - 1)] + "…";
    }

    private static string DescriptionFor(AccountList list)
    {
        var description = string.IsNullOrWhiteSpace(list.Description) ? $"{list.Name}, kept by the press office." : list.Description.Trim();
        return description.Length <= 100 ? description : description[..99] + "…";
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pushing lists failed; trying again shortly")]
    private partial void LogFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pushing the list {List} to {Network} failed: {Reason}")]
    private partial void LogPushFailed(string list, Network network, string reason);
}

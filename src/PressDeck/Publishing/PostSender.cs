using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PressDeck.Audit;
using PressDeck.Core.Publishing;
using PressDeck.Data;
using PressDeck.Data.Publishing;

namespace PressDeck.Publishing;

/// <summary>
/// Sends the posts that are due, exactly once. For each account a post goes to, the intent (state
/// <see cref="TargetState.Sending"/>, a lease and the request key) is committed before the network is called, and the
/// outcome after. A sender that crashes in between leaves a lease that runs out; whoever finds it asks the network
/// whether the post is there (<see cref="IPostPublisher.FindPublishedAsync"/>) before anything is sent again, and sends
/// again only where the network deduplicates by our key. Claims are conditional updates (<c>WHERE State = 'Queued'</c>),
/// so two senders (two nodes, or a restart overlapping) never both claim one post.
/// </summary>
public sealed partial class PostSender(
    IServiceScopeFactory scopeFactory,
    PublisherDirectory publishers,
    PublishingAccounts accounts,
    OutgoingPostBuilder builder,
    PublishingEvents events,
    ApprovalNotifier notifier,
    PressDeck.Inbox.InboxAnswers inboxAnswers,
    PressDeck.Rebuttals.RebuttalTracker rebuttals,
    AuditLog auditLog,
    IOptions<PublishingOptions> options,
    TimeProvider timeProvider,
    ILogger<PostSender> logger)
{
    private readonly string _senderId = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Resolves abandoned sends, then sends every post that is due. Returns how many attempts were made.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var attempts = 0;
        while (await ClaimAbandonedAsync(cancellationToken) is { } abandoned)
        {
            await ResolveUnknownOutcomeAsync(abandoned, "PressDeck stopped while this post was being sent", cancellationToken);
            attempts++;
        }

        while (await ClaimNextAsync(cancellationToken) is { } claimed)
        {
            await SendAsync(claimed, cancellationToken);
            attempts++;
        }

        return attempts;
    }

    /// <summary>The earliest instant at which something will be due, so the worker can sleep until then.</summary>
    public async Task<DateTime?> NextDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var queued = await db.DraftTargets.Where(t => t.State == TargetState.Queued)
            .Select(t => t.NextAttemptAt != null && t.NextAttemptAt > t.DueAt ? t.NextAttemptAt : t.DueAt)
            .OrderBy(due => due).FirstOrDefaultAsync(cancellationToken);
        var lease = await db.DraftTargets.Where(t => t.State == TargetState.Sending).Select(t => t.LeaseUntil).OrderBy(l => l).FirstOrDefaultAsync(cancellationToken);
        return (queued, lease) switch
        {
            (null, null) => null,
            (null, { } l) => l,
            ({ } q, null) => q,
            ({ } q, { } l) => q < l ? q : l,
        };
    }

    private async Task<int?> ClaimAbandonedAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = Now;
        var candidates = await db.DraftTargets.Where(t => t.State == TargetState.Sending && t.LeaseUntil < now)
            .OrderBy(t => t.LeaseUntil).Select(t => t.Id).Take(20).ToListAsync(cancellationToken);
        foreach (var id in candidates)
        {
            var claimed = await db.DraftTargets.Where(t => t.Id == id && t.State == TargetState.Sending && t.LeaseUntil < now)
                .ExecuteUpdateAsync(set => set.SetProperty(t => t.ClaimedBy, _senderId).SetProperty(t => t.LeaseUntil, now + options.Value.Lease), cancellationToken);
            if (claimed == 1)
            {
                return id;
            }
        }

        return null;
    }

    private async Task<int?> ClaimNextAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = Now;
        var candidates = await db.DraftTargets
            .Where(t => t.State == TargetState.Queued && t.DueAt <= now && (t.NextAttemptAt == null || t.NextAttemptAt <= now))
            // A post in a thread waits until the post before it is out on the same account: it replies to it.
            .Where(t => t.Draft!.ThreadParentId == null || db.DraftTargets.Any(parent =>
                parent.DraftId == t.Draft.ThreadParentId && parent.Network == t.Network && parent.ConnectedAccountId == t.ConnectedAccountId
                && parent.State == TargetState.Published))
            .OrderBy(t => t.DueAt).ThenBy(t => t.Id)
            .Select(t => new { t.Id, t.DueAt, t.Attempts, t.DraftId })
            .Take(20).ToListAsync(cancellationToken);
        foreach (var candidate in candidates)
        {
            var lateBy = now - candidate.DueAt!.Value;
            if (candidate.Attempts == 0 && lateBy > options.Value.LateAfter && options.Value.WhenLate == LatePostPolicy.Hold)
            {
                var reason = $"Its time, {OfficeTime.Format(candidate.DueAt.Value)}, passed while PressDeck was not running. "
                    + "The office holds such posts for a person: send it now or withdraw it.";
                var held = await db.DraftTargets.Where(t => t.Id == candidate.Id && t.State == TargetState.Queued)
                    .ExecuteUpdateAsync(set => set.SetProperty(t => t.State, TargetState.Held).SetProperty(t => t.LastError, reason), cancellationToken);
                if (held == 1)
                {
                    LogHeld(logger, candidate.Id, lateBy);
                    await RecordOutcomeAsync(candidate.Id, AuditActions.PostHeld, reason, cancellationToken);
                }

                continue;
            }

            var claimed = await db.DraftTargets.Where(t => t.Id == candidate.Id && t.State == TargetState.Queued)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(t => t.State, TargetState.Sending)
                    .SetProperty(t => t.ClaimedBy, _senderId)
                    .SetProperty(t => t.LeaseUntil, now + options.Value.Lease)
                    .SetProperty(t => t.Attempts, t => t.Attempts + 1)
                    .SetProperty(t => t.LastAttemptAt, now)
                    .SetProperty(t => t.FirstSentAt, t => t.FirstSentAt ?? now), cancellationToken);
            if (claimed == 1)
            {
                return candidate.Id;
            }
        }

        return null;
    }

    private async Task SendAsync(int targetId, CancellationToken cancellationToken)
    {
        var prepared = await PrepareAsync(targetId, cancellationToken);
        if (prepared is null)
        {
            return;
        }

        var (publisher, account, post, network) = prepared.Value;
        PublishedPost published;
        using var renewal = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewing = RenewLeaseAsync(targetId, renewal.Token);
        try
        {
            published = await publisher.PublishAsync(account, post, cancellationToken);
        }
        catch (PublishException exception) when (exception.Kind == PublishFailureKind.OutcomeUnknown)
        {
            await ResolveUnknownOutcomeAsync(targetId, exception.Message, cancellationToken);
            return;
        }
        catch (PublishException exception)
        {
            await FailOrRetryAsync(targetId, exception, cancellationToken);
            return;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down mid-send: the lease runs out and the next sender looks for the post before sending again.
            throw;
        }
#pragma warning disable CA1031 // Anything else may have happened after the network got the post: treat it as an unknown outcome.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogUnexpected(logger, exception, targetId, network.ToString());
            await ResolveUnknownOutcomeAsync(targetId, $"Sending to {network} went wrong unexpectedly ({exception.GetType().Name}: {exception.Message}).", cancellationToken);
            return;
        }
        finally
        {
            await renewal.CancelAsync();
            await renewing;
        }

        await MarkPublishedAsync(targetId, published, cancellationToken);
    }

    private async Task<(IPostPublisher Publisher, PublishingAccount Account, OutgoingPost Post, Core.Posts.Network Network)?> PrepareAsync(int targetId, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var target = await db.DraftTargets.AsNoTracking().FirstAsync(t => t.Id == targetId, cancellationToken);
        var publisher = publishers.For(target.Network);
        if (publisher is null)
        {
            await FailAsync(targetId, $"PressDeck cannot publish to {target.Network}.", cancellationToken);
            return null;
        }

        var (account, problem) = await accounts.ResolveAsync(db, target.Network, target.ConnectedAccountId, cancellationToken);
        if (account is null)
        {
            await FailAsync(targetId, problem!, cancellationToken);
            return null;
        }

        var (post, error) = await builder.BuildAsync(db, target, cancellationToken);
        if (post is null)
        {
            await FailAsync(targetId, error!, cancellationToken);
            return null;
        }

        return (publisher, account, post, target.Network);
    }

    /// <summary>
    /// Keeps the claim alive while a slow send (large images, a slow network) is in progress, so that only a sender that
    /// has really stopped loses its post to another; renews at a third of the lease.
    /// </summary>
    private async Task RenewLeaseAsync(int targetId, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(options.Value.Lease / 3, timeProvider, cancellationToken);
                await using var scope = scopeFactory.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var leaseUntil = Now + options.Value.Lease;
                await db.DraftTargets.Where(t => t.Id == targetId && t.State == TargetState.Sending && t.ClaimedBy == _senderId)
                    .ExecuteUpdateAsync(set => set.SetProperty(t => t.LeaseUntil, leaseUntil), CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The send ended.
        }
    }

    /// <summary>
    /// The network may or may not have the post: ask it. Found → published. Not there → send again with the same key
    /// where the network deduplicates; otherwise (X) hold it for a person, never guess.
    /// </summary>
    private async Task ResolveUnknownOutcomeAsync(int targetId, string reason, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var target = await db.DraftTargets.AsNoTracking().FirstAsync(t => t.Id == targetId, cancellationToken);
        var publisher = publishers.For(target.Network);
        var (account, _) = await accounts.ResolveAsync(db, target.Network, target.ConnectedAccountId, cancellationToken);
        var (post, _) = await builder.BuildAsync(db, target, cancellationToken);
        PublishedPost? found = null;
        string? lookupProblem = null;
        if (publisher is not null && account is not null && post is not null)
        {
            try
            {
                found = await publisher.FindPublishedAsync(account, post, cancellationToken);
            }
            catch (PublishException exception) when (exception.Kind == PublishFailureKind.Transient && Now - (target.FirstSentAt ?? Now) < LookupWindow)
            {
                // Too soon to tell (the network's timeline lags) or the lookup failed for now: keep the claim and look
                // again when it runs out, never send blindly.
                var again = exception.RetryAfter ?? TimeSpan.FromSeconds(30);
                LogLookAgain(logger, targetId, again, exception.Message);
                await db.DraftTargets.Where(t => t.Id == targetId && t.State == TargetState.Sending && t.ClaimedBy == _senderId)
                    .ExecuteUpdateAsync(set => set.SetProperty(t => t.LeaseUntil, Now + again).SetProperty(t => t.LastError, reason), cancellationToken);
                events.NotifyDraftChanged(target.DraftId);
                return;
            }
            catch (PublishException exception)
            {
                lookupProblem = exception.Message;
            }
        }
        else
        {
            lookupProblem = "the account or the post can no longer be read";
        }

        if (found is not null)
        {
            LogFoundAfterUnknown(logger, targetId, found.RemoteId);
            await MarkPublishedAsync(targetId, found, cancellationToken);
            return;
        }

        if (PublisherDirectory.ResendIsSafe(target.Network))
        {
            await FailOrRetryAsync(targetId, new PublishException(PublishFailureKind.Transient, reason + " It will be sent again with the same key, which the network uses to keep one copy."), cancellationToken);
            return;
        }

        var message = lookupProblem is null
            ? $"{reason} {target.Network} did not show the post among the account's recent posts, and it has no way to send it again safely. "
              + "Check the account: if the post is there, mark it as published; if not, send it again."
            : $"{reason} PressDeck could not ask {target.Network} whether the post went out ({lookupProblem}). Check the account before sending it again.";
        var updated = await db.DraftTargets.Where(t => t.Id == targetId && t.State == TargetState.Sending && t.ClaimedBy == _senderId)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.State, TargetState.OutcomeUnknown).SetProperty(t => t.LastError, message).SetProperty(t => t.LeaseUntil, (DateTime?)null), cancellationToken);
        if (updated == 1)
        {
            await RecordOutcomeAsync(targetId, AuditActions.PostOutcomeUnknown, message, cancellationToken);
        }
    }

    private async Task FailOrRetryAsync(int targetId, PublishException exception, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var target = await db.DraftTargets.AsNoTracking().FirstAsync(t => t.Id == targetId, cancellationToken);
        if (exception.Kind == PublishFailureKind.Refused || target.Attempts >= options.Value.MaxAttempts)
        {
            var message = exception.Kind == PublishFailureKind.Refused
                ? exception.Message
                : $"{exception.Message} PressDeck gave up after {target.Attempts} attempts.";
            await FailAsync(targetId, message, cancellationToken);
            return;
        }

        // Mastodon keeps an Idempotency-Key for an hour: after that a resend could post twice, so a person decides.
        if (target.Network == Core.Posts.Network.Mastodon && target.FirstSentAt is { } first && Now - first > MastodonKeyWindow)
        {
            await FailAsync(targetId, $"{exception.Message} Mastodon only recognises a repeated request for an hour, and that hour has passed: check the account before sending it again.", cancellationToken);
            return;
        }

        var wait = Backoff(target.Attempts);
        if (exception.RetryAfter is { } asked && asked > wait)
        {
            wait = asked;
        }

        LogRetry(logger, targetId, target.Attempts, wait, exception.Message);
        await db.DraftTargets.Where(t => t.Id == targetId && t.State == TargetState.Sending && t.ClaimedBy == _senderId)
            .ExecuteUpdateAsync(set => set
                .SetProperty(t => t.State, TargetState.Queued)
                .SetProperty(t => t.NextAttemptAt, Now + wait)
                .SetProperty(t => t.LastError, exception.Message)
                .SetProperty(t => t.LeaseUntil, (DateTime?)null), cancellationToken);
        events.NotifyDraftChanged(target.DraftId);
    }

    private async Task FailAsync(int targetId, string message, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var updated = await db.DraftTargets.Where(t => t.Id == targetId && t.State == TargetState.Sending && t.ClaimedBy == _senderId)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.State, TargetState.Failed).SetProperty(t => t.LastError, message).SetProperty(t => t.LeaseUntil, (DateTime?)null), cancellationToken);
        if (updated == 1)
        {
            LogFailed(logger, targetId, message);
            await RecordOutcomeAsync(targetId, AuditActions.PostFailed, message, cancellationToken);
        }
    }

    private async Task MarkPublishedAsync(int targetId, PublishedPost published, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var updated = await db.DraftTargets.Where(t => t.Id == targetId && t.State == TargetState.Sending && t.ClaimedBy == _senderId)
            .ExecuteUpdateAsync(set => set
                .SetProperty(t => t.State, TargetState.Published)
                .SetProperty(t => t.RemoteId, published.RemoteId)
                .SetProperty(t => t.Url, published.Url)
                .SetProperty(t => t.PublishedAt, published.PublishedAt)
                .SetProperty(t => t.LastError, (string?)null)
                .SetProperty(t => t.LeaseUntil, (DateTime?)null), cancellationToken);
        if (updated == 1)
        {
            LogPublished(logger, targetId, published.RemoteId);
            await RecordOutcomeAsync(targetId, AuditActions.PostPublished, published.Url ?? published.RemoteId, cancellationToken);
        }
        else
        {
            // The lease ran out and another sender took the post over while this one was still waiting for the network.
            // It will find the post (the key is the same) rather than send it again.
            LogLostLease(logger, targetId, published.RemoteId);
        }
    }

    /// <summary>Brings the draft's own state in line with its targets', audits what happened and tells open pages.</summary>
    private async Task RecordOutcomeAsync(int targetId, string action, string details, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var target = await db.DraftTargets.AsNoTracking().FirstAsync(t => t.Id == targetId, cancellationToken);
        await DraftStates.SettleAsync(db, target.DraftId, cancellationToken);
        await auditLog.WriteAsync(AuditActor.System, action, $"post {target.DraftId} to {target.Network} @{target.AccountHandle}", details);
        if (action == AuditActions.PostPublished)
        {
            await inboxAnswers.DraftPublishedAsync(target.DraftId, cancellationToken);
            await rebuttals.DraftPublishedAsync(target.DraftId, cancellationToken);
        }

        events.NotifyDraftChanged(target.DraftId);
        if (action is AuditActions.PostFailed or AuditActions.PostHeld or AuditActions.PostOutcomeUnknown)
        {
            await notifier.TellAboutProblemAsync(targetId, details, cancellationToken);
        }
    }

    /// <summary>5 s, 20 s, 80 s … capped at 30 minutes, with up to 20 % jitter so retries from many posts spread out.</summary>
    internal static TimeSpan Backoff(int attempts)
    {
        var seconds = Math.Min(5 * Math.Pow(4, Math.Max(0, attempts - 1)), 1800);
        return TimeSpan.FromSeconds(seconds * (1 + (Random.Shared.NextDouble() * 0.2)));
    }

    private DateTime Now => timeProvider.GetUtcNow().UtcDateTime;

    /// <summary>How long after the first attempt PressDeck keeps looking for a post whose outcome is unknown before a person decides.</summary>
    private static readonly TimeSpan LookupWindow = TimeSpan.FromMinutes(15);

    /// <summary>How long after the first attempt a Mastodon resend is still deduplicated by its key (Mastodon keeps keys an hour).</summary>
    private static readonly TimeSpan MastodonKeyWindow = TimeSpan.FromMinutes(50);

    [LoggerMessage(Level = LogLevel.Information, Message = "Post target {TargetId}: the network cannot say yet whether it has the post; looking again in {Wait} ({Reason})")]
    private static partial void LogLookAgain(ILogger logger, int targetId, TimeSpan wait, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Post target {TargetId} published as {RemoteId}")]
    private static partial void LogPublished(ILogger logger, int targetId, string remoteId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Post target {TargetId} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, int targetId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Post target {TargetId} will be tried again (attempt {Attempts}) in {Wait}: {Reason}")]
    private static partial void LogRetry(ILogger logger, int targetId, int attempts, TimeSpan wait, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Post target {TargetId} is held: it was {LateBy} late")]
    private static partial void LogHeld(ILogger logger, int targetId, TimeSpan lateBy);

    [LoggerMessage(Level = LogLevel.Information, Message = "Post target {TargetId} was found on the network as {RemoteId} after an unknown outcome")]
    private static partial void LogFoundAfterUnknown(ILogger logger, int targetId, string remoteId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Post target {TargetId} was published as {RemoteId} after its lease ran out; another sender resolves it")]
    private static partial void LogLostLease(ILogger logger, int targetId, string remoteId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sending post target {TargetId} to {Network} failed unexpectedly")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, int targetId, string network);
}

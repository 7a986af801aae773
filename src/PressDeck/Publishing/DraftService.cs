using Microsoft.EntityFrameworkCore;
using PressDeck.Audit;
using PressDeck.Connectors.Media;
using PressDeck.Core.Posts;
using PressDeck.Data;
using PressDeck.Data.Archive;
using PressDeck.Data.Publishing;
using PressDeck.Monitoring.Live;
using PressDeck.Team;

namespace PressDeck.Publishing;

/// <summary>
/// A post's way from the composer to the networks: saving drafts, submitting, the approval steps, sending back,
/// withdrawing, and what people do with a post that could not go out. Every action checks the person's permission and
/// is audited; the sending itself is the <see cref="PostSender"/>'s.
/// </summary>
public sealed partial class DraftService(
    AppDbContext db,
    PermissionGate gate,
    ApprovalPlanner planner,
    PublishingAccounts publishingAccounts,
    PublisherDirectory publishers,
    PublishingEvents events,
    PublishingSignal signal,
    ImagePreparer imagePreparer,
    ApprovalNotifier notifier,
    AccountLimits accountLimits,
    IPostArchive archive,
    LiveFeed liveFeed,
    AuditLog auditLog,
    TimeProvider timeProvider)
{
    /// <summary>Images are kept at this size on upload (no network takes more); each network's own size is made when sending.</summary>
    public static readonly ImageLimits StoredImageLimits = new(8 * 1024 * 1024, 4096);

    /// <summary>The accounts the signed-in person may post from: those whose posting roles include theirs (trainees: the demo network only).</summary>
    public async Task<IReadOnlyList<AccountChoice>> PostingAccountsAsync(CancellationToken cancellationToken)
    {
        var person = await gate.DemandAsync(Permissions.DraftPosts, "posting accounts");
        var choices = new List<AccountChoice>();
        var demo = publishingAccounts.DemoOffice;
        choices.Add(new AccountChoice(Network.Demo, null, demo.Handle, "Demo network (training sandbox)"));
        if (person.SandboxOnly)
        {
            return choices;
        }

        var accounts = await db.ConnectedAccounts.AsNoTracking().OrderBy(a => a.Network).ThenBy(a => a.Handle).ToListAsync(cancellationToken);
        choices.AddRange(accounts
            .Where(a => publishers.CanPublishTo(a.Network) && PostingRoles.Allows(a.PostingRoles, person.Role))
            .Select(a => new AccountChoice(a.Network, a.Id, a.Handle, a.DisplayName)));
        return choices;
    }

    public async Task<PostDraft?> GetAsync(int draftId, CancellationToken cancellationToken)
    {
        var person = await gate.DemandAsync(Permissions.DraftPosts, $"post {draftId}");
        var draft = await db.Drafts.AsNoTracking().AsSplitQuery()
            .Include(d => d.Targets).Include(d => d.Reviews).Include(d => d.Images)
            .FirstOrDefaultAsync(d => d.Id == draftId, cancellationToken);
        // A post of a visit plan is the team's: whoever handles it on the day sees what a colleague prepared.
        return draft is not null && (CanSee(person, draft) || await db.VisitPlanItems.AnyAsync(i => i.DraftId == draftId, cancellationToken)) ? draft : null;
    }

    /// <summary>The person's own drafts that are not finished, newest first.</summary>
    public async Task<IReadOnlyList<PostDraft>> MyDraftsAsync(CancellationToken cancellationToken)
    {
        var person = await gate.DemandAsync(Permissions.DraftPosts, "own drafts");
        return await db.Drafts.AsNoTracking().AsSplitQuery().Include(d => d.Targets).Include(d => d.Reviews)
            .Where(d => d.AuthorUserId == person.Id && d.ThreadParentId == null && d.State != DraftState.Published && d.State != DraftState.Withdrawn)
            .OrderByDescending(d => d.UpdatedAt).Take(100).ToListAsync(cancellationToken);
    }

    /// <summary>Creates a draft (the composer saves from the first keystroke) and returns its id.</summary>
    public async Task<int> CreateAsync(DraftContent content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var person = await gate.DemandAsync(Permissions.DraftPosts, "new post");
        var now = Now;
        var draft = new PostDraft
        {
            AuthorUserId = person.Id,
            AuthorName = person.Name,
            State = DraftState.Editing,
            CreatedAt = now,
            UpdatedAt = now,
        };
        Apply(draft, content);
        db.Drafts.Add(draft);
        await SetTargetsAsync(draft, content.Accounts, person, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return draft.Id;
    }

    /// <summary>Saves the composer's content; only the author, and only while it is being written or was sent back.</summary>
    public async Task SaveAsync(int draftId, DraftContent content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var draft = await LoadAsync(draftId, cancellationToken);
        var person = await gate.DemandOwnAsync(draft.AuthorUserId, Permissions.DraftPosts, $"post {draftId}");
        EnsureEditable(draft);
        Apply(draft, content);
        draft.UpdatedAt = Now;
        await SetTargetsAsync(draft, content.Accounts, person, cancellationToken);
        await SyncThreadAsync(draft, person, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Submits a draft: it is checked (text, images' alt text, accounts, time, propriety confirmations), then either waits
    /// for the approval steps the accounts' policies and any election period require, or is queued to go out.
    /// Returns the problems that stop it, in words; empty when it was submitted.
    /// </summary>
    public async Task<IReadOnlyList<string>> SubmitAsync(int draftId, CancellationToken cancellationToken)
    {
        var draft = await LoadAsync(draftId, cancellationToken);
        var person = await gate.DemandOwnAsync(draft.AuthorUserId, Permissions.DraftPosts, $"post {draftId}");
        if (draft.State is not (DraftState.Editing or DraftState.SentBack))
        {
            return ["This post has already been submitted."];
        }

        if (draft.ThreadParentId is not null)
        {
            return ["Submit the thread from its first post."];
        }

        var parts = await SyncThreadAsync(draft, person, cancellationToken);
        var plan = await planner.PlanAsync(draft, cancellationToken);
        var limits = await LimitsAsync(draft, cancellationToken);
        var problems = DraftChecks.Problems(draft, plan, Now, limits: limits).Concat(ThreadProblems(parts, plan, Now, limits)).ToList();
        if (problems.Count > 0)
        {
            return problems;
        }

        var now = Now;
        draft.SubmittedAt = now;
        draft.UpdatedAt = now;
        draft.ApprovalStep = 0;
        draft.EscalationLevel = 0;
        draft.Reviews.Add(new DraftReview { UserId = person.Id, UserName = person.Name, Decision = ReviewDecision.Submitted, At = now, Step = 0 });
        if (await Visits.VisitPlanService.AdvanceApprovalAsync(db, draft, cancellationToken) is { } advance)
        {
            // Approved with the visit plan, exactly as written: the plan's approver is this post's approver.
            draft.Reviews.Add(new DraftReview { UserId = advance.UserId, UserName = advance.Name, Decision = ReviewDecision.Approved, At = now, Step = 0, Comment = $"Approved in advance with the visit plan \"{advance.PlanTitle}\"" });
            draft.NeedsReviewAfter = false;
            Approve(draft, now);
        }
        else if (plan.Steps.Count == 0 || plan.GoesFirst)
        {
            draft.NeedsReviewAfter = plan.GoesFirst && plan.Steps.Count > 0;
            Approve(draft, now);
        }
        else
        {
            draft.State = DraftState.AwaitingApproval;
        }

        Follow(draft, parts, now);
        await db.SaveChangesAsync(cancellationToken);
        signal.Wake();
        await auditLog.WriteAsync(person.Actor, AuditActions.PostSubmitted, Describe(draft), plan.Summary + (parts.Count > 0 ? $"; a thread of {parts.Count + 1} posts" : ""));
        Changed(draft);
        if (draft.State == DraftState.AwaitingApproval)
        {
            await notifier.TellApproversAsync(draft.Id, $"{person.Name} submitted a post for approval.", cancellationToken);
        }

        return [];
    }

    /// <summary>Posts due to go out between two instants (approved, or still awaiting approval), earliest first.</summary>
    public async Task<IReadOnlyList<PostDraft>> CalendarAsync(DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken)
    {
        var person = await gate.DemandAsync(Permissions.DraftPosts, "calendar");
        var drafts = await db.Drafts.AsNoTracking().Include(d => d.Targets)
            .Where(d => d.ScheduledFor >= fromUtc && d.ScheduledFor < toUtc && d.ThreadParentId == null
                && (d.State == DraftState.Approved || d.State == DraftState.AwaitingApproval || d.State == DraftState.NeedsAttention || d.State == DraftState.Published))
            .OrderBy(d => d.ScheduledFor).ToListAsync(cancellationToken);
        return drafts.Where(d => !person.SandboxOnly || d.Targets.All(t => t.Network == Network.Demo)).ToList();
    }

    /// <summary>What went out or tried to, most recent first: published posts, and those waiting for a person's decision.</summary>
    public async Task<IReadOnlyList<PostDraft>> RecentAsync(int count, CancellationToken cancellationToken)
    {
        var person = await gate.DemandAsync(Permissions.DraftPosts, "recent posts");
        var drafts = await db.Drafts.AsNoTracking().Include(d => d.Targets)
            .Where(d => d.State == DraftState.Published || d.State == DraftState.NeedsAttention || d.State == DraftState.Approved)
            .OrderByDescending(d => d.ApprovedAt).Take(count).ToListAsync(cancellationToken);
        return drafts.Where(d => !person.SandboxOnly || d.Targets.All(t => t.Network == Network.Demo)).ToList();
    }

    /// <summary>The drafts waiting at a step the signed-in person may approve (never their own), oldest due first.</summary>
    public async Task<IReadOnlyList<PostDraft>> ApprovalQueueAsync(CancellationToken cancellationToken)
    {
        var person = await gate.DemandAsync(Permissions.ApprovePosts, "approval queue");
        var waiting = await db.Drafts.AsNoTracking().AsSplitQuery().Include(d => d.Targets).Include(d => d.Reviews).Include(d => d.Images)
            .Where(d => (d.State == DraftState.AwaitingApproval || d.NeedsReviewAfter) && d.AuthorUserId != person.Id && d.ThreadParentId == null)
            .ToListAsync(cancellationToken);
        var mine = new List<PostDraft>();
        foreach (var draft in waiting)
        {
            if (draft.NeedsReviewAfter || await planner.MayApproveAsync(draft, person.Id, cancellationToken))
            {
                mine.Add(draft);
            }
        }

        return mine.OrderBy(d => d.ScheduledFor ?? d.SubmittedAt).ToList();
    }

    /// <summary>
    /// Approves the step the draft waits at, optionally with the approver's edit of the text. The author can never
    /// approve their own post. When the last step is done the post is queued for its time.
    /// </summary>
    public async Task ApproveAsync(int draftId, string comment, string? editedText, CancellationToken cancellationToken)
    {
        var person = await gate.DemandAsync(Permissions.ApprovePosts, $"post {draftId}");
        var draft = await LoadAsync(draftId, cancellationToken);
        if (draft.AuthorUserId == person.Id)
        {
            throw new DraftException("Nobody approves their own post: another approver must look at it.");
        }

        var now = Now;
        if (draft.NeedsReviewAfter && draft.State != DraftState.AwaitingApproval)
        {
            draft.NeedsReviewAfter = false;
            draft.Reviews.Add(new DraftReview { UserId = person.Id, UserName = person.Name, Decision = ReviewDecision.ReviewedAfter, Comment = comment.Trim(), At = now, Step = draft.ApprovalStep });
            await db.SaveChangesAsync(cancellationToken);
            await auditLog.WriteAsync(person.Actor, AuditActions.PostApproved, Describe(draft), "reviewed after it went out" + Quoted(comment));
            Changed(draft);
            return;
        }

        if (draft.State != DraftState.AwaitingApproval)
        {
            throw new DraftException("This post is not waiting for approval any more.");
        }

        if (!await planner.MayApproveAsync(draft, person.Id, cancellationToken))
        {
            throw new DraftException("This step needs an approver from another group, or you have already approved it.");
        }

        if (editedText is not null && editedText != draft.Text)
        {
            var before = draft.Text;
            draft.Text = editedText;
            draft.Reviews.Add(new DraftReview { UserId = person.Id, UserName = person.Name, Decision = ReviewDecision.Edited, Comment = "Was: " + before, At = now, Step = draft.ApprovalStep });
            var plan = await planner.PlanAsync(draft, cancellationToken);
            var problems = DraftChecks.Problems(draft, plan, now, checkTime: false, limits: await LimitsAsync(draft, cancellationToken)).ToList();
            if (problems.Count > 0)
            {
                throw new DraftException(string.Join(" ", problems));
            }

            await auditLog.WriteAsync(person.Actor, AuditActions.PostEdited, Describe(draft), $"text changed from \"{before}\" to \"{editedText}\"");
        }

        var approvedStep = draft.ApprovalStep;
        draft.Reviews.Add(new DraftReview { UserId = person.Id, UserName = person.Name, Decision = ReviewDecision.Approved, Comment = comment.Trim(), At = now, Step = draft.ApprovalStep });
        var complete = await planner.IsStepCompleteAsync(draft, cancellationToken);
        var stepCount = (await planner.PlanAsync(draft, cancellationToken)).Steps.Count;
        if (complete && draft.ApprovalStep + 1 >= stepCount)
        {
            Approve(draft, now);
        }
        else if (complete)
        {
            draft.ApprovalStep++;
            draft.EscalationLevel = 0;
        }

        draft.UpdatedAt = now;
        Follow(draft, await FollowingAsync(draft.Id, tracked: true, cancellationToken), now);
        await db.SaveChangesAsync(cancellationToken);
        signal.Wake();
        await auditLog.WriteAsync(person.Actor, AuditActions.PostApproved, Describe(draft), $"step {approvedStep + 1} of {Math.Max(stepCount, 1)}" + Quoted(comment));
        Changed(draft);
        if (draft.State == DraftState.AwaitingApproval && complete)
        {
            await notifier.TellApproversAsync(draft.Id, $"{person.Name} approved step {draft.ApprovalStep} of a post; the next step is yours.", cancellationToken);
        }

    }

    /// <summary>Sends a draft back to its author with a comment saying what to change.</summary>
    public async Task SendBackAsync(int draftId, string comment, CancellationToken cancellationToken)
    {
        var person = await gate.DemandAsync(Permissions.ApprovePosts, $"post {draftId}");
        if (string.IsNullOrWhiteSpace(comment))
        {
            throw new DraftException("Say what should change, so the author knows what to do.");
        }

        var draft = await LoadAsync(draftId, cancellationToken);
        if (draft.State != DraftState.AwaitingApproval)
        {
            throw new DraftException("This post is not waiting for approval any more.");
        }

        if (draft.AuthorUserId == person.Id)
        {
            throw new DraftException("Withdraw your own post instead of sending it back.");
        }

        if (!await planner.MayApproveAsync(draft, person.Id, cancellationToken) && !ApprovedAtThisStepBy(draft, person.Id))
        {
            throw new DraftException("This step is for another group of approvers; only they can send it back.");
        }

        var now = Now;
        draft.State = DraftState.SentBack;
        draft.UpdatedAt = now;
        draft.Reviews.Add(new DraftReview { UserId = person.Id, UserName = person.Name, Decision = ReviewDecision.SentBack, Comment = comment.Trim(), At = now, Step = draft.ApprovalStep });
        Follow(draft, await FollowingAsync(draft.Id, tracked: true, cancellationToken), now);
        await db.SaveChangesAsync(cancellationToken);
        await auditLog.WriteAsync(person.Actor, AuditActions.PostSentBack, Describe(draft), comment.Trim());
        Changed(draft);
    }

    /// <summary>Withdraws a post that has not gone out: the author, or an approver.</summary>
    public async Task WithdrawAsync(int draftId, CancellationToken cancellationToken)
    {
        var draft = await LoadAsync(draftId, cancellationToken);
        var person = await gate.DemandAsync(Permissions.DraftPosts, $"post {draftId}");
        if (draft.AuthorUserId != person.Id && !Permissions.Allows(person.Role, Permissions.ApprovePosts))
        {
            throw new DraftException("Only the author or an approver can withdraw this post.");
        }

        var cancelled = await db.DraftTargets
            .Where(t => t.DraftId == draftId && (t.State == TargetState.Waiting || t.State == TargetState.Queued || t.State == TargetState.Held || t.State == TargetState.Failed || t.State == TargetState.OutcomeUnknown))
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.State, TargetState.Cancelled), cancellationToken);
        await db.Entry(draft).ReloadAsync(cancellationToken);
        await db.Entry(draft).Collection(d => d.Targets).LoadAsync(cancellationToken);
        if (draft.Targets.Any(t => t.State == TargetState.Sending))
        {
            throw new DraftException("This post is being sent right now; it can be deleted once it is out.");
        }

        var now = Now;
        draft.State = draft.Targets.Any(t => t.State == TargetState.Published) ? DraftState.Published : DraftState.Withdrawn;
        draft.UpdatedAt = now;
        draft.Reviews.Add(new DraftReview { UserId = person.Id, UserName = person.Name, Decision = ReviewDecision.Withdrawn, At = now, Step = draft.ApprovalStep });
        Follow(draft, await FollowingAsync(draft.Id, tracked: true, cancellationToken), now, withdrawn: true);
        await db.SaveChangesAsync(cancellationToken);
        await auditLog.WriteAsync(person.Actor, AuditActions.PostWithdrawn, Describe(draft), $"{cancelled} account(s) will not get it");
        Changed(draft);
    }

    /// <summary>
    /// Adds an image from a phone or laptop: turned upright, resized, stripped of EXIF and GPS data, and kept with the
    /// draft. Returns why it was refused (not an image, too large, unreadable), or null when it was added.
    /// </summary>
    public async Task<string?> AddImageAsync(int draftId, Stream upload, string fileName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upload);
        var draft = await LoadAsync(draftId, cancellationToken);
        await gate.DemandOwnAsync(draft.AuthorUserId, Permissions.DraftPosts, $"post {draftId}");
        EnsureEditable(draft);
        if (draft.Images.Count >= DraftChecks.MaxImages)
        {
            return $"A post carries at most {DraftChecks.MaxImages} images.";
        }

        var result = await imagePreparer.PrepareAsync(upload, StoredImageLimits, cancellationToken);
        if (result.Image is not { } image)
        {
            return $"{Path.GetFileName(fileName)}: {result.Problem}";
        }

        draft.Images.Add(new DraftImage
        {
            Position = draft.Images.Count == 0 ? 0 : draft.Images.Max(i => i.Position) + 1,
            Content = image.Content.ToArray(),
            MediaType = image.MediaType,
            Width = image.Width,
            Height = image.Height,
            FileName = Path.GetFileName(fileName),
        });
        draft.UpdatedAt = Now;
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>Sets an image's description (alt text), which must be filled before the post is submitted.</summary>
    public async Task SetAltTextAsync(int draftId, int imageId, string altText, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(altText);
        var draft = await LoadAsync(draftId, cancellationToken);
        await gate.DemandOwnAsync(draft.AuthorUserId, Permissions.DraftPosts, $"post {draftId}");
        EnsureEditable(draft);
        var image = draft.Images.FirstOrDefault(i => i.Id == imageId) ?? throw new DraftException("That image is no longer on the post.");
        image.AltText = altText.Trim();
        draft.UpdatedAt = Now;
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task RemoveImageAsync(int draftId, int imageId, CancellationToken cancellationToken)
    {
        var draft = await LoadAsync(draftId, cancellationToken);
        await gate.DemandOwnAsync(draft.AuthorUserId, Permissions.DraftPosts, $"post {draftId}");
        EnsureEditable(draft);
        draft.Images.RemoveAll(i => i.Id == imageId);
        draft.UpdatedAt = Now;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The stored image, for the composer's and the approvers' previews: the author's own, or any submitted post's.</summary>
    public async Task<DraftImage?> ImageAsync(int draftId, int imageId, CancellationToken cancellationToken) =>
        await GetAsync(draftId, cancellationToken) is { } draft ? draft.Images.FirstOrDefault(i => i.Id == imageId) : null;

    /// <summary>What would apply to this content if it were submitted now: the approval route and any propriety warnings.</summary>
    public async Task<(ApprovalPlan Plan, IReadOnlyList<string> Warnings)> PreviewAsync(DraftContent content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        await gate.DemandAsync(Permissions.DraftPosts, "approval route");
        var draft = new PostDraft();
        Apply(draft, content);
        draft.Targets = content.Accounts.Select(a => new DraftTarget { Network = a.Network, ConnectedAccountId = a.ConnectedAccountId, AccountHandle = a.Handle }).ToList();
        var plan = await planner.PlanAsync(draft, cancellationToken);
        var warnings = new List<string>();
        if (content.Kind is PostDraftKind.Quote or PostDraftKind.Repost && content.ReferenceHandle is { } handle && content.ReferenceNetwork is { } network)
        {
            var bare = handle.TrimStart('@');
            var flagged = (await db.ListMembers.AsNoTracking()
                    .Where(m => m.Network == network && m.List!.IsFlagged)
                    .Select(m => new { m.Handle, m.List!.Name }).ToListAsync(cancellationToken))
                .Where(m => string.Equals(m.Handle.TrimStart('@'), bare, StringComparison.OrdinalIgnoreCase))
                .Select(m => m.Name).Distinct().ToList();
            if (flagged.Count > 0)
            {
                warnings.Add($"@{handle} is on the office's flagged list {string.Join(", ", flagged.Select(n => $"\"{n}\""))}. "
                    + $"A {content.Kind.ToString().ToLowerInvariant()} from an official account may look like an endorsement; check the propriety guidance first.");
            }
        }

        return (plan, warnings);
    }

    /// <summary>Who else is writing or has submitted a reply to the same post right now, so two officers do not answer it twice.</summary>
    public async Task<IReadOnlyList<string>> OthersReplyingAsync(Network network, string remoteId, int? ownDraftId, CancellationToken cancellationToken)
    {
        var person = await gate.DemandAsync(Permissions.DraftPosts, "replies in progress");
        return await db.Drafts.AsNoTracking()
            .Where(d => d.ReferenceNetwork == network && d.ReferenceRemoteId == remoteId && d.Kind == PostDraftKind.Reply && d.AuthorUserId != person.Id
                && d.Id != ownDraftId && d.State != DraftState.Withdrawn)
            .OrderBy(d => d.CreatedAt)
            .Select(d => d.AuthorName + (d.State == DraftState.Published ? " has replied" : d.State == DraftState.Editing ? " is writing a reply" : " has a reply waiting to go out"))
            .ToListAsync(cancellationToken);
    }

    /// <summary>A person decides to send a failed, held or unknown-outcome post again now.</summary>
    public async Task SendAgainAsync(int targetId, CancellationToken cancellationToken)
    {
        var target = await db.DraftTargets.Include(t => t.Draft).FirstOrDefaultAsync(t => t.Id == targetId, cancellationToken)
            ?? throw new DraftException("That post no longer exists.");
        var person = await gate.DemandOwnAsync(target.Draft!.AuthorUserId, Permissions.DraftPosts, $"post {target.DraftId}");
        var updated = await db.DraftTargets
            .Where(t => t.Id == targetId && (t.State == TargetState.Failed || t.State == TargetState.Held || t.State == TargetState.OutcomeUnknown))
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.State, TargetState.Queued).SetProperty(t => t.DueAt, Now).SetProperty(t => t.NextAttemptAt, (DateTime?)null)
                .SetProperty(t => t.Attempts, 0).SetProperty(t => t.LastError, (string?)null), cancellationToken);
        if (updated == 0)
        {
            throw new DraftException("This post is not waiting for a decision any more.");
        }

        await db.Drafts.Where(d => d.Id == target.DraftId).ExecuteUpdateAsync(set => set.SetProperty(d => d.State, DraftState.Approved), cancellationToken);
        await auditLog.WriteAsync(person.Actor, AuditActions.PostResent, $"post {target.DraftId} to {target.Network} @{target.AccountHandle}", target.LastError ?? "");
        signal.Wake();
        events.NotifyDraftChanged(target.DraftId);
    }

    /// <summary>
    /// Deletes a post the office published from its network (needs its own permission), takes it out of the archive
    /// and every open column, and records who did it. A post already gone from the network counts as deleted.
    /// </summary>
    public async Task DeletePublishedAsync(int targetId, CancellationToken cancellationToken)
    {
        var person = await gate.DemandAsync(Permissions.DeletePublished, $"published post {targetId}");
        var target = await db.DraftTargets.Include(t => t.Draft).FirstOrDefaultAsync(t => t.Id == targetId, cancellationToken)
            ?? throw new DraftException("That post no longer exists.");
        if (target.State != TargetState.Published || target.RemoteId is not { } remoteId)
        {
            throw new DraftException("Only a published post can be deleted.");
        }

        var publisher = publishers.For(target.Network) ?? throw new DraftException($"PressDeck cannot delete from {target.Network}.");
        var (account, problem) = await publishingAccounts.ResolveAsync(db, target.Network, target.ConnectedAccountId, cancellationToken);
        if (account is null)
        {
            throw new DraftException(problem!);
        }

        try
        {
            await publisher.DeleteAsync(account, remoteId, cancellationToken);
        }
        catch (Core.Publishing.PublishException exception)
        {
            throw new DraftException($"{target.Network} did not delete the post: {exception.Message}", exception);
        }

        var now = Now;
        target.State = TargetState.Deleted;
        target.DeletedAt = now;
        target.DeletedBy = person.Name;
        await db.SaveChangesAsync(cancellationToken);
        var hidden = await archive.DeleteAsync([new PostKey(target.Network, remoteId)], now, cancellationToken);
        liveFeed.Retract(hidden);
        await auditLog.WriteAsync(person.Actor, AuditActions.PostDeleted, $"post {target.DraftId} on {target.Network} @{target.AccountHandle}", $"{remoteId}: \"{target.Draft!.Text}\"");
        events.NotifyDraftChanged(target.DraftId);
    }

    /// <summary>The character limits the draft's accounts' own servers set (a Mastodon server's), by connected account id.</summary>
    public Task<IReadOnlyDictionary<int, int>> LimitsAsync(IEnumerable<AccountChoice> accounts, CancellationToken cancellationToken) =>
        accountLimits.ForAccountsAsync(accounts.Select(a => (a.Network, a.ConnectedAccountId)), cancellationToken);

    private Task<IReadOnlyDictionary<int, int>> LimitsAsync(PostDraft draft, CancellationToken cancellationToken) =>
        accountLimits.ForAccountsAsync(draft.Targets.Select(t => (t.Network, t.ConnectedAccountId)), cancellationToken);

    private async Task<PostDraft> LoadAsync(int draftId, CancellationToken cancellationToken) =>
        await db.Drafts.AsSplitQuery().Include(d => d.Targets).Include(d => d.Reviews).Include(d => d.Images).FirstOrDefaultAsync(d => d.Id == draftId, cancellationToken)
        ?? throw new DraftException("That post no longer exists.");

    private static bool ApprovedAtThisStepBy(PostDraft draft, string userId) =>
        draft.Reviews.Any(r => r.Decision == ReviewDecision.Approved && r.Step == draft.ApprovalStep && r.UserId == userId && r.At >= (draft.SubmittedAt ?? DateTime.MinValue));

    private static void EnsureEditable(PostDraft draft)
    {
        if (draft.State is not (DraftState.Editing or DraftState.SentBack))
        {
            throw new DraftException("This post has been submitted; withdraw it to change it.");
        }
    }

    private static void Approve(PostDraft draft, DateTime now)
    {
        draft.State = DraftState.Approved;
        draft.ApprovedAt = now;
        var due = draft.ScheduledFor is { } scheduled && scheduled > now ? scheduled : now;
        foreach (var target in draft.Targets.Where(t => t.State == TargetState.Waiting))
        {
            target.State = TargetState.Queued;
            target.DueAt = due;
        }
    }

    private async Task SetTargetsAsync(PostDraft draft, IReadOnlyList<AccountChoice> choices, Person person, CancellationToken cancellationToken)
    {
        var allowed = await PostingAccountsAsync(cancellationToken);
        foreach (var choice in choices)
        {
            if (!allowed.Any(a => a.Network == choice.Network && a.ConnectedAccountId == choice.ConnectedAccountId))
            {
                throw new DraftException(person.SandboxOnly
                    ? "Trainees post to the demo network only."
                    : $"You may not post from @{choice.Handle}: ask an admin to add your role to the account's posting roles.");
            }
        }

        draft.Targets.RemoveAll(t => !choices.Any(c => c.Network == t.Network && c.ConnectedAccountId == t.ConnectedAccountId));
        foreach (var choice in choices.Where(c => !draft.Targets.Any(t => t.Network == c.Network && t.ConnectedAccountId == c.ConnectedAccountId)))
        {
            draft.Targets.Add(new DraftTarget
            {
                Network = choice.Network,
                ConnectedAccountId = choice.ConnectedAccountId,
                AccountHandle = choice.Handle,
                RequestKey = RequestKeys.NewKey(timeProvider),
                State = TargetState.Waiting,
            });
        }
    }

    private static void Apply(PostDraft draft, DraftContent content)
    {
        draft.Text = content.Text;
        draft.ScheduledFor = content.ScheduledFor;
        draft.IsUrgent = content.IsUrgent;
        draft.AnnouncedToParliamentFirst = content.AnnouncedToParliamentFirst;
        draft.Language = content.Language;
        draft.Kind = content.Kind;
        draft.ReferenceNetwork = content.ReferenceNetwork;
        draft.ReferenceRemoteId = content.ReferenceRemoteId;
        draft.ReferenceHandle = content.ReferenceHandle;
        draft.ThreadParentId = content.ThreadParentId;
    }

    private static bool CanSee(Person person, PostDraft draft) =>
        draft.AuthorUserId == person.Id || Permissions.Allows(person.Role, Permissions.ApprovePosts) || draft.State != DraftState.Editing;

    private void Changed(PostDraft draft) => events.NotifyDraftChanged(draft.Id);

    internal static string Describe(PostDraft draft) =>
        $"post {draft.Id} by {draft.AuthorName} to {string.Join(", ", draft.Targets.Select(t => $"{t.Network} @{t.AccountHandle}"))}";

    private static string Quoted(string comment) => string.IsNullOrWhiteSpace(comment) ? "" : $": \"{comment.Trim()}\"";

    private DateTime Now => timeProvider.GetUtcNow().UtcDateTime;
}

using Microsoft.EntityFrameworkCore;
using PressDeck.Data;
using PressDeck.Data.Publishing;
using PressDeck.Team;

namespace PressDeck.Publishing;

/// <summary>
/// Applies the office's approval policies to a draft: which steps it needs, who may approve the step it waits at, and
/// when a step is done. An away approver's deputy (see the team page) may act in their place.
/// </summary>
public sealed class ApprovalPlanner(AppDbContext db, TeamService team, TimeProvider timeProvider)
{
    public async Task<ApprovalPlan> PlanAsync(PostDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var accountIds = draft.Targets.Select(t => t.ConnectedAccountId).ToList();
        var policies = await db.ApprovalPolicies.AsNoTracking().Include(p => p.Steps).ToListAsync(cancellationToken);
        var applying = policies.Where(p => accountIds.Contains(p.ConnectedAccountId)).ToList();
        var groups = await db.ApproverGroups.AsNoTracking().ToDictionaryAsync(g => g.Id, g => g.Name, cancellationToken);

        var goingOut = draft.ScheduledFor ?? timeProvider.GetUtcNow().UtcDateTime;
        var day = DateOnly.FromDateTime(Audit.OfficeTime.ToLocal(goingOut));
        var election = await db.ElectionPeriods.AsNoTracking()
            .Where(p => p.StartsOn <= day && p.EndsOn >= day).Select(p => p.Name).FirstOrDefaultAsync(cancellationToken);

        var steps = new List<PlannedStep>();
        foreach (var policy in applying)
        {
            if (draft.Kind == PostDraftKind.Reply && draft.ReferenceRemoteId is not null && policy.RepliesGoStraight && election is null)
            {
                continue;
            }

            foreach (var step in policy.Steps.OrderBy(s => s.Position))
            {
                var planned = new PlannedStep(step.ApproverGroupId, step.ApproverGroupId is { } id ? groups.GetValueOrDefault(id, "a removed group") : "", step.RequiresAll);
                if (!steps.Contains(planned))
                {
                    steps.Add(planned);
                }
            }
        }

        if (election is not null && steps.Count == 0)
        {
            steps.Add(new PlannedStep(null, "", RequiresAll: false));
        }

        var goesFirst = draft.IsUrgent && election is null && steps.Count > 0
            && applying.Where(p => p.Steps.Count > 0).All(p => p.UrgentGoesFirst);
        return new ApprovalPlan(steps, goesFirst, election, applying.Any(p => p.AskAboutParliament));
    }

    /// <summary>True when <paramref name="userId"/> may approve the step <paramref name="draft"/> waits at and has not yet.</summary>
    public async Task<bool> MayApproveAsync(PostDraft draft, string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (draft.AuthorUserId == userId || draft.State != DraftState.AwaitingApproval)
        {
            return false;
        }

        var plan = await PlanAsync(draft, cancellationToken);
        if (draft.ApprovalStep >= plan.Steps.Count)
        {
            return true;
        }

        if (ApprovalsAtStep(draft).Contains(userId))
        {
            return false;
        }

        var step = plan.Steps[draft.ApprovalStep];
        if (step.GroupId is not { } groupId)
        {
            return true;
        }

        // A group with nobody but the author in it (or acting for them) would hold the post for ever: any approver may act.
        var acting = await ActingMembersAsync(groupId, cancellationToken);
        acting.Remove(draft.AuthorUserId);
        return acting.Count == 0 || acting.Contains(userId);
    }

    /// <summary>True when the step the draft waits at has the approvals it needs.</summary>
    public async Task<bool> IsStepCompleteAsync(PostDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var plan = await PlanAsync(draft, cancellationToken);
        if (draft.ApprovalStep >= plan.Steps.Count)
        {
            return true;
        }

        var approvals = ApprovalsAtStep(draft);
        var step = plan.Steps[draft.ApprovalStep];
        if (!step.RequiresAll || step.GroupId is not { } groupId)
        {
            return approvals.Count > 0;
        }

        var members = await db.ApproverGroupMembers.AsNoTracking().Where(m => m.GroupId == groupId).Select(m => m.UserId).ToListAsync(cancellationToken);
        var needed = members.Where(m => m != draft.AuthorUserId).ToList();
        foreach (var member in needed)
        {
            var acting = await team.ActingApproverAsync(member, cancellationToken);
            // The author never approves their own post, even as an away member's deputy: that member's approval is not needed.
            if (acting != draft.AuthorUserId && !approvals.Contains(member) && !approvals.Contains(acting))
            {
                return false;
            }
        }

        return approvals.Count > 0;
    }

    /// <summary>The group's members, with an away member replaced by the deputy acting for them.</summary>
    private async Task<HashSet<string>> ActingMembersAsync(int groupId, CancellationToken cancellationToken)
    {
        var members = await db.ApproverGroupMembers.AsNoTracking().Where(m => m.GroupId == groupId).Select(m => m.UserId).ToListAsync(cancellationToken);
        var acting = new HashSet<string>(members, StringComparer.Ordinal);
        foreach (var member in members)
        {
            acting.Add(await team.ActingApproverAsync(member, cancellationToken));
        }

        return acting;
    }


    /// <summary>
    /// Who approved the current step since the draft was last submitted: reviews are ordered by when they were stored
    /// (ones not yet saved last), not by their clock times, so an approval from before a resubmission never counts.
    /// </summary>
    private static HashSet<string> ApprovalsAtStep(PostDraft draft)
    {
        var ordered = draft.Reviews.OrderBy(r => r.Id == 0 ? long.MaxValue : r.Id).ToList();
        var lastSubmitted = ordered.FindLastIndex(r => r.Decision == ReviewDecision.Submitted);
        return ordered.Skip(lastSubmitted + 1)
            .Where(r => r.Decision == ReviewDecision.Approved && r.Step == draft.ApprovalStep)
            .Select(r => r.UserId).ToHashSet(StringComparer.Ordinal);
    }
}

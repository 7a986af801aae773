using Microsoft.EntityFrameworkCore;
using PressDeck.Audit;
using PressDeck.Core.Posts;
using PressDeck.Data;
using PressDeck.Data.Publishing;
using PressDeck.Team;

namespace PressDeck.Publishing;

/// <summary>
/// The office's publishing rules, set by an admin: each account's approval policy, election (pre-election) periods,
/// account groups, and which lists are flagged for propriety warnings. Every change is audited.
/// </summary>
public sealed class PublishingPolicyService(AppDbContext db, PermissionGate gate, PublishingAccounts publishingAccounts, AuditLog auditLog, TimeProvider timeProvider)
{
    public async Task<PublishingRules> RulesAsync(CancellationToken cancellationToken)
    {
        await gate.DemandAsync(Permissions.ManageSettings, "publishing rules");
        var accounts = new List<AccountChoice> { new(Network.Demo, null, publishingAccounts.DemoOffice.Handle, "Demo network (training sandbox)") };
        accounts.AddRange(await db.ConnectedAccounts.AsNoTracking().OrderBy(a => a.Network).ThenBy(a => a.Handle)
            .Select(a => new AccountChoice(a.Network, a.Id, a.Handle, a.DisplayName)).ToListAsync(cancellationToken));
        var policies = await db.ApprovalPolicies.AsNoTracking().Include(p => p.Steps).ToListAsync(cancellationToken);
        var groups = await db.ApproverGroups.AsNoTracking().OrderBy(g => g.Name).Select(g => new ApproverGroupChoice(g.Id, g.Name)).ToListAsync(cancellationToken);
        var periods = await db.ElectionPeriods.AsNoTracking().OrderBy(p => p.StartsOn).ToListAsync(cancellationToken);
        var accountGroups = await db.AccountGroups.AsNoTracking().Include(g => g.Members).OrderBy(g => g.Name).ToListAsync(cancellationToken);
        var lists = await db.Lists.AsNoTracking().OrderBy(l => l.Name).Select(l => new FlaggableList(l.Id, l.Name, l.IsFlagged)).ToListAsync(cancellationToken);
        return new PublishingRules(
            accounts.Select(a => (a, policies.FirstOrDefault(p => p.ConnectedAccountId == a.ConnectedAccountId))).ToList(),
            groups, periods, accountGroups, lists);
    }

    /// <summary>Replaces one account's policy. No steps means posts go straight out (except in an election period).</summary>
    public async Task SavePolicyAsync(int? connectedAccountId, PolicyForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var admin = await gate.DemandAsync(Permissions.ManageSettings, "approval policy");
        if (connectedAccountId is { } id && !await db.ConnectedAccounts.AnyAsync(a => a.Id == id, cancellationToken))
        {
            throw new DraftException("That account is no longer connected.");
        }

        var groupIds = await db.ApproverGroups.Select(g => g.Id).ToListAsync(cancellationToken);
        if (form.Steps.Any(s => s.GroupId is { } group && !groupIds.Contains(group)))
        {
            throw new DraftException("One of the approver groups was removed; choose another.");
        }

        var policy = await db.ApprovalPolicies.Include(p => p.Steps).FirstOrDefaultAsync(p => p.ConnectedAccountId == connectedAccountId, cancellationToken);
        if (policy is null)
        {
            policy = new ApprovalPolicy { ConnectedAccountId = connectedAccountId };
            db.ApprovalPolicies.Add(policy);
        }

        policy.RepliesGoStraight = form.RepliesGoStraight;
        policy.UrgentGoesFirst = form.UrgentGoesFirst;
        policy.AskAboutParliament = form.AskAboutParliament;
        policy.Steps.Clear();
        var position = 0;
        foreach (var step in form.Steps)
        {
            policy.Steps.Add(new ApprovalStep { Position = position++, ApproverGroupId = step.GroupId, RequiresAll = step.RequiresAll && step.GroupId is not null });
        }

        await db.SaveChangesAsync(cancellationToken);
        var account = connectedAccountId is null ? "the demo account" : $"account {connectedAccountId}";
        var steps = form.Steps.Count == 0 ? "no approval" : string.Join(", then ", form.Steps.Select(s => s.GroupId is null ? "any approver" : (s.RequiresAll ? "all of group " : "one of group ") + s.GroupId));
        await auditLog.WriteAsync(admin.Actor, AuditActions.ApprovalPolicyChanged, account,
            $"{steps}; replies straight out: {Yes(form.RepliesGoStraight)}; urgent goes first: {Yes(form.UrgentGoesFirst)}; asks about Parliament: {Yes(form.AskAboutParliament)}");
    }

    public async Task AddElectionPeriodAsync(string name, DateOnly startsOn, DateOnly endsOn, CancellationToken cancellationToken)
    {
        var admin = await gate.DemandAsync(Permissions.ManageSettings, "election period");
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DraftException("Name the election period (e.g. \"General election 2029\").");
        }

        if (endsOn < startsOn)
        {
            throw new DraftException("The period ends before it starts.");
        }

        db.ElectionPeriods.Add(new ElectionPeriod { Name = name.Trim(), StartsOn = startsOn, EndsOn = endsOn });
        await db.SaveChangesAsync(cancellationToken);

        // Posts already queued without an approver's look that would go out during the period now need one.
        var from = OfficeTime.StartOfDay(startsOn);
        var until = OfficeTime.StartOfDay(endsOn.AddDays(1));
        var unreviewed = await db.Drafts.Include(d => d.Targets).Include(d => d.Reviews)
            .Where(d => d.State == DraftState.Approved && d.Targets.Any(t => t.State == TargetState.Queued && t.DueAt >= from && t.DueAt < until))
            .ToListAsync(cancellationToken);
        var held = 0;
        foreach (var draft in unreviewed.Where(d => !d.Reviews.Any(r => r.Decision == ReviewDecision.Approved && r.At >= (d.SubmittedAt ?? DateTime.MinValue))))
        {
            draft.State = DraftState.AwaitingApproval;
            draft.ApprovalStep = 0;
            draft.EscalationLevel = 0;
            draft.NeedsReviewAfter = false;
            foreach (var target in draft.Targets.Where(t => t.State == TargetState.Queued))
            {
                target.State = TargetState.Waiting;
            }

            draft.Reviews.Add(new DraftReview { UserName = "PressDeck", Decision = ReviewDecision.Escalated, At = timeProvider.GetUtcNow().UtcDateTime, Comment = $"The election period {name.Trim()} was declared: this post now needs approval." });
            held++;
        }

        await db.SaveChangesAsync(cancellationToken);
        await auditLog.WriteAsync(admin.Actor, AuditActions.ElectionPeriodChanged, name.Trim(), $"added: {startsOn:yyyy-MM-dd} to {endsOn:yyyy-MM-dd}; {held} queued post(s) now need approval");
    }

    public async Task RemoveElectionPeriodAsync(int id, CancellationToken cancellationToken)
    {
        var admin = await gate.DemandAsync(Permissions.ManageSettings, "election period");
        var period = await db.ElectionPeriods.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (period is null)
        {
            return;
        }

        db.ElectionPeriods.Remove(period);
        await db.SaveChangesAsync(cancellationToken);
        await auditLog.WriteAsync(admin.Actor, AuditActions.ElectionPeriodChanged, period.Name, "removed");
    }

    public async Task SaveAccountGroupAsync(string name, IReadOnlyCollection<int?> connectedAccountIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connectedAccountIds);
        var admin = await gate.DemandAsync(Permissions.ManageSettings, "account group");
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DraftException("Name the group (e.g. \"All core accounts\").");
        }

        if (connectedAccountIds.Count == 0)
        {
            throw new DraftException("Choose at least one account for the group.");
        }

        var trimmed = name.Trim();
        var group = await db.AccountGroups.Include(g => g.Members).FirstOrDefaultAsync(g => g.Name == trimmed, cancellationToken);
        if (group is null)
        {
            group = new AccountGroup { Name = trimmed };
            db.AccountGroups.Add(group);
        }

        group.Members.Clear();
        group.Members.AddRange(connectedAccountIds.Distinct().Select(id => new AccountGroupMember { ConnectedAccountId = id }));
        await db.SaveChangesAsync(cancellationToken);
        await auditLog.WriteAsync(admin.Actor, AuditActions.AccountGroupChanged, trimmed, $"{connectedAccountIds.Count} account(s)");
    }

    public async Task RemoveAccountGroupAsync(int id, CancellationToken cancellationToken)
    {
        var admin = await gate.DemandAsync(Permissions.ManageSettings, "account group");
        var group = await db.AccountGroups.FirstOrDefaultAsync(g => g.Id == id, cancellationToken);
        if (group is null)
        {
            return;
        }

        db.AccountGroups.Remove(group);
        await db.SaveChangesAsync(cancellationToken);
        await auditLog.WriteAsync(admin.Actor, AuditActions.AccountGroupChanged, group.Name, "removed");
    }

    public async Task SetListFlaggedAsync(int listId, bool flagged, CancellationToken cancellationToken)
    {
        var admin = await gate.DemandAsync(Permissions.ManageSettings, "flagged lists");
        var list = await db.Lists.FirstOrDefaultAsync(l => l.Id == listId, cancellationToken) ?? throw new DraftException("That list was deleted.");
        if (list.IsFlagged == flagged)
        {
            return;
        }

        list.IsFlagged = flagged;
        await db.SaveChangesAsync(cancellationToken);
        await auditLog.WriteAsync(admin.Actor, AuditActions.ListChanged, "list " + list.Name, flagged ? "flagged: reposts and quotes of its members show a propriety warning" : "no longer flagged");
    }

    /// <summary>The election period in force today (the office's date), if any: every post needs approval and a banner says so.</summary>
    public async Task<ElectionPeriod?> CurrentElectionPeriodAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(OfficeTime.ToLocal(timeProvider.GetUtcNow().UtcDateTime));
        return await db.ElectionPeriods.AsNoTracking().Where(p => p.StartsOn <= today && p.EndsOn >= today).OrderBy(p => p.EndsOn).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The account groups, for the composer's "post from a group" choice.</summary>
    public async Task<IReadOnlyList<AccountGroup>> AccountGroupsAsync(CancellationToken cancellationToken)
    {
        await gate.DemandAsync(Permissions.DraftPosts, "account groups");
        return await db.AccountGroups.AsNoTracking().Include(g => g.Members).OrderBy(g => g.Name).ToListAsync(cancellationToken);
    }

    private static string Yes(bool value) => value ? "yes" : "no";
}

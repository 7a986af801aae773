using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PressDeck.Audit;
using PressDeck.Data;
using PressDeck.Data.Identity;
using PressDeck.Data.Publishing;
using PressDeck.Email;
using PressDeck.Team;

namespace PressDeck.Publishing;

/// <summary>
/// Tells approvers by email that a post waits for them (open pages are told at once through <see cref="PublishingEvents"/>),
/// and escalates a post still unapproved close to its time: first the step's approvers are reminded, then their
/// deputies are asked, and when the time passes the author is told; nothing expires silently. A post that was due and
/// did not go out (refused, given up on, held because it was late, or of unknown outcome) is emailed to its author and
/// to whoever approved it, in the network's own words, so a person acts on it.
/// </summary>
public sealed partial class ApprovalNotifier(
    IServiceScopeFactory scopeFactory,
    EmailSender email,
    IOptions<EmailOptions> emailOptions,
    IOptions<PublishingOptions> options,
    PublishingEvents events,
    AuditLog auditLog,
    TimeProvider timeProvider,
    ILogger<ApprovalNotifier> logger)
{
    /// <summary>Emails the people who may approve the step <paramref name="draftId"/> waits at.</summary>
    public async Task TellApproversAsync(int draftId, string why, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var draft = await db.Drafts.AsNoTracking().AsSplitQuery().Include(d => d.Targets).Include(d => d.Reviews).FirstOrDefaultAsync(d => d.Id == draftId, cancellationToken);
        if (draft is null || draft.State != DraftState.AwaitingApproval)
        {
            return;
        }

        var approvers = await ApproversAsync(scope.ServiceProvider, draft, includeDeputies: false, cancellationToken);
        await SendAsync(approvers, draft, why, cancellationToken);
    }

    /// <summary>Escalates every unapproved post whose time is near or past. Returns how many were escalated.</summary>
    public async Task<int> EscalateAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var before = options.Value.EscalateBefore;
        var horizon = now + before;
        var waiting = await db.Drafts.AsSplitQuery().Include(d => d.Targets).Include(d => d.Reviews)
            .Where(d => d.State == DraftState.AwaitingApproval && d.ThreadParentId == null && d.ScheduledFor != null && d.ScheduledFor <= horizon && d.EscalationLevel < 3)
            .ToListAsync(cancellationToken);
        var escalated = 0;
        foreach (var draft in waiting)
        {
            var left = draft.ScheduledFor!.Value - now;
            var level = left <= TimeSpan.Zero ? 3 : left <= before / 2 ? 2 : 1;
            if (level <= draft.EscalationLevel)
            {
                continue;
            }

            var due = OfficeTime.Format(draft.ScheduledFor.Value);
            string note;
            IReadOnlyList<AppUser> recipients;
            if (level == 3)
            {
                note = $"Its time, {due}, has passed and it is still not approved. It will go out as soon as it is approved, or the author can withdraw it.";
                recipients = await db.Users.AsNoTracking().Where(u => u.Id == draft.AuthorUserId && u.IsActive).ToListAsync(cancellationToken);
            }
            else
            {
                note = level == 1
                    ? $"It is due to go out at {due} and is still waiting for approval."
                    : $"It is due to go out at {due} and its approvers have not acted: you are asked as their deputy.";
                recipients = await ApproversAsync(scope.ServiceProvider, draft, includeDeputies: level == 2, cancellationToken);
            }

            draft.EscalationLevel = level;
            draft.Reviews.Add(new DraftReview { UserName = "PressDeck", Decision = ReviewDecision.Escalated, Comment = note, At = now, Step = draft.ApprovalStep });
            await db.SaveChangesAsync(cancellationToken);
            await auditLog.WriteAsync(AuditActor.System, AuditActions.PostEscalated, DraftService.Describe(draft), note);
            await SendAsync(recipients, draft, note, cancellationToken);
            events.NotifyDraftChanged(draft.Id);
            LogEscalated(logger, draft.Id, level);
            escalated++;
        }

        return escalated;
    }

    /// <summary>
    /// Tells the author and the approvers of the post that <paramref name="targetId"/> belongs to that it did not go out,
    /// and why; when neither can be reached, the office's admins are told instead.
    /// </summary>
    public async Task TellAboutProblemAsync(int targetId, string problem, CancellationToken cancellationToken)
    {
        if (!email.IsConfigured)
        {
            return;
        }

        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var target = await db.DraftTargets.AsNoTracking().FirstOrDefaultAsync(t => t.Id == targetId, cancellationToken);
        var draft = target is null ? null : await db.Drafts.AsNoTracking().Include(d => d.Reviews).FirstOrDefaultAsync(d => d.Id == target.DraftId, cancellationToken);
        if (target is null || draft is null)
        {
            return;
        }

        var ids = draft.Reviews.Where(r => r.Decision == ReviewDecision.Approved).Select(r => r.UserId).Append(draft.AuthorUserId).ToList();
        var people = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id) && u.IsActive).ToListAsync(cancellationToken);
        if (people.Count == 0)
        {
            people = [.. (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().GetUsersInRoleAsync(Roles.Admin)).Where(u => u.IsActive)];
        }

        var link = string.IsNullOrWhiteSpace(emailOptions.Value.PublicUrl) ? "" : emailOptions.Value.PublicUrl.TrimEnd('/') + "/publishing/sent";
        var when = target.DueAt is { } dueAt ? $" due at {OfficeTime.Format(dueAt)}" : "";
        foreach (var person in people.Where(p => !string.IsNullOrWhiteSpace(p.Email)))
        {
            var body = $"A post{when} has not gone out from @{target.AccountHandle} on {target.Network}.\n\n{problem}\n\n"
                + $"{draft.AuthorName} wrote:\n\n{draft.Text}\n\n"
                + (link.Length > 0 ? $"Send it again, edit it or withdraw it: {link}\n" : "Send it again, edit it or withdraw it under Publishing, Sent and problems.\n");
            var sent = await email.SendAsync(new EmailMessage(person.Email!, person.DisplayName, $"Not published on {target.Network}: {Shorten(draft.Text)}", body), cancellationToken);
            if (sent is not null)
            {
                LogEmailFailed(logger, draft.Id, sent);
            }
        }
    }

    /// <summary>The active people who may approve the step the draft waits at (never its author); with deputies, those acting for them too.</summary>
    private static async Task<IReadOnlyList<AppUser>> ApproversAsync(IServiceProvider services, PostDraft draft, bool includeDeputies, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var planner = services.GetRequiredService<ApprovalPlanner>();
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var plan = await planner.PlanAsync(draft, cancellationToken);
        var step = draft.ApprovalStep < plan.Steps.Count ? plan.Steps[draft.ApprovalStep] : null;
        List<AppUser> people;
        if (step?.GroupId is { } groupId)
        {
            var memberIds = await db.ApproverGroupMembers.Where(m => m.GroupId == groupId).Select(m => m.UserId).ToListAsync(cancellationToken);
            people = await db.Users.AsNoTracking().Where(u => memberIds.Contains(u.Id)).ToListAsync(cancellationToken);
        }
        else
        {
            people = [.. await users.GetUsersInRoleAsync(Roles.Approver), .. await users.GetUsersInRoleAsync(Roles.Admin)];
        }

        if (includeDeputies)
        {
            var deputyIds = people.Select(p => p.DeputyUserId).OfType<string>().ToList();
            people.AddRange(await db.Users.AsNoTracking().Where(u => deputyIds.Contains(u.Id)).ToListAsync(cancellationToken));
        }

        return people.Where(p => p.IsActive && p.Id != draft.AuthorUserId).DistinctBy(p => p.Id).ToList();
    }

    private async Task SendAsync(IReadOnlyList<AppUser> people, PostDraft draft, string why, CancellationToken cancellationToken)
    {
        if (!email.IsConfigured)
        {
            return;
        }

        var link = string.IsNullOrWhiteSpace(emailOptions.Value.PublicUrl) ? "" : emailOptions.Value.PublicUrl.TrimEnd('/') + "/publishing/approvals";
        foreach (var person in people.Where(p => !string.IsNullOrWhiteSpace(p.Email)))
        {
            var body = $"{why}\n\n{draft.AuthorName} wrote, for {string.Join(", ", draft.Targets.Select(t => $"@{t.AccountHandle} on {t.Network}"))}:\n\n{draft.Text}\n\n"
                + (link.Length > 0 ? $"Approve or send it back: {link}\n" : "Approve or send it back under Publishing, Waiting for approval.\n");
            var problem = await email.SendAsync(new EmailMessage(person.Email!, person.DisplayName, $"Post waiting for approval: {Shorten(draft.Text)}", body), cancellationToken);
            if (problem is not null)
            {
                LogEmailFailed(logger, draft.Id, problem);
            }
        }
    }

    /// <summary>The first 60 characters of a text on one line, for an email's subject.</summary>
    internal static string Shorten(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= 60 ? line : line[..60] + "…";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Post {DraftId} escalated to level {Level}")]
    private static partial void LogEscalated(ILogger logger, int draftId, int level);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not email about post {DraftId}: {Problem}")]
    private static partial void LogEmailFailed(ILogger logger, int draftId, string problem);
}

using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PressDeck.Audit;
using PressDeck.Data;
using PressDeck.Data.Identity;
using PressDeck.Data.Team;

namespace PressDeck.Team;

/// <summary>
/// The people of the office and how they are organised: roles, deactivation, desks, approver groups and deputies. Every
/// change is checked (<see cref="Permissions.ManageTeam"/>) and audited. People are never deleted: a deactivated
/// person's work and their name in the audit trail stay.
/// </summary>
public sealed class TeamService(AppDbContext db, PermissionGate gate, UserManager<AppUser> userManager, AuditLog auditLog, TimeProvider timeProvider)
{
    public async Task<TeamView> GetAsync(CancellationToken cancellationToken)
    {
        await gate.DemandAsync(Permissions.ManageTeam, "team");
        var users = await db.Users.AsNoTracking().OrderBy(u => u.DisplayName).ToListAsync(cancellationToken);
        var roleNames = await (from userRole in db.UserRoles
                               join role in db.Roles on userRole.RoleId equals role.Id
                               select new { userRole.UserId, role.Name }).ToListAsync(cancellationToken);
        var roleOf = roleNames.GroupBy(r => r.UserId).ToDictionary(
            g => g.Key,
            g => Roles.All.FirstOrDefault(r => g.Any(x => x.Name == r)) ?? Roles.Viewer,
            StringComparer.Ordinal);
        var desks = await db.Desks.AsNoTracking().OrderBy(d => d.Name).ToListAsync(cancellationToken);
        var groups = await db.ApproverGroups.AsNoTracking().Include(g => g.Members).OrderBy(g => g.Name).ToListAsync(cancellationToken);
        var names = users.ToDictionary(u => u.Id, u => u.DisplayName, StringComparer.Ordinal);
        var deskNames = desks.ToDictionary(d => d.Id, d => d.Name);
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var people = users.Select(u => new PersonView(
            u.Id,
            u.DisplayName,
            u.Email ?? "",
            roleOf.GetValueOrDefault(u.Id, Roles.Viewer),
            u.DeskId,
            u.DeskId is { } deskId ? deskNames.GetValueOrDefault(deskId) : null,
            u.Initials,
            u.IsActive,
            u.LastSignInAt,
            u.TwoFactorEnabled,
            u.DeputyUserId,
            u.DeputyUserId is { } deputy ? names.GetValueOrDefault(deputy) : null,
            u.AwayUntil is { } away && away > now ? away : null)).ToList();
        return new TeamView(
            people,
            desks.Select(d => new DeskView(d.Id, d.Name, d.Description, d.LeadUserId, d.LeadUserId is { } lead ? names.GetValueOrDefault(lead) : null)).ToList(),
            groups.Select(g => new ApproverGroupView(g.Id, g.Name, g.Members.Select(m => new PersonRef(m.UserId, names.GetValueOrDefault(m.UserId, "?"))).OrderBy(p => p.Name).ToList())).ToList());
    }

    public async Task<string?> ChangeRoleAsync(string userId, string role, CancellationToken cancellationToken)
    {
        var admin = await gate.DemandAsync(Permissions.ManageTeam, "role of " + userId);
        if (!Roles.IsRole(role))
        {
            return "Choose one of the roles.";
        }

        var person = await userManager.FindByIdAsync(userId);
        if (person is null)
        {
            return "That person is no longer in the team.";
        }

        var current = await userManager.GetRolesAsync(person);
        if (current.Count == 1 && current[0] == role)
        {
            return null;
        }

        if (current.Contains(Roles.Admin) && role != Roles.Admin && await ActiveAdminCountAsync(cancellationToken) <= 1)
        {
            return "The office needs at least one active admin: make someone else admin first.";
        }

        await userManager.RemoveFromRolesAsync(person, current);
        await userManager.AddToRoleAsync(person, role);
        // Their open pages are signed out within seconds and sign in again with the new role.
        await userManager.UpdateSecurityStampAsync(person);
        await auditLog.WriteAsync(admin.Actor, AuditActions.RoleChanged, Describe(person), $"from {string.Join(",", current)} to {role}");
        return null;
    }

    /// <summary>Deactivates someone: they cannot sign in, and their open pages and live columns close within seconds.</summary>
    public async Task<string?> DeactivateAsync(string userId, CancellationToken cancellationToken)
    {
        var admin = await gate.DemandAsync(Permissions.ManageTeam, "deactivate " + userId);
        var person = await userManager.FindByIdAsync(userId);
        if (person is null || !person.IsActive)
        {
            return null;
        }

        if (person.Id == admin.Id)
        {
            return "You cannot deactivate yourself. Ask another admin.";
        }

        if (await userManager.IsInRoleAsync(person, Roles.Admin) && await ActiveAdminCountAsync(cancellationToken) <= 1)
        {
            return "The office needs at least one active admin.";
        }

        person.IsActive = false;
        person.DeactivatedAt = timeProvider.GetUtcNow().UtcDateTime;
        await userManager.UpdateAsync(person);
        await userManager.UpdateSecurityStampAsync(person);
        await auditLog.WriteAsync(admin.Actor, AuditActions.PersonDeactivated, Describe(person));
        return null;
    }

    public async Task<string?> ReactivateAsync(string userId, CancellationToken cancellationToken)
    {
        var admin = await gate.DemandAsync(Permissions.ManageTeam, "reactivate " + userId);
        var person = await userManager.FindByIdAsync(userId);
        if (person is null || person.IsActive)
        {
            return null;
        }

        person.IsActive = true;
        person.DeactivatedAt = null;
        await userManager.UpdateAsync(person);
        await auditLog.WriteAsync(admin.Actor, AuditActions.PersonReactivated, Describe(person));
        return null;
    }

    /// <summary>Changes a person's desk, initials, and (for approvers) deputy and away-until time.</summary>
    public async Task<string?> UpdatePersonAsync(string userId, int? deskId, string initials, string? deputyUserId, DateTime? awayUntilUtc, CancellationToken cancellationToken)
    {
        var admin = await gate.DemandAsync(Permissions.ManageTeam, "change " + userId);
        var person = await userManager.FindByIdAsync(userId);
        if (person is null)
        {
            return "That person is no longer in the team.";
        }

        initials = initials.Trim();
        if (initials.Length > 8)
        {
            return "Initials are at most 8 characters.";
        }

        if (deskId is { } desk && !await db.Desks.AnyAsync(d => d.Id == desk, cancellationToken))
        {
            return "That desk no longer exists.";
        }

        if (deputyUserId is not null)
        {
            if (deputyUserId == userId)
            {
                return "Someone cannot be their own deputy.";
            }

            var deputy = await userManager.FindByIdAsync(deputyUserId);
            if (deputy is not { IsActive: true } || !Permissions.AllowsAny(await userManager.GetRolesAsync(deputy), Permissions.ApprovePosts))
            {
                return "A deputy must be an active approver or admin.";
            }
        }

        var changes = new List<string>();
        if (person.DeskId != deskId)
        {
            changes.Add($"desk {person.DeskId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"} → {deskId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}");
        }

        if (person.Initials != initials)
        {
            changes.Add($"initials {person.Initials} → {initials}");
        }

        if (person.DeputyUserId != deputyUserId)
        {
            changes.Add($"deputy → {deputyUserId ?? "none"}");
        }

        if (person.AwayUntil != awayUntilUtc)
        {
            changes.Add($"away until {awayUntilUtc?.ToString("u", System.Globalization.CultureInfo.InvariantCulture) ?? "not away"}");
        }

        if (changes.Count == 0)
        {
            return null;
        }

        person.DeskId = deskId;
        person.Initials = initials;
        person.DeputyUserId = deputyUserId;
        person.AwayUntil = awayUntilUtc;
        await userManager.UpdateAsync(person);
        await auditLog.WriteAsync(admin.Actor, AuditActions.PersonChanged, Describe(person), string.Join("; ", changes));
        return null;
    }

    public async Task<string?> AddDeskAsync(string name, string description, string? leadUserId, CancellationToken cancellationToken)
    {
        var admin = await gate.DemandAsync(Permissions.ManageTeam, "desk " + name);
        name = name.Trim();
        if (name.Length is 0 or > 100)
        {
            return "Give the desk a name of up to 100 characters.";
        }

        if (await db.Desks.AnyAsync(d => d.Name == name, cancellationToken))
        {
            return $"There is already a desk called {name}.";
        }

        db.Desks.Add(new Desk { Name = name, Description = description.Trim(), LeadUserId = leadUserId });
        await db.SaveChangesAsync(cancellationToken);
        await auditLog.WriteAsync(admin.Actor, AuditActions.DeskChanged, "desk " + name, "added");
        return null;
    }

    public async Task RemoveDeskAsync(int deskId, CancellationToken cancellationToken)
    {
        var admin = await gate.DemandAsync(Permissions.ManageTeam, $"desk {deskId}");
        if (await db.Desks.FirstOrDefaultAsync(d => d.Id == deskId, cancellationToken) is { } desk)
        {
            db.Desks.Remove(desk);
            await db.SaveChangesAsync(cancellationToken);
            await auditLog.WriteAsync(admin.Actor, AuditActions.DeskChanged, "desk " + desk.Name, "removed; its people now have no desk");
        }
    }

    public async Task<string?> AddApproverGroupAsync(string name, CancellationToken cancellationToken)
    {
        var admin = await gate.DemandAsync(Permissions.ManageTeam, "approver group " + name);
        name = name.Trim();
        if (name.Length is 0 or > 100)
        {
            return "Give the group a name of up to 100 characters.";
        }

        if (await db.ApproverGroups.AnyAsync(g => g.Name == name, cancellationToken))
        {
            return $"There is already a group called {name}.";
        }

        db.ApproverGroups.Add(new ApproverGroup { Name = name });
        await db.SaveChangesAsync(cancellationToken);
        await auditLog.WriteAsync(admin.Actor, AuditActions.ApproverGroupChanged, "approver group " + name, "added");
        return null;
    }

    public async Task<string?> AddApproverAsync(int groupId, string userId, CancellationToken cancellationToken)
    {
        var admin = await gate.DemandAsync(Permissions.ManageTeam, $"approver group {groupId}");
        var group = await db.ApproverGroups.Include(g => g.Members).FirstOrDefaultAsync(g => g.Id == groupId, cancellationToken);
        var person = await userManager.FindByIdAsync(userId);
        if (group is null || person is null)
        {
            return "That group or person no longer exists.";
        }

        if (!Permissions.AllowsAny(await userManager.GetRolesAsync(person), Permissions.ApprovePosts))
        {
            return $"{person.DisplayName} cannot approve posts: make them an approver first.";
        }

        if (group.Members.Any(m => m.UserId == userId))
        {
            return null;
        }

        group.Members.Add(new ApproverGroupMember { UserId = userId });
        await db.SaveChangesAsync(cancellationToken);
        await auditLog.WriteAsync(admin.Actor, AuditActions.ApproverGroupChanged, "approver group " + group.Name, "added " + Describe(person));
        return null;
    }

    public async Task RemoveApproverAsync(int groupId, string userId, CancellationToken cancellationToken)
    {
        var admin = await gate.DemandAsync(Permissions.ManageTeam, $"approver group {groupId}");
        var group = await db.ApproverGroups.Include(g => g.Members).FirstOrDefaultAsync(g => g.Id == groupId, cancellationToken);
        if (group?.Members.FirstOrDefault(m => m.UserId == userId) is { } member)
        {
            group.Members.Remove(member);
            await db.SaveChangesAsync(cancellationToken);
            await auditLog.WriteAsync(admin.Actor, AuditActions.ApproverGroupChanged, "approver group " + group.Name, "removed " + userId);
        }
    }

    public async Task RemoveApproverGroupAsync(int groupId, CancellationToken cancellationToken)
    {
        var admin = await gate.DemandAsync(Permissions.ManageTeam, $"approver group {groupId}");
        if (await db.ApproverGroups.FirstOrDefaultAsync(g => g.Id == groupId, cancellationToken) is { } group)
        {
            db.ApproverGroups.Remove(group);
            await db.SaveChangesAsync(cancellationToken);
            await auditLog.WriteAsync(admin.Actor, AuditActions.ApproverGroupChanged, "approver group " + group.Name, "removed");
        }
    }

    /// <summary>
    /// Who approves for <paramref name="approverUserId"/> right now: the approver, or their deputy while they are away
    /// (following deputies of deputies, at most a few steps, never in a circle).
    /// </summary>
    public async Task<string> ActingApproverAsync(string approverUserId, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var current = approverUserId;
        while (seen.Add(current) && seen.Count <= 5)
        {
            var person = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == current, cancellationToken);
            var away = person is null || !person.IsActive || person.AwayUntil > now;
            if (!away || person?.DeputyUserId is not { } deputy)
            {
                return current;
            }

            current = deputy;
        }

        return current;
    }

    private async Task<int> ActiveAdminCountAsync(CancellationToken cancellationToken) =>
        (await userManager.GetUsersInRoleAsync(Roles.Admin)).Count(u => u.IsActive);

    private static string Describe(AppUser person) => AuditActor.Describe(person);
}

public sealed record PersonRef(string Id, string Name);

public sealed record PersonView(
    string Id,
    string Name,
    string Email,
    string Role,
    int? DeskId,
    string? DeskName,
    string Initials,
    bool IsActive,
    DateTime? LastSignInAt,
    bool TwoFactor,
    string? DeputyId,
    string? DeputyName,
    DateTime? AwayUntil);

public sealed record DeskView(int Id, string Name, string Description, string? LeadId, string? LeadName);

public sealed record ApproverGroupView(int Id, string Name, IReadOnlyList<PersonRef> Members);

public sealed record TeamView(IReadOnlyList<PersonView> People, IReadOnlyList<DeskView> Desks, IReadOnlyList<ApproverGroupView> ApproverGroups);

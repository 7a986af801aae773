using Microsoft.EntityFrameworkCore;
using PressDeck.Audit;
using PressDeck.Core.Posts;
using PressDeck.Data;
using PressDeck.Data.Lists;
using PressDeck.Team;

namespace PressDeck.Monitoring.Lists;

/// <summary>
/// Creating and editing lists of accounts; every change refreshes what <c>list:name</c> matches, at once. Reading needs
/// <see cref="Permissions.ViewLists"/>, changing <see cref="Permissions.EditLists"/>; changes are audited.
/// </summary>
public sealed class ListService(AppDbContext db, ListDirectory directory, PermissionGate gate, AuditLog auditLog)
{
    public async Task<IReadOnlyList<ListSummary>> GetAllAsync(CancellationToken cancellationToken)
    {
        await gate.DemandAsync(Permissions.ViewLists, "lists");
        return await db.Lists.AsNoTracking()
            .OrderBy(l => l.Name)
            .Select(l => new ListSummary(l.Id, l.Name, l.Description, l.Members.Count))
            .ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ListMemberView>> GetMembersAsync(int listId, CancellationToken cancellationToken)
    {
        await gate.DemandAsync(Permissions.ViewLists, $"list {listId}");
        return await db.ListMembers.AsNoTracking()
            .Where(m => m.ListId == listId)
            .OrderBy(m => m.PersonName).ThenBy(m => m.Handle)
            .Select(m => new ListMemberView(m.Id, m.PersonName, m.Network, m.Handle, m.Note))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Creates a list; returns an error message instead when the name is empty or taken.</summary>
    public async Task<string?> CreateAsync(string name, string description, CancellationToken cancellationToken)
    {
        var person = await gate.DemandAsync(Permissions.EditLists, "create list " + name);
        name = name.Trim();
        if (name.Length == 0)
        {
            return "Give the list a name.";
        }

        if (name.Length > 100 || name.Contains('"', StringComparison.Ordinal))
        {
            return "Use a shorter name without quotation marks.";
        }

        var key = ListDirectory.Key(name);
        if (await db.Lists.AnyAsync(l => l.NormalizedName == key, cancellationToken))
        {
            return $"There is already a list called “{name}”.";
        }

        db.Lists.Add(new AccountList { Name = name, NormalizedName = key, Description = description.Trim() });
        await db.SaveChangesAsync(cancellationToken);
        await directory.ReloadAsync(cancellationToken);
        await auditLog.WriteAsync(person.Actor, AuditActions.ListChanged, "list " + name, "created");
        return null;
    }

    public async Task<string?> AddMemberAsync(int listId, string personName, Network network, string handle, CancellationToken cancellationToken)
    {
        var person = await gate.DemandAsync(Permissions.EditLists, $"list {listId}");
        handle = handle.Trim().TrimStart('@').ToLowerInvariant();
        if (handle.Length == 0 || handle.Length > 300 || handle.Any(char.IsWhiteSpace))
        {
            return "Enter the account's handle, e.g. priya_shah or alice.bsky.social.";
        }

        if (await db.ListMembers.AnyAsync(m => m.ListId == listId && m.Network == network && m.Handle == handle, cancellationToken))
        {
            return $"@{handle} is already on this list.";
        }

        db.ListMembers.Add(new ListMember { ListId = listId, PersonName = personName.Trim(), Network = network, Handle = handle });
        await db.SaveChangesAsync(cancellationToken);
        await directory.ReloadAsync(cancellationToken);
        await auditLog.WriteAsync(person.Actor, AuditActions.ListChanged, $"list {listId}", $"added {network} @{handle}");
        return null;
    }

    public async Task RemoveMemberAsync(int memberId, CancellationToken cancellationToken)
    {
        var person = await gate.DemandAsync(Permissions.EditLists, $"list member {memberId}");
        await db.ListMembers.Where(m => m.Id == memberId).ExecuteDeleteAsync(cancellationToken);
        await directory.ReloadAsync(cancellationToken);
        await auditLog.WriteAsync(person.Actor, AuditActions.ListChanged, $"list member {memberId}", "removed");
    }

    public async Task DeleteAsync(int listId, CancellationToken cancellationToken)
    {
        var person = await gate.DemandAsync(Permissions.EditLists, $"list {listId}");
        await db.ListMembers.Where(m => m.ListId == listId).ExecuteDeleteAsync(cancellationToken);
        await db.Lists.Where(l => l.Id == listId).ExecuteDeleteAsync(cancellationToken);
        await directory.ReloadAsync(cancellationToken);
        await auditLog.WriteAsync(person.Actor, AuditActions.ListChanged, $"list {listId}", "deleted");
    }
}

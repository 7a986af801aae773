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
public sealed class ListService(AppDbContext db, ListDirectory directory, PermissionGate gate, AuditLog auditLog, ListPushSignal pushSignal, TimeProvider time)
{
    public async Task<IReadOnlyList<ListSummary>> GetAllAsync(CancellationToken cancellationToken)
    {
        await gate.DemandAsync(Permissions.ViewLists, "lists");
        return await db.Lists.AsNoTracking()
            .OrderBy(l => l.Name)
            .Select(l => new ListSummary(l.Id, l.Name, l.Description, l.Members.Count, l.SourceNetwork, l.SourceDescription, l.SourceUrl, l.ImportedAt))
            .ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ListMemberView>> GetMembersAsync(int listId, CancellationToken cancellationToken)
    {
        await gate.DemandAsync(Permissions.ViewLists, $"list {listId}");
        // Joined to the contacts directory by (network, handle), which is unique there: no copy to fall out of step on a merge or erasure.
        return await (
            from m in db.ListMembers.AsNoTracking()
            where m.ListId == listId
            join h in db.ContactHandles.AsNoTracking() on new { m.Network, m.Handle } equals new { h.Network, h.Handle } into found
            from h in found.DefaultIfEmpty()
            orderby m.PersonName, m.Handle
            select new ListMemberView(m.Id, h == null ? m.PersonName : h.Contact!.Name, m.Network, m.Handle, m.Note, h == null ? null : h.ContactId, h == null ? null : h.Contact!.Outlet))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The lists any of the contact's handles is on, by name.</summary>
    public async Task<IReadOnlyList<(int ListId, string ListName)>> ListsOfContactAsync(int contactId, CancellationToken cancellationToken)
    {
        await gate.DemandAsync(Permissions.ViewLists, $"lists of contact {contactId}");
        var lists = await (
            from h in db.ContactHandles.AsNoTracking()
            where h.ContactId == contactId
            join m in db.ListMembers.AsNoTracking() on new { h.Network, h.Handle } equals new { m.Network, m.Handle }
            select new { m.ListId, m.List!.Name })
            .Distinct().ToListAsync(cancellationToken);
        return lists.OrderBy(l => l.Name, StringComparer.CurrentCultureIgnoreCase).Select(l => (l.ListId, l.Name)).ToList();
    }

    /// <summary>Puts every handle of the contact on the list, under the contact's name. Returns an error message instead when there is nothing to add.</summary>
    public async Task<string?> AddContactAsync(int listId, int contactId, CancellationToken cancellationToken)
    {
        var person = await gate.DemandAsync(Permissions.EditLists, $"list {listId}");
        var contact = await db.Contacts.AsNoTracking().Include(c => c.Handles).FirstOrDefaultAsync(c => c.Id == contactId, cancellationToken);
        var list = await db.Lists.AsNoTracking().FirstOrDefaultAsync(l => l.Id == listId, cancellationToken);
        if (contact is null || list is null)
        {
            return "The contact or the list was deleted.";
        }

        if (contact.Handles.Count == 0)
        {
            return $"{contact.Name} has no accounts on the networks yet: add one to the contact first.";
        }

        var onList = await db.ListMembers.AsNoTracking().Where(m => m.ListId == listId).Select(m => new { m.Network, m.Handle }).ToListAsync(cancellationToken);
        var missing = contact.Handles.Where(h => !onList.Any(m => m.Network == h.Network && m.Handle == h.Handle)).ToList();
        if (missing.Count == 0)
        {
            return $"{contact.Name} is already on “{list.Name}”.";
        }

        db.ListMembers.AddRange(missing.Select(h => new ListMember { ListId = listId, Network = h.Network, Handle = h.Handle, PersonName = contact.Name }));
        await db.SaveChangesAsync(cancellationToken);
        await ChangedAsync(listId, cancellationToken);
        await auditLog.WriteAsync(person.Actor, AuditActions.ListChanged, "list " + list.Name,
            $"added {contact.Name}: {string.Join(", ", missing.Select(h => $"{h.Network} @{h.Handle}"))}");
        return null;
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

        // A handle that is in Contacts goes on the list under the contact's name when no other name was given.
        var contactName = await db.ContactHandles.AsNoTracking().Where(h => h.Network == network && h.Handle == handle)
            .Select(h => h.Contact!.Name).FirstOrDefaultAsync(cancellationToken);
        personName = personName.Trim();
        if (contactName is not null && (personName.Length == 0 || string.Equals(personName, handle, StringComparison.OrdinalIgnoreCase)))
        {
            personName = contactName;
        }

        db.ListMembers.Add(new ListMember { ListId = listId, PersonName = personName.Length == 0 ? handle : personName, Network = network, Handle = handle });
        await db.SaveChangesAsync(cancellationToken);
        await ChangedAsync(listId, cancellationToken);
        await auditLog.WriteAsync(person.Actor, AuditActions.ListChanged, $"list {listId}", $"added {network} @{handle}");
        return null;
    }

    public async Task RemoveMemberAsync(int memberId, CancellationToken cancellationToken)
    {
        var person = await gate.DemandAsync(Permissions.EditLists, $"list member {memberId}");
        var listId = await db.ListMembers.Where(m => m.Id == memberId).Select(m => (int?)m.ListId).FirstOrDefaultAsync(cancellationToken);
        await db.ListMembers.Where(m => m.Id == memberId).ExecuteDeleteAsync(cancellationToken);
        if (listId is { } id)
        {
            await ChangedAsync(id, cancellationToken);
        }

        await auditLog.WriteAsync(person.Actor, AuditActions.ListChanged, $"list member {memberId}", "removed");
    }

    public async Task DeleteAsync(int listId, CancellationToken cancellationToken)
    {
        var person = await gate.DemandAsync(Permissions.EditLists, $"list {listId}");
        await db.ListPushes.Where(p => p.ListId == listId).ExecuteDeleteAsync(cancellationToken);
        await db.ListMembers.Where(m => m.ListId == listId).ExecuteDeleteAsync(cancellationToken);
        await db.Lists.Where(l => l.Id == listId).ExecuteDeleteAsync(cancellationToken);
        await directory.ReloadAsync(cancellationToken);
        await auditLog.WriteAsync(person.Actor, AuditActions.ListChanged, $"list {listId}", "deleted");
    }

    /// <summary>After a change of members: the query language sees it at once, and the list's pushes become due.</summary>
    private async Task ChangedAsync(int listId, CancellationToken cancellationToken)
    {
        await directory.ReloadAsync(cancellationToken);
        if (await ListTransferService.MarkPushesDueAsync(db, listId, time.GetUtcNow().UtcDateTime, cancellationToken) > 0)
        {
            pushSignal.Wake();
        }
    }
}

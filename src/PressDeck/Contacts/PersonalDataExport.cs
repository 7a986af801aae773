using Microsoft.EntityFrameworkCore;
using PressDeck.Data;

namespace PressDeck.Contacts;

/// <summary>
/// Everything the office holds on one person (SECURITY.md, a subject access request): the contact, its handles, the
/// interactions logged, the history with the office, and the office's lists their handles are on. Built for the
/// endpoint, which checks the permission and audits the export.
/// </summary>
public sealed class PersonalDataExport(AppDbContext db, ContactHistory history, TimeProvider timeProvider)
{
    /// <summary>Most history entries an export holds (the newest), so one prolific account cannot make an endless file.</summary>
    public const int HistoryLimit = 10_000;

    /// <summary>The document, or null when the contact does not exist.</summary>
    public async Task<PersonalDataDocument?> BuildAsync(int contactId, CancellationToken cancellationToken)
    {
        var contact = await db.Contacts.AsNoTracking().AsSplitQuery().Include(c => c.Handles).Include(c => c.Interactions)
            .FirstOrDefaultAsync(c => c.Id == contactId, cancellationToken);
        if (contact is null)
        {
            return null;
        }

        var handles = contact.Handles.OrderBy(h => h.Network).ThenBy(h => h.Handle).ToList();
        var handleTexts = handles.Select(h => h.Handle).ToList();
        var members = await db.ListMembers.AsNoTracking().Where(m => handleTexts.Contains(m.Handle))
            .Select(m => new { List = m.List!.Name, m.Network, m.Handle, m.PersonName, m.Note }).ToListAsync(cancellationToken);
        var lists = members.Where(m => handles.Any(h => h.Network == m.Network && h.Handle == m.Handle))
            .OrderBy(m => m.List, StringComparer.OrdinalIgnoreCase)
            .Select(m => new PersonalDataListMembership(m.List, m.Network.ToString(), m.Handle, m.PersonName, m.Note)).ToList();
        var items = await history.ReadAsync(contactId, null, HistoryLimit, cancellationToken);
        return new PersonalDataDocument(
            timeProvider.GetUtcNow().UtcDateTime,
            new PersonalDataContact(contact.Id, contact.Name, contact.Outlet, contact.Beat, contact.Email, contact.Phone, contact.Notes, contact.CreatedAt, contact.UpdatedAt, contact.LastInteractionAt),
            handles.Select(h => new PersonalDataHandle(h.Network.ToString(), h.Handle)).ToList(),
            contact.Interactions.OrderBy(i => i.At).Select(i => new PersonalDataInteraction(i.At, i.Kind.ToString(), i.Summary, i.ByName)).ToList(),
            items.Select(i => new PersonalDataHistoryItem(i.At, i.Source, i.Kind, i.Summary, i.ByName, i.Network?.ToString(), i.Handle, i.Url)).ToList(),
            lists);
    }
}

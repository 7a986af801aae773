using Microsoft.EntityFrameworkCore;
using PressDeck.Data;

namespace PressDeck.Contacts;

/// <summary>A contact's history: every <see cref="IContactHistorySource"/> merged into one list, newest first.</summary>
public sealed class ContactHistory(AppDbContext db, IEnumerable<IContactHistorySource> sources)
{
    /// <summary>How many entries a history shows at most (the newest).</summary>
    public const int Limit = 200;

    public Task<IReadOnlyList<ContactHistoryItem>> ReadAsync(int contactId, CancellationToken cancellationToken) =>
        ReadAsync(contactId, null, Limit, cancellationToken);

    /// <summary>The newest <paramref name="limit"/> entries at or after <paramref name="since"/> (UTC), when given.</summary>
    public async Task<IReadOnlyList<ContactHistoryItem>> ReadAsync(int contactId, DateTime? since, int limit, CancellationToken cancellationToken)
    {
        var handles = await db.ContactHandles.AsNoTracking().Where(h => h.ContactId == contactId)
            .Select(h => new { h.Network, h.Handle }).ToListAsync(cancellationToken);
        var query = new ContactHistoryQuery(contactId, handles.Select(h => (h.Network, h.Handle)).ToList(), since, limit);
        var items = new List<ContactHistoryItem>();
        // One after another: the sources share this scope's DbContext.
        foreach (var source in sources)
        {
            items.AddRange(await source.ReadAsync(query, cancellationToken));
        }

        // A post that reached the inbox is shown once, as the inbox item that says how it was dealt with.
        var inInbox = items.Where(i => i.Source == ContactHistorySources.Inbox && i.Network is not null)
            .Select(i => (i.Network, i.Handle, i.At)).ToHashSet();
        return items.Where(i => i.Source != ContactHistorySources.Post || !inInbox.Contains((i.Network, i.Handle, i.At)))
            .OrderByDescending(i => i.At).Take(limit).ToList();
    }
}

using Microsoft.EntityFrameworkCore;
using PressDeck.Contacts;
using PressDeck.Data;
using PressDeck.Data.Inbox;

namespace PressDeck.Inbox;

/// <summary>
/// The inbox as a source of a contact's history: every question of theirs that reached the inbox (by one of their
/// handles), and every enquiry logged by hand from their email address or phone number, or under their name and
/// outlet, with how it was dealt with. It is part of the history anyone who may read the contact sees (the person export
/// included); opening the item itself needs the inbox's permission.
/// </summary>
internal sealed class InboxHistory(AppDbContext db) : IContactHistorySource
{
    /// <summary>How many of the newest enquiries logged by hand are looked through for the contact.</summary>
    private const int MaxLoggedScanned = 5000;

    public async Task<IReadOnlyList<ContactHistoryItem>> ReadAsync(ContactHistoryQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var since = query.Since ?? DateTime.MinValue;
        var items = new List<InboxItem>();
        foreach (var group in query.Handles.GroupBy(h => h.Network))
        {
            var handles = group.Select(h => h.Handle).ToList();
            items.AddRange(await db.InboxItems.AsNoTracking()
                .Where(i => i.Network == group.Key && handles.Contains(i.FromHandle) && i.AskedAt >= since)
                .OrderByDescending(i => i.AskedAt).Take(query.Limit).ToListAsync(cancellationToken));
        }

        var contact = await db.Contacts.AsNoTracking().Where(c => c.Id == query.ContactId)
            .Select(c => new { c.Name, c.Outlet, c.Email, c.Phone }).FirstOrDefaultAsync(cancellationToken);
        if (contact is not null)
        {
            // Enquiries logged by hand are few (each was typed in by an officer): the newest are matched here, in memory.
            var logged = await db.InboxItems.AsNoTracking()
                .Where(i => i.Network == null && i.AskedAt >= since)
                .OrderByDescending(i => i.AskedAt).Take(MaxLoggedScanned).ToListAsync(cancellationToken);
            items.AddRange(logged.Where(i => IsFrom(i, contact.Name, contact.Outlet, contact.Email, contact.Phone)));
        }

        return items.DistinctBy(i => i.Id).OrderByDescending(i => i.AskedAt).Take(query.Limit)
            .Select(i => new ContactHistoryItem(i.AskedAt, ContactHistorySources.Inbox, KindOf(i), Summary(i), null, i.Network, i.Network is null ? null : i.FromHandle, $"/inbox/{i.Id}"))
            .ToList();
    }

    /// <summary>
    /// Whether an enquiry logged by hand came from this person: from their email address, from their phone number (with
    /// or without its country code and trunk prefix, +44 20 … and 020 …), or under their name and outlet.
    /// </summary>
    internal static bool IsFrom(InboxItem item, string name, string outlet, string email, string phone)
    {
        ArgumentNullException.ThrowIfNull(item);
        (name, outlet, email) = (name.Trim(), outlet.Trim(), email.Trim());
        return (email.Length > 0 && string.Equals(item.FromHandle.Trim(), email, StringComparison.OrdinalIgnoreCase))
            || (name.Length > 0 && outlet.Length > 0 && string.Equals(item.FromName.Trim(), name, StringComparison.OrdinalIgnoreCase)
                && string.Equals(item.Outlet.Trim(), outlet, StringComparison.OrdinalIgnoreCase))
            || SamePhone(Digits(phone), Digits(item.FromHandle));
    }

    /// <summary>What the item was and how it stands: "Reply on Bluesky · answered by Nia Patel in 12 min".</summary>
    private static string KindOf(InboxItem item)
    {
        var what = item.Kind switch
        {
            InboxItemKind.Phone => "Phone enquiry",
            InboxItemKind.Email => "Email enquiry",
            InboxItemKind.Reply => "Reply",
            InboxItemKind.Quote => "Quote",
            _ => "Mention",
        };
        var on = item.Network is { } network ? " on " + ContactRules.NetworkName(network) : "";
        var how = item.Status switch
        {
            InboxStatus.Answered => $"answered{(item.AnsweredByName is { } by ? " by " + by : "")}{(item.ResponseSeconds is { } seconds ? " in " + InboxService.FormatDuration(TimeSpan.FromSeconds(seconds)) : "")}",
            InboxStatus.NoActionNeeded => "no action needed",
            InboxStatus.InProgress => $"in the inbox{(item.AssignedName is { } with ? ", with " + with : "")}",
            _ => "in the inbox, not taken yet",
        };
        return $"{what}{on} · {how}";
    }

    private static string Summary(InboxItem item) =>
        item.Topic.Length > 0 ? $"{item.Topic}: {item.Text}" : item.Text;

    /// <summary>The same number: the last nine digits agree (what remains of a UK number without +44 or 0), or all of a shorter one.</summary>
    private static bool SamePhone(string a, string b) =>
        a.Length >= 6 && b.Length >= 6 && (a.Length >= 9 && b.Length >= 9 ? a[^9..] == b[^9..] : a == b);

    private static string Digits(string text) => new([.. text.Where(char.IsAsciiDigit)]);
}

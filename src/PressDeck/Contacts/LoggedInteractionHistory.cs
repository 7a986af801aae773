using Microsoft.EntityFrameworkCore;
using PressDeck.Data;
using PressDeck.Data.Contacts;

namespace PressDeck.Contacts;

/// <summary>The interactions officers logged by hand.</summary>
internal sealed class LoggedInteractionHistory(AppDbContext db) : IContactHistorySource
{
    public async Task<IReadOnlyList<ContactHistoryItem>> ReadAsync(ContactHistoryQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var since = query.Since ?? DateTime.MinValue;
        var logged = await db.ContactInteractions.AsNoTracking()
            .Where(i => i.ContactId == query.ContactId && i.At >= since)
            .OrderByDescending(i => i.At).ThenByDescending(i => i.Id).Take(query.Limit)
            .ToListAsync(cancellationToken);
        return logged.Select(i => new ContactHistoryItem(i.At, ContactHistorySources.Logged, KindName(i.Kind), i.Summary, i.ByName)).ToList();
    }

    public static string KindName(ContactInteractionKind kind) => kind switch
    {
        ContactInteractionKind.Phone => "Phone call",
        ContactInteractionKind.Email => "Email",
        ContactInteractionKind.Meeting => "Meeting",
        ContactInteractionKind.Briefing => "Briefing",
        _ => "Other",
    };
}

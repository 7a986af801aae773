using Microsoft.EntityFrameworkCore;
using PressDeck.Data;
using PressDeck.Data.Inbox;

namespace PressDeck.Inbox;

/// <summary>What a routing rule does to a new item: its desk, its officer (if the rule names an active one) and its topic.</summary>
internal static class InboxRoutes
{
    public static async Task ApplyAsync(AppDbContext db, InboxItem item, InboxRule rule, DateTime now, CancellationToken cancellationToken)
    {
        item.RoutedBy = rule.Name;
        item.DeskId = rule.DeskId;
        if (!string.IsNullOrWhiteSpace(rule.Topic) && item.Topic.Length == 0)
        {
            item.Topic = rule.Topic;
        }

        var to = new List<string>();
        if (rule.DeskId is { } deskId && await db.Desks.AsNoTracking().FirstOrDefaultAsync(d => d.Id == deskId, cancellationToken) is { } desk)
        {
            to.Add($"the {desk.Name} desk");
        }

        if (rule.AssignUserId is { } userId && await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId && u.IsActive, cancellationToken) is { } person)
        {
            item.AssignedUserId = person.Id;
            item.AssignedName = person.DisplayName;
            item.AssignedAt = now;
            to.Add(person.DisplayName);
        }

        item.Log.Add(new InboxLogEntry
        {
            Kind = InboxLogKind.Event,
            At = now,
            ByName = "PressDeck",
            Text = $"Routed to {(to.Count == 0 ? "nobody in particular" : string.Join(" and ", to))} by the rule \"{rule.Name}\".",
        });
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PressDeck.Audit;
using PressDeck.Data;
using PressDeck.Data.Identity;
using PressDeck.Data.Inbox;
using PressDeck.Email;

namespace PressDeck.Inbox;

/// <summary>
/// Tells people about inbox items, in the app at once (<see cref="InboxEvents.Notice"/>) and by email: the officer an
/// item is given to, the desk's lead when an item comes to the desk, and both when an item's response target is about
/// to be missed.
/// </summary>
public sealed partial class InboxMessenger(
    IServiceScopeFactory scopeFactory,
    InboxEvents events,
    EmailSender email,
    IOptions<EmailOptions> emailOptions,
    ILogger<InboxMessenger> logger)
{
    /// <summary>A routing rule sent a new item to an officer or a desk.</summary>
    public async Task RoutedAsync(InboxItem item, InboxRule rule, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(rule);
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var people = new List<AppUser>();
        if (item.AssignedUserId is { } assignee && await ActiveAsync(db, assignee, cancellationToken) is { } person)
        {
            people.Add(person);
        }
        else if (await DeskLeadAsync(db, item.DeskId, null, cancellationToken) is { } lead)
        {
            people.Add(lead);
        }

        var why = item.AssignedUserId is null ? $"A new enquiry came to your desk (rule \"{rule.Name}\")" : $"A new enquiry was given to you (rule \"{rule.Name}\")";
        await TellAsync(people, item, why, false, cancellationToken);
    }

    /// <summary>Someone gave the item to an officer (not themselves).</summary>
    public async Task AssignedAsync(InboxItem item, string byName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (item.AssignedUserId is { } assignee && await ActiveAsync(db, assignee, cancellationToken) is { } person)
        {
            await TellAsync([person], item, $"{byName} gave you an enquiry", false, cancellationToken);
        }
    }

    /// <summary>The item's response target is about to be missed (or its journalist's deadline is near): its officer and the desk's lead are told.</summary>
    public async Task TargetNearAsync(InboxItem item, string why, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var people = new List<AppUser>();
        AppUser? assignee = null;
        if (item.AssignedUserId is { } assigneeId && await ActiveAsync(db, assigneeId, cancellationToken) is { } person)
        {
            assignee = person;
            people.Add(person);
        }

        if (await DeskLeadAsync(db, item.DeskId, assignee, cancellationToken) is { } lead && people.All(p => p.Id != lead.Id))
        {
            people.Add(lead);
        }

        await TellAsync(people, item, why, true, cancellationToken);
    }

    private static Task<AppUser?> ActiveAsync(AppDbContext db, string userId, CancellationToken cancellationToken) =>
        db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId && u.IsActive, cancellationToken);

    /// <summary>The lead of the item's desk, or else of the assigned officer's desk.</summary>
    private static async Task<AppUser?> DeskLeadAsync(AppDbContext db, int? deskId, AppUser? assignee, CancellationToken cancellationToken)
    {
        var desk = deskId ?? assignee?.DeskId;
        if (desk is null)
        {
            return null;
        }

        var leadId = await db.Desks.AsNoTracking().Where(d => d.Id == desk).Select(d => d.LeadUserId).FirstOrDefaultAsync(cancellationToken);
        return leadId is null ? null : await ActiveAsync(db, leadId, cancellationToken);
    }

    private async Task TellAsync(List<AppUser> people, InboxItem item, string why, bool urgent, CancellationToken cancellationToken)
    {
        var from = item.FromName.Length > 0 ? $"{item.FromName} ({Who(item)})" : Who(item);
        foreach (var person in people)
        {
            events.Tell(new InboxNotice(person.Id, item.Id, $"{why}: {from}.", urgent));
        }

        if (!email.IsConfigured)
        {
            return;
        }

        var link = string.IsNullOrWhiteSpace(emailOptions.Value.PublicUrl) ? "" : $"{emailOptions.Value.PublicUrl.TrimEnd('/')}/inbox/{item.Id}";
        foreach (var person in people.Where(p => !string.IsNullOrWhiteSpace(p.Email)))
        {
            var deadline = item.Deadline is { } at ? $"Their deadline: {OfficeTime.Format(at)}.\n" : "";
            var body = $"{why}.\n\nFrom {from}, {OfficeTime.Format(item.AskedAt)}:\n\n{item.Text}\n\n{deadline}"
                + (link.Length > 0 ? $"Open it: {link}\n" : "Open it in PressDeck, under Inbox.\n");
            var problem = await email.SendAsync(new EmailMessage(person.Email!, person.DisplayName, $"{why}: {Publishing.ApprovalNotifier.Shorten(item.Text)}", body), cancellationToken);
            if (problem is not null)
            {
                LogEmailFailed(item.Id, problem);
            }
        }
    }

    internal static string Who(InboxItem item) => item.Network is null ? item.FromHandle : $"@{item.FromHandle} on {item.Network}";

    [LoggerMessage(EventId = 4704, Level = LogLevel.Warning, Message = "Could not email about inbox item {ItemId}: {Problem}")]
    private partial void LogEmailFailed(int itemId, string problem);
}

using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PressDeck.Audit;
using PressDeck.Core.Posts;
using PressDeck.Core.Query;
using PressDeck.Core.Text;
using PressDeck.Data;
using PressDeck.Data.Archive;
using PressDeck.Data.Inbox;
using PressDeck.Data.Publishing;
using PressDeck.Monitoring.Lists;
using PressDeck.Publishing;
using PressDeck.Team;

namespace PressDeck.Inbox;

/// <summary>
/// What officers do with the inbox: see it (oldest unanswered first, the office's lists' journalists first if asked),
/// take an item or give it to someone, change its status, keep its enquiry details and notes, and log enquiries that
/// came by phone or email. Taking is first come, first served: two officers never both hold an item. Every change is
/// audited and written to the item's own log, and open pages are told at once.
/// </summary>
public sealed class InboxService(
    AppDbContext db,
    PermissionGate gate,
    AuditLog auditLog,
    InboxEvents events,
    InboxMessenger messenger,
    InboxRouting routing,
    ListDirectory lists,
    TimeProvider timeProvider)
{
    /// <summary>The most items one view lists.</summary>
    public const int MaxListed = 200;

    /// <summary>The longest note or log line.</summary>
    public const int MaxNoteLength = 4000;

    private DateTime Now => timeProvider.GetUtcNow().UtcDateTime;

    /// <summary>
    /// The items the filter shows: open ones oldest first, so the longest-waiting question is offered first (or newest
    /// first, to watch what arrives), the office's lists' journalists first when asked; closed ones newest first.
    /// </summary>
    public async Task<IReadOnlyList<InboxItem>> ListAsync(InboxFilter filter, bool listsFirst, bool newestFirst, CancellationToken cancellationToken)
    {
        var person = await gate.DemandAsync(Permissions.WorkInbox, "the inbox");
        var query = db.InboxItems.AsNoTracking();
        query = filter switch
        {
            InboxFilter.Mine => query.Where(i => (i.Status == InboxStatus.New || i.Status == InboxStatus.InProgress) && i.AssignedUserId == person.Id),
            InboxFilter.Unassigned => query.Where(i => (i.Status == InboxStatus.New || i.Status == InboxStatus.InProgress) && i.AssignedUserId == null),
            InboxFilter.Closed => query.Where(i => i.Status == InboxStatus.Answered || i.Status == InboxStatus.NoActionNeeded),
            _ => query.Where(i => i.Status == InboxStatus.New || i.Status == InboxStatus.InProgress),
        };
        if (filter == InboxFilter.Closed)
        {
            return await query.OrderByDescending(i => i.UpdatedAt).Take(MaxListed).ToListAsync(cancellationToken);
        }

        var ordered = newestFirst ? query.OrderByDescending(i => i.AskedAt).ThenByDescending(i => i.Id) : query.OrderBy(i => i.AskedAt).ThenBy(i => i.Id);
        var items = await ordered.Take(MaxListed).ToListAsync(cancellationToken);
        return listsFirst ? [.. items.OrderBy(i => i.ListNames.Length == 0)] : items;
    }

    /// <summary>How many items the filter has in all (the list shows at most <see cref="MaxListed"/>).</summary>
    public async Task<int> CountAsync(InboxFilter filter, CancellationToken cancellationToken)
    {
        var person = await gate.DemandAsync(Permissions.WorkInbox, "the inbox");
        return filter switch
        {
            InboxFilter.Mine => await db.InboxItems.CountAsync(i => (i.Status == InboxStatus.New || i.Status == InboxStatus.InProgress) && i.AssignedUserId == person.Id, cancellationToken),
            InboxFilter.Unassigned => await db.InboxItems.CountAsync(i => (i.Status == InboxStatus.New || i.Status == InboxStatus.InProgress) && i.AssignedUserId == null, cancellationToken),
            InboxFilter.Closed => await db.InboxItems.CountAsync(i => i.Status == InboxStatus.Answered || i.Status == InboxStatus.NoActionNeeded, cancellationToken),
            _ => await db.InboxItems.CountAsync(i => i.Status == InboxStatus.New || i.Status == InboxStatus.InProgress, cancellationToken),
        };
    }

    /// <summary>How many open items need someone: nobody has them, or they are mine.</summary>
    public async Task<int> CountNeedingSomeoneAsync(CancellationToken cancellationToken)
    {
        var person = await gate.CurrentAsync();
        if (person is null || !Permissions.Allows(person.Role, Permissions.WorkInbox))
        {
            return 0;
        }

        return await db.InboxItems.CountAsync(
            i => (i.Status == InboxStatus.New || i.Status == InboxStatus.InProgress) && (i.AssignedUserId == null || i.AssignedUserId == person.Id),
            cancellationToken);
    }

    /// <summary>The active people who can work the inbox, by name: whom an item can be given to.</summary>
    public async Task<IReadOnlyList<PersonRef>> PeopleAsync(CancellationToken cancellationToken)
    {
        await gate.DemandAsync(Permissions.WorkInbox, "the inbox");
        var people = await (from user in db.Users
                            join userRole in db.UserRoles on user.Id equals userRole.UserId
                            join role in db.Roles on userRole.RoleId equals role.Id
                            where user.IsActive
                            select new { user.Id, user.DisplayName, role.Name }).ToListAsync(cancellationToken);
        return [.. people.Where(p => Permissions.Allows(p.Name, Permissions.WorkInbox)).DistinctBy(p => p.Id)
            .Select(p => new PersonRef(p.Id, p.DisplayName)).OrderBy(p => p.Name, StringComparer.CurrentCultureIgnoreCase)];
    }

    /// <summary>The office's desks, by name: where a routing rule can send items.</summary>
    public async Task<IReadOnlyList<(int Id, string Name)>> DesksAsync(CancellationToken cancellationToken)
    {
        await gate.DemandAsync(Permissions.WorkInbox, "the inbox");
        var desks = await db.Desks.AsNoTracking().Select(d => new { d.Id, d.Name }).ToListAsync(cancellationToken);
        return [.. desks.OrderBy(d => d.Name, StringComparer.CurrentCultureIgnoreCase).Select(d => (d.Id, d.Name))];
    }

    /// <summary>One item with its log, oldest line first.</summary>
    public async Task<InboxItem?> GetAsync(int itemId, CancellationToken cancellationToken)
    {
        await gate.DemandAsync(Permissions.WorkInbox, $"inbox item {itemId}");
        var item = await db.InboxItems.AsNoTracking().Include(i => i.Log).FirstOrDefaultAsync(i => i.Id == itemId, cancellationToken);
        item?.Log.Sort((a, b) => a.At != b.At ? a.At.CompareTo(b.At) : a.Id.CompareTo(b.Id));
        return item;
    }

    /// <summary>The replies drafted to the item's post, with where each stands (so a second officer sees a reply is on its way).</summary>
    public async Task<IReadOnlyList<PostDraft>> RepliesAsync(InboxItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        await gate.DemandAsync(Permissions.WorkInbox, $"inbox item {item.Id}");
        if (item.Network is null || item.RemoteId is null)
        {
            return [];
        }

        return await db.Drafts.AsNoTracking().Include(d => d.Targets)
            .Where(d => d.ReferenceNetwork == item.Network && d.ReferenceRemoteId == item.RemoteId && d.State != DraftState.Withdrawn && d.ThreadParentId == null)
            .OrderBy(d => d.CreatedAt).ToListAsync(cancellationToken);
    }

    /// <summary>The post the item is about, as archived, for the composer to reply to or quote; null for a logged enquiry.</summary>
    public async Task<Post?> PostOfAsync(InboxItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.Network is not { } network || item.RemoteId is null)
        {
            return null;
        }

        var json = await db.Posts.AsNoTracking().Where(p => p.Network == network && p.RemoteId == item.RemoteId && p.DeletedAt == null)
            .Select(p => p.PostJson).FirstOrDefaultAsync(cancellationToken);
        return json is null ? null : JsonSerializer.Deserialize(json, ArchiveJsonContext.Default.Post);
    }

    /// <summary>Logs an enquiry that came by phone or email into the same queue, routed by the same rules (on its topic and question).</summary>
    public async Task<int> LogEnquiryAsync(EnquiryForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var person = await gate.DemandAsync(Permissions.WorkInbox, "new enquiry");
        if (form.Channel is not (InboxItemKind.Phone or InboxItemKind.Email))
        {
            throw new DraftException("An enquiry logged by hand came by phone or by email.");
        }

        var name = FormText.Required(form.Name, "Who asked", 300);
        var question = FormText.Required(form.Question, "The question", 20_000);
        var now = Now;
        var asked = form.AskedAt ?? now;
        if (asked > now + TimeSpan.FromMinutes(5))
        {
            throw new DraftException("When they asked cannot be in the future.");
        }

        var item = new InboxItem
        {
            Kind = form.Channel,
            OfficeHandle = form.Channel == InboxItemKind.Phone ? "phone" : "email",
            FromName = name,
            FromHandle = FormText.Optional(form.Contact, "How to reach them", 300),
            Outlet = FormText.Optional(form.Outlet, "The outlet", 200),
            Topic = FormText.Optional(form.Topic, "The topic", 200),
            Text = question,
            AskedAt = asked,
            ArrivedAt = now,
            Deadline = form.Deadline,
            Status = InboxStatus.New,
            UpdatedAt = now,
        };
        item.Log.Add(new InboxLogEntry { Kind = InboxLogKind.Event, At = now, ByUserId = person.Id, ByName = person.Name, Text = $"Logged {InboxIntake.KindWords(item.Kind)} the office." });
        var synthetic = new Post
        {
            Network = Network.Rss,
            RemoteId = "enquiry",
            Author = new Author("enquiry", name, null),
            Text = $"{item.Topic}\n{item.Text}",
            CreatedAt = asked,
        };
        var rule = await routing.RouteAsync(PostAnalyzer.Analyze(synthetic), cancellationToken);
        if (rule is not null)
        {
            await InboxRoutes.ApplyAsync(db, item, rule, now, cancellationToken);
        }

        db.InboxItems.Add(item);
        await db.SaveChangesAsync(cancellationToken);
        await auditLog.WriteAsync(person.Actor, AuditActions.InboxEnquiryLogged, Describe(item), $"{item.Kind} from {item.FromName}{(item.Outlet.Length > 0 ? $" ({item.Outlet})" : "")}: {item.Topic}");
        events.NotifyItemChanged(item.Id);
        if (rule is not null)
        {
            await messenger.RoutedAsync(item, rule, cancellationToken);
        }

        return item.Id;
    }

    /// <summary>
    /// Takes an item nobody has (first come, first served: if a colleague took it a moment ago, says who and when).
    /// Taking an item I already hold does nothing.
    /// </summary>
    public async Task TakeAsync(int itemId, CancellationToken cancellationToken)
    {
        var person = await gate.DemandAsync(Permissions.WorkInbox, $"inbox item {itemId}");
        var now = Now;
        var taken = await db.InboxItems
            .Where(i => i.Id == itemId && i.AssignedUserId == null && (i.Status == InboxStatus.New || i.Status == InboxStatus.InProgress))
            .ExecuteUpdateAsync(
                set => set.SetProperty(i => i.AssignedUserId, person.Id).SetProperty(i => i.AssignedName, person.Name).SetProperty(i => i.AssignedAt, now)
                    .SetProperty(i => i.Status, InboxStatus.InProgress).SetProperty(i => i.UpdatedAt, now),
                cancellationToken);
        var item = await db.InboxItems.AsNoTracking().FirstOrDefaultAsync(i => i.Id == itemId, cancellationToken) ?? throw new DraftException("That item no longer exists.");
        if (taken == 0)
        {
            if (item.AssignedUserId == person.Id)
            {
                return;
            }

            throw item.AssignedUserId is not null
                ? new DraftException($"{item.AssignedName} took this at {OfficeTime.Format(item.AssignedAt ?? now)}.")
                : new DraftException("This item is closed; reopen it first.");
        }

        await AddLogAsync(itemId, InboxLogKind.Event, person, "Took it.", cancellationToken);
        await auditLog.WriteAsync(person.Actor, AuditActions.InboxTaken, Describe(item), "took it");
        events.NotifyItemChanged(itemId);
    }

    /// <summary>Gives the item to an officer, or to nobody (<paramref name="userId"/> null) so it is offered again.</summary>
    public async Task AssignAsync(int itemId, string? userId, CancellationToken cancellationToken)
    {
        var person = await gate.DemandAsync(Permissions.WorkInbox, $"inbox item {itemId}");
        var item = await LoadAsync(itemId, cancellationToken);
        string? name = null;
        if (userId is not null)
        {
            var assignee = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId && u.IsActive, cancellationToken)
                ?? throw new DraftException("That person is not an active member of the team.");
            var roles = await (from userRole in db.UserRoles join role in db.Roles on userRole.RoleId equals role.Id where userRole.UserId == userId select role.Name).ToListAsync(cancellationToken);
            if (!Permissions.AllowsAny(roles.OfType<string>(), Permissions.WorkInbox))
            {
                throw new DraftException($"{assignee.DisplayName} cannot work the inbox in their role.");
            }

            name = assignee.DisplayName;
        }

        if (item.AssignedUserId == userId)
        {
            return;
        }

        var now = Now;
        var before = item.AssignedName;
        item.AssignedUserId = userId;
        item.AssignedName = name;
        item.AssignedAt = userId is null ? null : now;
        if (userId is not null && item.Status == InboxStatus.New)
        {
            item.Status = InboxStatus.InProgress;
        }

        item.UpdatedAt = now;
        var words = userId is null ? $"Released it{(before is null ? "" : $" (was {before})")}; it is offered to everyone again." : userId == person.Id ? "Took it." : $"Gave it to {name}.";
        item.Log.Add(new InboxLogEntry { Kind = InboxLogKind.Event, At = now, ByUserId = person.Id, ByName = person.Name, Text = words });
        await db.SaveChangesAsync(cancellationToken);
        await auditLog.WriteAsync(person.Actor, AuditActions.InboxAssigned, Describe(item), userId is null ? $"to nobody (was {before ?? "nobody"})" : $"to {name} (was {before ?? "nobody"})");
        events.NotifyItemChanged(itemId);
        if (userId is not null && userId != person.Id)
        {
            await messenger.AssignedAsync(item, person.Name, cancellationToken);
        }
    }

    /// <summary>
    /// Moves the item to a status. Answered records who answered and the response time (from when it was asked);
    /// reopening clears them. A post's item is usually answered by publishing the reply, which does this itself.
    /// </summary>
    public async Task SetStatusAsync(int itemId, InboxStatus status, CancellationToken cancellationToken)
    {
        var person = await gate.DemandAsync(Permissions.WorkInbox, $"inbox item {itemId}");
        var item = await LoadAsync(itemId, cancellationToken);
        if (item.Status == status)
        {
            return;
        }

        var now = Now;
        var before = item.Status;
        item.Status = status;
        item.UpdatedAt = now;
        if (status == InboxStatus.Answered)
        {
            item.AnsweredAt = now;
            item.AnsweredByName = person.Name;
            item.ResponseSeconds = ResponseSeconds(item, now);
        }
        else if (status is InboxStatus.New or InboxStatus.InProgress)
        {
            item.AnsweredAt = null;
            item.AnsweredByName = null;
            item.ResponseSeconds = null;
            item.AnswerUrl = null;
        }

        if (status == InboxStatus.InProgress && item.AssignedUserId is null)
        {
            item.AssignedUserId = person.Id;
            item.AssignedName = person.Name;
            item.AssignedAt = now;
        }

        var text = $"{StatusWords(before)} → {StatusWords(status)}" + (status == InboxStatus.Answered ? $", in {FormatDuration(TimeSpan.FromSeconds(item.ResponseSeconds!.Value))}" : "");
        item.Log.Add(new InboxLogEntry { Kind = InboxLogKind.Event, At = now, ByUserId = person.Id, ByName = person.Name, Text = text + "." });
        await db.SaveChangesAsync(cancellationToken);
        await auditLog.WriteAsync(person.Actor, AuditActions.InboxStatusChanged, Describe(item), text);
        events.NotifyItemChanged(itemId);
    }

    /// <summary>Adds an internal note, or a line of what was said to the journalist.</summary>
    public async Task AddNoteAsync(int itemId, InboxLogKind kind, string text, CancellationToken cancellationToken)
    {
        var person = await gate.DemandAsync(Permissions.WorkInbox, $"inbox item {itemId}");
        if (kind == InboxLogKind.Event)
        {
            throw new DraftException("Only notes and what was said are written by hand.");
        }

        var words = FormText.Required(text, kind == InboxLogKind.Note ? "The note" : "What was said", MaxNoteLength);
        var item = await LoadAsync(itemId, cancellationToken);
        item.UpdatedAt = Now;
        item.Log.Add(new InboxLogEntry { Kind = kind, At = Now, ByUserId = person.Id, ByName = person.Name, Text = words });
        await db.SaveChangesAsync(cancellationToken);
        await auditLog.WriteAsync(person.Actor, kind == InboxLogKind.Note ? AuditActions.InboxNoteAdded : AuditActions.InboxSaidLogged, Describe(item), words);
        events.NotifyItemChanged(itemId);
    }

    /// <summary>Keeps the enquiry's outlet, topic, the journalist's deadline and the agreed line to take.</summary>
    public async Task UpdateDetailsAsync(int itemId, EnquiryDetails details, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(details);
        var person = await gate.DemandAsync(Permissions.WorkInbox, $"inbox item {itemId}");
        var item = await LoadAsync(itemId, cancellationToken);
        var outlet = FormText.Optional(details.Outlet, "The outlet", 200);
        var topic = FormText.Optional(details.Topic, "The topic", 200);
        string? line = null;
        if (details.LineToTakeId is { } lineId && lineId != item.LineToTakeId)
        {
            var chosen = await db.LinesToTake.AsNoTracking().FirstOrDefaultAsync(l => l.Id == lineId, cancellationToken) ?? throw new DraftException("That line to take no longer exists.");
            if (!Lines.LineService.IsOffered(chosen, Now))
            {
                throw new DraftException("That line to take is not approved, or has expired; choose a current one.");
            }

            line = chosen.Topic;
        }

        var changes = new List<string>();
        if (outlet != item.Outlet)
        {
            changes.Add($"outlet \"{outlet}\"");
        }

        if (topic != item.Topic)
        {
            changes.Add($"topic \"{topic}\"");
        }

        if (details.Deadline != item.Deadline)
        {
            changes.Add(details.Deadline is { } deadline ? $"deadline {OfficeTime.Format(deadline)}" : "no deadline");
        }

        if (details.LineToTakeId != item.LineToTakeId)
        {
            changes.Add(line is null ? "no line to take" : $"line to take \"{line}\"");
        }

        if (changes.Count == 0)
        {
            return;
        }

        item.Outlet = outlet;
        item.Topic = topic;
        item.Deadline = details.Deadline;
        item.LineToTakeId = details.LineToTakeId;
        item.UpdatedAt = Now;
        var text = "Set " + string.Join(", ", changes) + ".";
        item.Log.Add(new InboxLogEntry { Kind = InboxLogKind.Event, At = Now, ByUserId = person.Id, ByName = person.Name, Text = text });
        await db.SaveChangesAsync(cancellationToken);
        await auditLog.WriteAsync(person.Actor, AuditActions.InboxDetailsChanged, Describe(item), text);
        events.NotifyItemChanged(itemId);
    }

    /// <summary>The office's response target and warning time.</summary>
    public async Task<InboxSettings> SettingsAsync(CancellationToken cancellationToken) =>
        await db.InboxSettings.AsNoTracking().FirstOrDefaultAsync(cancellationToken) ?? new InboxSettings();

    public async Task SaveSettingsAsync(int responseTargetMinutes, int warnBeforeMinutes, CancellationToken cancellationToken)
    {
        var person = await gate.DemandAsync(Permissions.ManageInbox, "the inbox's response target");
        if (responseTargetMinutes is < 5 or > 7 * 24 * 60)
        {
            throw new DraftException("The response target is between 5 minutes and 7 days.");
        }

        if (warnBeforeMinutes < 1 || warnBeforeMinutes >= responseTargetMinutes)
        {
            throw new DraftException("The warning comes at least a minute before the target, and after the item arrives.");
        }

        var settings = await db.InboxSettings.FirstOrDefaultAsync(cancellationToken);
        if (settings is null)
        {
            settings = new InboxSettings();
            db.InboxSettings.Add(settings);
        }

        settings.ResponseTargetMinutes = responseTargetMinutes;
        settings.WarnBeforeMinutes = warnBeforeMinutes;
        await db.SaveChangesAsync(cancellationToken);
        await auditLog.WriteAsync(person.Actor, AuditActions.InboxSettingsChanged, "the inbox", $"answer within {responseTargetMinutes} min, warn {warnBeforeMinutes} min before");
    }

    public async Task<IReadOnlyList<InboxRule>> RulesAsync(CancellationToken cancellationToken)
    {
        await gate.DemandAsync(Permissions.WorkInbox, "the inbox's routing rules");
        return await db.InboxRules.AsNoTracking().OrderBy(r => r.Position).ThenBy(r => r.Id).ToListAsync(cancellationToken);
    }

    /// <summary>Adds a rule at the end, or changes one; its query must parse (the error says where it went wrong).</summary>
    public async Task<int> SaveRuleAsync(int? ruleId, InboxRuleForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var person = await gate.DemandAsync(Permissions.ManageInbox, "the inbox's routing rules");
        var name = FormText.Required(form.Name, "The rule's name", 100);
        var text = FormText.Required(form.Query, "The query", 2000);
        var parsed = QueryParser.Parse(text, lists);
        if (parsed.Query is null)
        {
            throw new DraftException($"The query has a problem: {parsed.Error?.Message}");
        }

        if (form.DeskId is null && string.IsNullOrWhiteSpace(form.AssignUserId))
        {
            throw new DraftException("Say where the rule sends what it matches: a desk, an officer, or both.");
        }

        if (form.DeskId is { } deskId && !await db.Desks.AnyAsync(d => d.Id == deskId, cancellationToken))
        {
            throw new DraftException("That desk no longer exists.");
        }

        if (form.AssignUserId is { Length: > 0 } userId && !await db.Users.AnyAsync(u => u.Id == userId && u.IsActive, cancellationToken))
        {
            throw new DraftException("That person is not an active member of the team.");
        }

        InboxRule rule;
        if (ruleId is { } id)
        {
            rule = await db.InboxRules.FirstOrDefaultAsync(r => r.Id == id, cancellationToken) ?? throw new DraftException("That rule no longer exists.");
        }
        else
        {
            rule = new InboxRule { Position = (await db.InboxRules.MaxAsync(r => (int?)r.Position, cancellationToken) ?? 0) + 1 };
            db.InboxRules.Add(rule);
        }

        rule.Name = name;
        rule.Query = text;
        rule.DeskId = form.DeskId;
        rule.AssignUserId = string.IsNullOrWhiteSpace(form.AssignUserId) ? null : form.AssignUserId;
        rule.Topic = string.IsNullOrWhiteSpace(form.Topic) ? null : FormText.Optional(form.Topic, "The topic", 200);
        await db.SaveChangesAsync(cancellationToken);
        routing.Invalidate();
        await auditLog.WriteAsync(person.Actor, AuditActions.InboxRuleChanged, $"inbox rule \"{rule.Name}\"", $"{(ruleId is null ? "added" : "changed")}: {rule.Query}");
        return rule.Id;
    }

    public async Task DeleteRuleAsync(int ruleId, CancellationToken cancellationToken)
    {
        var person = await gate.DemandAsync(Permissions.ManageInbox, "the inbox's routing rules");
        var rule = await db.InboxRules.FirstOrDefaultAsync(r => r.Id == ruleId, cancellationToken);
        if (rule is null)
        {
            return;
        }

        db.InboxRules.Remove(rule);
        await db.SaveChangesAsync(cancellationToken);
        routing.Invalidate();
        await auditLog.WriteAsync(person.Actor, AuditActions.InboxRuleChanged, $"inbox rule \"{rule.Name}\"", "removed");
    }

    /// <summary>Moves a rule one place earlier (tried before the one above it).</summary>
    public async Task MoveRuleUpAsync(int ruleId, CancellationToken cancellationToken)
    {
        var person = await gate.DemandAsync(Permissions.ManageInbox, "the inbox's routing rules");
        var rules = await db.InboxRules.OrderBy(r => r.Position).ThenBy(r => r.Id).ToListAsync(cancellationToken);
        var index = rules.FindIndex(r => r.Id == ruleId);
        if (index <= 0)
        {
            return;
        }

        (rules[index - 1], rules[index]) = (rules[index], rules[index - 1]);
        for (var i = 0; i < rules.Count; i++)
        {
            rules[i].Position = i + 1;
        }

        await db.SaveChangesAsync(cancellationToken);
        routing.Invalidate();
        await auditLog.WriteAsync(person.Actor, AuditActions.InboxRuleChanged, $"inbox rule \"{rules[index - 1].Name}\"", $"moved to place {index}");
    }

    /// <summary>Seconds from when the question was asked (or arrived, if it says it was asked later) to <paramref name="at"/>.</summary>
    public static long ResponseSeconds(InboxItem item, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(item);
        return Math.Max(0, (long)(at - Since(item)).TotalSeconds);
    }

    /// <summary>When the item's clock started: when it was asked.</summary>
    public static DateTime Since(InboxItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.AskedAt <= item.ArrivedAt ? item.AskedAt : item.ArrivedAt;
    }

    public static string StatusWords(InboxStatus status) => status switch
    {
        InboxStatus.New => "New",
        InboxStatus.InProgress => "In progress",
        InboxStatus.Answered => "Answered",
        _ => "No action needed",
    };

    /// <summary>"45 s", "12 min", "2 h 5 min", "3 d 4 h".</summary>
    public static string FormatDuration(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }

        return span.TotalMinutes < 1 ? $"{(int)span.TotalSeconds} s"
            : span.TotalHours < 1 ? $"{(int)span.TotalMinutes} min"
            : span.TotalDays < 1 ? (span.Minutes == 0 ? $"{(int)span.TotalHours} h" : $"{(int)span.TotalHours} h {span.Minutes} min")
            : span.Hours == 0 ? $"{(int)span.TotalDays} d" : $"{(int)span.TotalDays} d {span.Hours} h";
    }

    internal static string Describe(InboxItem item) => $"inbox item {item.Id} from {InboxMessenger.Who(item)}";

    private async Task<InboxItem> LoadAsync(int itemId, CancellationToken cancellationToken) =>
        await db.InboxItems.FirstOrDefaultAsync(i => i.Id == itemId, cancellationToken) ?? throw new DraftException("That item no longer exists.");

    private async Task AddLogAsync(int itemId, InboxLogKind kind, Person person, string text, CancellationToken cancellationToken)
    {
        db.InboxLog.Add(new InboxLogEntry { ItemId = itemId, Kind = kind, At = Now, ByUserId = person.Id, ByName = person.Name, Text = text });
        await db.SaveChangesAsync(cancellationToken);
    }
}

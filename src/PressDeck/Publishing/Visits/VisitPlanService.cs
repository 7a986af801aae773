using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PressDeck.Audit;
using PressDeck.Core.Posts;
using PressDeck.Core.Publishing;
using PressDeck.Core.Query;
using PressDeck.Data;
using PressDeck.Data.Archive;
using PressDeck.Data.Publishing;
using PressDeck.Data.Visits;
using PressDeck.Monitoring.Deck;
using PressDeck.Monitoring.Lists;
using PressDeck.Team;

namespace PressDeck.Publishing.Visits;

/// <summary>
/// Visit plans: prepared in advance (hashtag, accounts, a sequence of posts with photo slots, approved quotes, contacts
/// to brief), approved once, then fired one post at a time on the day. A post fired exactly as approved goes straight
/// out (the approver's approval is recorded on it); a post changed on the day, or added after the approval, takes the
/// account's usual approval route. Everything is audited.
/// </summary>
public sealed class VisitPlanService(
    AppDbContext db,
    PermissionGate gate,
    DraftService drafts,
    DeckService deck,
    IPostArchive archive,
    ListDirectory lists,
    PublishingEvents events,
    AuditLog auditLog,
    TimeProvider timeProvider)
{
    /// <summary>The most posts, quotes or contacts one plan holds.</summary>
    public const int MaxEntries = 60;

    /// <summary>Plans from a week ago onwards, soonest first, then older ones, most recent first.</summary>
    public async Task<IReadOnlyList<VisitPlan>> ListAsync(CancellationToken cancellationToken)
    {
        await gate.DemandAsync(Permissions.DraftPosts, "visit plans");
        var recent = Now.AddDays(-7);
        var plans = await db.VisitPlans.AsNoTracking().Include(p => p.Items).Include(p => p.Contacts).ToListAsync(cancellationToken);
        return plans.Where(p => p.StartsAt >= recent).OrderBy(p => p.StartsAt)
            .Concat(plans.Where(p => p.StartsAt < recent).OrderByDescending(p => p.StartsAt)).ToList();
    }

    public async Task<VisitPlan?> GetAsync(int planId, CancellationToken cancellationToken)
    {
        await gate.DemandAsync(Permissions.DraftPosts, $"visit plan {planId}");
        var plan = await db.VisitPlans.AsNoTracking().AsSplitQuery()
            .Include(p => p.Accounts).Include(p => p.Items).Include(p => p.Quotes).Include(p => p.Contacts)
            .FirstOrDefaultAsync(p => p.Id == planId, cancellationToken);
        if (plan is not null)
        {
            plan.Items = [.. plan.Items.OrderBy(i => i.Position)];
            plan.Contacts = [.. plan.Contacts.OrderBy(c => c.BriefBy ?? DateTime.MaxValue).ThenBy(c => c.Id)];
            plan.Quotes = [.. plan.Quotes.OrderBy(q => q.Id)];
        }

        return plan;
    }

    /// <summary>Creates a plan and, for its author, a deck column watching the event hashtag. Returns the plan's id.</summary>
    public async Task<int> CreateAsync(VisitPlanForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var person = await gate.DemandAsync(Permissions.DraftPosts, "new visit plan");
        var now = Now;
        var plan = new VisitPlan { CreatedByUserId = person.Id, CreatedByName = person.Name, CreatedAt = now, State = VisitPlanState.Planning };
        await ApplyAsync(plan, form, cancellationToken);
        plan.UpdatedAt = now;
        db.VisitPlans.Add(plan);
        await db.SaveChangesAsync(cancellationToken);
        await auditLog.WriteAsync(person.Actor, AuditActions.VisitPlanChanged, Describe(plan), "created");
        if (await gate.AllowsAsync(Permissions.EditDeck))
        {
            await AddColumnAsync(plan.Id, cancellationToken);
        }

        return plan.Id;
    }

    public async Task SaveAsync(int planId, VisitPlanForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var person = await gate.DemandAsync(Permissions.DraftPosts, $"visit plan {planId}");
        var plan = await LoadAsync(planId, cancellationToken);
        await ApplyAsync(plan, form, cancellationToken);
        plan.UpdatedAt = Now;
        await db.SaveChangesAsync(cancellationToken);
        await auditLog.WriteAsync(person.Actor, AuditActions.VisitPlanChanged, Describe(plan), "details changed");
    }

    /// <summary>Adds a column watching the plan's hashtag to the signed-in person's deck. Returns a problem in words, or null.</summary>
    public async Task<string?> AddColumnAsync(int planId, CancellationToken cancellationToken)
    {
        var person = await gate.DemandAsync(Permissions.EditDeck, $"visit plan {planId} column");
        var plan = await LoadAsync(planId, cancellationToken);
        var query = "#" + plan.Hashtag;
        var view = await deck.GetOrCreateDeckAsync(person.Id, cancellationToken);
        if (view.Columns.Any(c => string.Equals(c.Query, query, StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        var saved = await deck.AddColumnAsync(person.Id, new ColumnDraft(query, query), cancellationToken);
        return saved.Error?.Message;
    }

    public async Task<int> AddItemAsync(int planId, VisitItemForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var person = await gate.DemandAsync(Permissions.DraftPosts, $"visit plan {planId}");
        var plan = await LoadAsync(planId, cancellationToken);
        if (plan.Items.Count >= MaxEntries)
        {
            throw new DraftException($"A plan holds at most {MaxEntries} posts.");
        }

        var item = new VisitPlanItem { Position = plan.Items.Count == 0 ? 0 : plan.Items.Max(i => i.Position) + 1 };
        Apply(item, form);
        plan.Items.Add(item);
        plan.UpdatedAt = Now;
        await db.SaveChangesAsync(cancellationToken);
        await auditLog.WriteAsync(person.Actor, AuditActions.VisitPlanChanged, Describe(plan), $"post added: {item.Moment}");
        return item.Id;
    }

    /// <summary>Changes a post of the sequence; one already fired cannot change (delete it on the network instead).</summary>
    public async Task UpdateItemAsync(int itemId, VisitItemForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var (plan, item) = await LoadItemAsync(itemId, cancellationToken);
        var person = await gate.DemandAsync(Permissions.DraftPosts, $"visit plan {plan.Id}");
        EnsureNotFired(item);
        var before = item.Text;
        Apply(item, form);
        plan.UpdatedAt = Now;
        await db.SaveChangesAsync(cancellationToken);
        await auditLog.WriteAsync(person.Actor, AuditActions.VisitPlanChanged, Describe(plan),
            before == item.Text ? $"post changed: {item.Moment}" : $"post text changed: {item.Moment}, from \"{before}\" to \"{item.Text}\"");
    }

    public async Task RemoveItemAsync(int itemId, CancellationToken cancellationToken)
    {
        var (plan, item) = await LoadItemAsync(itemId, cancellationToken);
        var person = await gate.DemandAsync(Permissions.DraftPosts, $"visit plan {plan.Id}");
        EnsureNotFired(item);
        plan.Items.Remove(item);
        db.VisitPlanItems.Remove(item);
        await db.SaveChangesAsync(cancellationToken);
        await auditLog.WriteAsync(person.Actor, AuditActions.VisitPlanChanged, Describe(plan), $"post removed: {item.Moment}");
    }

    /// <summary>Moves a post one place earlier (<paramref name="by"/> -1) or later (+1) in the sequence.</summary>
    public async Task MoveItemAsync(int itemId, int by, CancellationToken cancellationToken)
    {
        var (plan, item) = await LoadItemAsync(itemId, cancellationToken);
        await gate.DemandAsync(Permissions.DraftPosts, $"visit plan {plan.Id}");
        var ordered = plan.Items.OrderBy(i => i.Position).ToList();
        var index = ordered.IndexOf(item);
        var to = Math.Clamp(index + by, 0, ordered.Count - 1);
        ordered.RemoveAt(index);
        ordered.Insert(to, item);
        for (var i = 0; i < ordered.Count; i++)
        {
            ordered[i].Position = i;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task AddQuoteAsync(int planId, string speaker, string text, CancellationToken cancellationToken)
    {
        var person = await gate.DemandAsync(Permissions.DraftPosts, $"visit plan {planId}");
        var plan = await LoadAsync(planId, cancellationToken);
        if (string.IsNullOrWhiteSpace(speaker) || string.IsNullOrWhiteSpace(text))
        {
            throw new DraftException("Say who said it and what they said.");
        }

        if (plan.Quotes.Count >= MaxEntries)
        {
            throw new DraftException($"A plan holds at most {MaxEntries} quotes.");
        }

        plan.Quotes.Add(new VisitPlanQuote { Speaker = Limit(speaker, 200), Text = Limit(text, 4000) });
        await db.SaveChangesAsync(cancellationToken);
        await auditLog.WriteAsync(person.Actor, AuditActions.VisitPlanChanged, Describe(plan), $"quote added from {speaker.Trim()}: \"{text.Trim()}\"");
    }

    public async Task RemoveQuoteAsync(int planId, int quoteId, CancellationToken cancellationToken)
    {
        var person = await gate.DemandAsync(Permissions.DraftPosts, $"visit plan {planId}");
        var plan = await LoadAsync(planId, cancellationToken);
        if (plan.Quotes.FirstOrDefault(q => q.Id == quoteId) is { } quote)
        {
            plan.Quotes.Remove(quote);
            await db.SaveChangesAsync(cancellationToken);
            await auditLog.WriteAsync(person.Actor, AuditActions.VisitPlanChanged, Describe(plan), $"quote removed from {quote.Speaker}");
        }
    }

    public async Task AddContactAsync(int planId, VisitContactForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var person = await gate.DemandAsync(Permissions.DraftPosts, $"visit plan {planId}");
        var plan = await LoadAsync(planId, cancellationToken);
        if (string.IsNullOrWhiteSpace(form.Name) && string.IsNullOrWhiteSpace(form.Handle))
        {
            throw new DraftException("Give the contact's name or handle.");
        }

        if (plan.Contacts.Count >= MaxEntries)
        {
            throw new DraftException($"A plan holds at most {MaxEntries} contacts.");
        }

        plan.Contacts.Add(new VisitPlanContact
        {
            Name = Limit(form.Name, 200),
            Outlet = Limit(form.Outlet, 200),
            Handle = Limit(form.Handle, 300),
            BriefBy = form.BriefBy,
            Notes = Limit(form.Notes, 2000),
        });
        await db.SaveChangesAsync(cancellationToken);
        await auditLog.WriteAsync(person.Actor, AuditActions.VisitPlanChanged, Describe(plan), $"contact to brief added: {form.Name.Trim()} {form.Handle.Trim()}".TrimEnd());
    }

    public async Task RemoveContactAsync(int planId, int contactId, CancellationToken cancellationToken)
    {
        var person = await gate.DemandAsync(Permissions.DraftPosts, $"visit plan {planId}");
        var plan = await LoadAsync(planId, cancellationToken);
        if (plan.Contacts.FirstOrDefault(c => c.Id == contactId) is { } contact)
        {
            plan.Contacts.Remove(contact);
            await db.SaveChangesAsync(cancellationToken);
            await auditLog.WriteAsync(person.Actor, AuditActions.VisitPlanChanged, Describe(plan), $"contact removed: {contact.Name}");
        }
    }

    /// <summary>Records that a contact was briefed, now, by the signed-in person (or, with <paramref name="briefed"/> false, that it was a mistake).</summary>
    public async Task MarkBriefedAsync(int planId, int contactId, bool briefed, CancellationToken cancellationToken)
    {
        var person = await gate.DemandAsync(Permissions.DraftPosts, $"visit plan {planId}");
        var plan = await LoadAsync(planId, cancellationToken);
        var contact = plan.Contacts.FirstOrDefault(c => c.Id == contactId) ?? throw new DraftException("That contact is no longer in the plan.");
        contact.BriefedAt = briefed ? Now : null;
        contact.BriefedByName = briefed ? person.Name : null;
        await db.SaveChangesAsync(cancellationToken);
        await auditLog.WriteAsync(person.Actor, AuditActions.VisitContactBriefed, Describe(plan),
            briefed ? $"{contact.Name} {contact.Handle} briefed at {OfficeTime.Format(contact.BriefedAt!.Value)}".Replace("  ", " ", StringComparison.Ordinal) : $"{contact.Name}: briefing record removed");
        events.NotifyVisitChanged(plan.Id);
    }

    /// <summary>What stops the plan from being approved: no accounts, no posts, an empty or too long post.</summary>
    public static IEnumerable<string> Problems(VisitPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Accounts.Count == 0)
        {
            yield return "Choose at least one account the visit is covered from.";
        }

        if (plan.Items.Count == 0)
        {
            yield return "Draft at least one post for the day.";
        }

        foreach (var item in plan.Items.OrderBy(i => i.Position))
        {
            var name = string.IsNullOrWhiteSpace(item.Moment) ? $"Post {item.Position + 1}" : $"\"{item.Moment}\"";
            if (string.IsNullOrWhiteSpace(item.Text))
            {
                yield return $"{name} has no text yet.";
                continue;
            }

            foreach (var network in plan.Accounts.Select(a => a.Network).Distinct())
            {
                var measure = PostLength.Measure(network, item.Text);
                if (measure.IsOver)
                {
                    yield return $"{name} is too long for {network}: {measure.Describe()}.";
                }
            }
        }
    }

    /// <summary>Submits the plan: an approver reads its posts and quotes. Returns what stops it; empty when submitted.</summary>
    public async Task<IReadOnlyList<string>> SubmitAsync(int planId, CancellationToken cancellationToken)
    {
        var person = await gate.DemandAsync(Permissions.DraftPosts, $"visit plan {planId}");
        var plan = await LoadAsync(planId, cancellationToken);
        var problems = Problems(plan).ToList();
        if (problems.Count > 0)
        {
            return problems;
        }

        plan.State = VisitPlanState.AwaitingApproval;
        plan.SentBackComment = null;
        plan.UpdatedAt = Now;
        await db.SaveChangesAsync(cancellationToken);
        await auditLog.WriteAsync(person.Actor, AuditActions.VisitPlanSubmitted, Describe(plan), $"{plan.Items.Count} post(s), {plan.Quotes.Count} quote(s)");
        events.NotifyVisitChanged(plan.Id);
        return [];
    }

    /// <summary>
    /// Approves the plan's posts and quotes as they are now. Not by the person who wrote the plan. On the day, a post
    /// fired with exactly the approved text goes straight out.
    /// </summary>
    public async Task ApproveAsync(int planId, string comment, CancellationToken cancellationToken)
    {
        var person = await gate.DemandAsync(Permissions.ApprovePosts, $"visit plan {planId}");
        var plan = await LoadAsync(planId, cancellationToken);
        if (plan.CreatedByUserId == person.Id)
        {
            throw new DraftException("Nobody approves their own plan: another approver must read it.");
        }

        if (plan.State != VisitPlanState.AwaitingApproval)
        {
            throw new DraftException("This plan is not waiting for approval.");
        }

        var problems = Problems(plan).ToList();
        if (problems.Count > 0)
        {
            throw new DraftException(string.Join(" ", problems));
        }

        foreach (var item in plan.Items.Where(i => i.FiredAt is null))
        {
            item.ApprovedText = item.Text;
        }

        plan.State = VisitPlanState.Approved;
        plan.ApprovedByUserId = person.Id;
        plan.ApprovedByName = person.Name;
        plan.ApprovedAt = Now;
        plan.UpdatedAt = Now;
        await db.SaveChangesAsync(cancellationToken);
        await auditLog.WriteAsync(person.Actor, AuditActions.VisitPlanApproved, Describe(plan),
            string.Join(" | ", plan.Items.OrderBy(i => i.Position).Select(i => i.Text)) + (string.IsNullOrWhiteSpace(comment) ? "" : $" (comment: \"{comment.Trim()}\")"));
        events.NotifyVisitChanged(plan.Id);
    }

    public async Task SendBackAsync(int planId, string comment, CancellationToken cancellationToken)
    {
        var person = await gate.DemandAsync(Permissions.ApprovePosts, $"visit plan {planId}");
        if (string.IsNullOrWhiteSpace(comment))
        {
            throw new DraftException("Say what should change, so the planner knows what to do.");
        }

        var plan = await LoadAsync(planId, cancellationToken);
        if (plan.State != VisitPlanState.AwaitingApproval)
        {
            throw new DraftException("This plan is not waiting for approval.");
        }

        plan.State = VisitPlanState.Planning;
        plan.SentBackComment = Limit(comment, 2000);
        plan.UpdatedAt = Now;
        await db.SaveChangesAsync(cancellationToken);
        await auditLog.WriteAsync(person.Actor, AuditActions.VisitPlanSentBack, Describe(plan), comment.Trim());
        events.NotifyVisitChanged(plan.Id);
    }

    /// <summary>
    /// Adds a photo taken on the day to a post of the sequence (kept with the post's draft, turned upright and stripped of
    /// metadata like any image). Returns why it was refused, or null.
    /// </summary>
    public async Task<string?> AddPhotoAsync(int itemId, Stream upload, string fileName, CancellationToken cancellationToken)
    {
        var (plan, item) = await LoadItemAsync(itemId, cancellationToken);
        await gate.DemandAsync(Permissions.DraftPosts, $"visit plan {plan.Id}");
        EnsureNotFired(item);
        var draftId = await DraftForAsync(plan, item, cancellationToken);
        return await drafts.AddImageAsync(draftId, upload, fileName, cancellationToken);
    }

    /// <summary>The photos added to a post of the sequence, in order.</summary>
    public async Task<IReadOnlyList<DraftImage>> PhotosAsync(int itemId, CancellationToken cancellationToken)
    {
        var item = await db.VisitPlanItems.AsNoTracking().FirstOrDefaultAsync(i => i.Id == itemId, cancellationToken);
        if (item?.DraftId is not { } draftId)
        {
            return [];
        }

        var draft = await drafts.GetAsync(draftId, cancellationToken);
        return draft?.Images.OrderBy(i => i.Position).ToList() ?? [];
    }

    public async Task SetPhotoAltTextAsync(int itemId, int imageId, string altText, CancellationToken cancellationToken)
    {
        var (plan, item) = await LoadItemAsync(itemId, cancellationToken);
        EnsureNotFired(item);
        var draftId = await DraftForAsync(plan, item, cancellationToken);
        await drafts.SetAltTextAsync(draftId, imageId, altText, cancellationToken);
    }

    public async Task RemovePhotoAsync(int itemId, int imageId, CancellationToken cancellationToken)
    {
        var (plan, item) = await LoadItemAsync(itemId, cancellationToken);
        EnsureNotFired(item);
        var draftId = await DraftForAsync(plan, item, cancellationToken);
        await drafts.RemoveImageAsync(draftId, imageId, cancellationToken);
    }

    /// <summary>
    /// Fires one post of the sequence: it goes to the plan's accounts now. Exactly as approved, it goes straight out;
    /// changed since (or never approved), it takes the account's approval route. Returns what stops it.
    /// </summary>
    public async Task<VisitFireResult> FireAsync(int itemId, CancellationToken cancellationToken)
    {
        var (plan, item) = await LoadItemAsync(itemId, cancellationToken);
        var person = await gate.DemandAsync(Permissions.DraftPosts, $"visit plan {plan.Id}");
        if (item.FiredAt is { } fired)
        {
            return new VisitFireResult([$"This post was already sent, at {OfficeTime.Format(fired)} by {item.FiredByName}."], false, item.DraftId);
        }

        var draftId = await DraftForAsync(plan, item, cancellationToken);
        await drafts.SaveAsync(draftId, Content(plan, item), cancellationToken);
        var problems = await drafts.SubmitAsync(draftId, cancellationToken);
        if (problems.Count > 0)
        {
            return new VisitFireResult(problems, false, draftId);
        }

        item.FiredAt = Now;
        item.FiredByName = person.Name;
        await db.SaveChangesAsync(cancellationToken);
        var state = await db.Drafts.Where(d => d.Id == draftId).Select(d => d.State).FirstAsync(cancellationToken);
        var straight = state is DraftState.Approved or DraftState.Published;
        await auditLog.WriteAsync(person.Actor, AuditActions.VisitPostFired, Describe(plan),
            $"{item.Moment}: post {draftId}" + (straight ? ", approved in advance" : ", sent for approval"));
        events.NotifyVisitChanged(plan.Id);
        return new VisitFireResult([], straight, draftId);
    }

    /// <summary>
    /// The approval a visit plan gives the post <paramref name="draft"/> in advance: its approver, when the draft was made
    /// from a plan item that was approved with exactly this text, by someone other than the draft's author.
    /// </summary>
    public static async Task<(string UserId, string Name, string PlanTitle)?> AdvanceApprovalAsync(AppDbContext db, PostDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(draft);
        var found = await db.VisitPlanItems.AsNoTracking()
            .Where(i => i.DraftId == draft.Id && i.ApprovedText != null)
            .Join(db.VisitPlans.AsNoTracking().Where(p => p.State == VisitPlanState.Approved && p.ApprovedByUserId != null), i => i.PlanId, p => p.Id,
                (i, p) => new { i.ApprovedText, p.ApprovedByUserId, p.ApprovedByName, p.Title })
            .FirstOrDefaultAsync(cancellationToken);
        return found is not null && found.ApprovedText == draft.Text && found.ApprovedByUserId != draft.AuthorUserId
            ? (found.ApprovedByUserId!, found.ApprovedByName ?? "", found.Title)
            : null;
    }

    /// <summary>Each post and where it went, and how the event was received: counts from the archive over the visit's window.</summary>
    public async Task<VisitResults> ResultsAsync(int planId, CancellationToken cancellationToken)
    {
        await gate.DemandAsync(Permissions.DraftPosts, $"visit plan {planId} results");
        var plan = await GetAsync(planId, cancellationToken) ?? throw new DraftException("That plan no longer exists.");
        var draftIds = plan.Items.Select(i => i.DraftId).OfType<int>().ToList();
        var targets = await db.DraftTargets.AsNoTracking().Where(t => draftIds.Contains(t.DraftId)).ToListAsync(cancellationToken);
        var items = plan.Items.Select(i => new VisitItemResult(i, targets.Where(t => t.DraftId == i.DraftId).OrderBy(t => t.Network).ToList())).ToList();

        // From two hours before the visit (or an hour before its first post, if that was earlier) to a day after it ends.
        var from = plan.StartsAt.AddHours(-2);
        if (plan.Items.Where(i => i.FiredAt is not null).Select(i => i.FiredAt!.Value.AddHours(-1)).DefaultIfEmpty(from).Min() is var firstPost && firstPost < from)
        {
            from = firstPost;
        }

        var end = (plan.EndsAt ?? plan.StartsAt.AddHours(12)).AddDays(1);
        var to = end < Now ? end : Now;
        if (to < from)
        {
            to = from;
        }

        var handles = plan.Accounts.Select(a => a.Handle).Where(h => h.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var measures = new List<(string Measure, string Query)> { ($"Posts using #{plan.Hashtag}", "#" + plan.Hashtag), ($"Reposts and quotes with #{plan.Hashtag}", $"#{plan.Hashtag} (is:repost OR is:quote)") };
        if (handles.Count > 0)
        {
            measures.Add(("Replies to the office's accounts", string.Join(" OR ", handles.Select(h => "to:" + h))));
            measures.Add(("Mentions of the office's accounts", string.Join(" OR ", handles.Select(h => "@" + h))));
        }

        var reception = new List<VisitReception>();
        foreach (var (measure, text) in measures)
        {
            var parsed = QueryParser.Parse(text, lists);
            if (parsed.Query is null)
            {
                continue;
            }

            var count = await archive.CountMatchesAsync(new ArchiveSearch(parsed.Query, from, to), lists, ReceptionLimit, cancellationToken);
            reception.Add(new VisitReception(measure, text, count, count >= ReceptionLimit));
        }

        return new VisitResults(items, reception, from, to);
    }

    /// <summary>The draft a post of the sequence is sent as: made on first use, and owned by whoever is handling it on the day.</summary>
    private async Task<int> DraftForAsync(VisitPlan plan, VisitPlanItem item, CancellationToken cancellationToken)
    {
        var person = await gate.DemandAsync(Permissions.DraftPosts, $"visit plan {plan.Id}");
        if (item.DraftId is { } existing && await db.Drafts.FirstOrDefaultAsync(d => d.Id == existing, cancellationToken) is { } draft
            && draft.State is DraftState.Editing or DraftState.SentBack)
        {
            if (draft.AuthorUserId != person.Id)
            {
                // A colleague added the photo; whoever sends it is its author from now on.
                draft.AuthorUserId = person.Id;
                draft.AuthorName = person.Name;
                await db.SaveChangesAsync(cancellationToken);
            }

            return existing;
        }

        var created = await drafts.CreateAsync(Content(plan, item), cancellationToken);
        item.DraftId = created;
        await db.SaveChangesAsync(cancellationToken);
        return created;
    }

    private static DraftContent Content(VisitPlan plan, VisitPlanItem item) => new()
    {
        Text = item.Text,
        Accounts = plan.Accounts.Select(a => new AccountChoice(a.Network, a.ConnectedAccountId, a.Handle)).ToList(),
        // The plan's approver confirmed, in approving it, that its posts may go out as written on the day.
        AnnouncedToParliamentFirst = item.ApprovedText is not null && item.ApprovedText == item.Text,
    };

    private async Task ApplyAsync(VisitPlan plan, VisitPlanForm form, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(form.Title))
        {
            throw new DraftException("Give the visit a title, e.g. \"Minister visits Leeds College\".");
        }

        var tag = form.Hashtag.Trim().TrimStart('#');
        var spans = RichText.Find("#" + tag);
        if (tag.Length == 0 || spans.Count != 1 || spans[0].Kind != RichTextKind.Hashtag || spans[0].Length != tag.Length + 1)
        {
            throw new DraftException("Give the event's hashtag: letters, digits and _ only, not only digits (e.g. #SkillsBill).");
        }

        if (form.EndsAt is { } ends && ends < form.StartsAt)
        {
            throw new DraftException("The visit ends before it starts.");
        }

        var allowed = await drafts.PostingAccountsAsync(cancellationToken);
        foreach (var choice in form.Accounts)
        {
            if (!allowed.Any(a => a.Network == choice.Network && a.ConnectedAccountId == choice.ConnectedAccountId))
            {
                throw new DraftException($"You may not post from @{choice.Handle}: ask an admin to add your role to the account's posting roles.");
            }
        }

        plan.Title = Limit(form.Title, 200);
        plan.Hashtag = tag;
        plan.Place = Limit(form.Place, 200);
        plan.StartsAt = form.StartsAt;
        plan.EndsAt = form.EndsAt;
        plan.Notes = Limit(form.Notes, 4000);
        plan.Accounts.RemoveAll(a => !form.Accounts.Any(c => c.Network == a.Network && c.ConnectedAccountId == a.ConnectedAccountId));
        foreach (var choice in form.Accounts.Where(c => !plan.Accounts.Any(a => a.Network == c.Network && a.ConnectedAccountId == c.ConnectedAccountId)))
        {
            plan.Accounts.Add(new VisitPlanAccount { Network = choice.Network, ConnectedAccountId = choice.ConnectedAccountId, Handle = choice.Handle });
        }
    }

    private static void Apply(VisitPlanItem item, VisitItemForm form)
    {
        item.Moment = Limit(form.Moment, 200);
        item.Text = form.Text.Length > 20_000 ? form.Text[..20_000] : form.Text;
        item.PlannedAt = form.PlannedAt;
        item.PhotoSlot = form.PhotoSlot;
        item.PhotoNote = Limit(form.PhotoNote, 500);
    }

    private static void EnsureNotFired(VisitPlanItem item)
    {
        if (item.FiredAt is not null)
        {
            throw new DraftException("This post has already been sent; it can no longer change.");
        }
    }

    private async Task<VisitPlan> LoadAsync(int planId, CancellationToken cancellationToken) =>
        await db.VisitPlans.AsSplitQuery().Include(p => p.Accounts).Include(p => p.Items).Include(p => p.Quotes).Include(p => p.Contacts)
            .FirstOrDefaultAsync(p => p.Id == planId, cancellationToken)
        ?? throw new DraftException("That plan no longer exists.");

    private async Task<(VisitPlan Plan, VisitPlanItem Item)> LoadItemAsync(int itemId, CancellationToken cancellationToken)
    {
        var planId = await db.VisitPlanItems.Where(i => i.Id == itemId).Select(i => (int?)i.PlanId).FirstOrDefaultAsync(cancellationToken)
            ?? throw new DraftException("That post is no longer in the plan.");
        var plan = await LoadAsync(planId, cancellationToken);
        return (plan, plan.Items.Single(i => i.Id == itemId));
    }

    private static string Limit(string text, int length)
    {
        var trimmed = text.Trim();
        return trimmed.Length <= length ? trimmed : trimmed[..length];
    }

    internal static string Describe(VisitPlan plan) =>
        $"visit plan {plan.Id} \"{plan.Title}\" ({OfficeTime.Format(plan.StartsAt)})";

    private const int ReceptionLimit = 100_000;

    private DateTime Now => timeProvider.GetUtcNow().UtcDateTime;
}

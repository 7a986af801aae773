using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PressDeck.Audit;
using PressDeck.Core.Posts;
using PressDeck.Data;
using PressDeck.Data.Contacts;
using PressDeck.Team;

namespace PressDeck.Contacts;

/// <summary>
/// The directory of journalists and other contacts: search, add, change, delete, merge duplicates, log interactions, read
/// a contact's history, import from CSV (preview, then all good rows in one transaction), and the personal-data duties of
/// SECURITY.md (retention review and purge, erasure of one person). Changes are audited; erasure records the name only.
/// </summary>
public sealed class ContactService(
    AppDbContext db,
    ContactHistory history,
    PermissionGate gate,
    AuditLog auditLog,
    IOptions<ContactsOptions> options,
    Monitoring.Lists.ListDirectory lists,
    Monitoring.Lists.ListPushSignal listPushSignal,
    TimeProvider timeProvider)
{
    /// <summary>Who asked, on an enquiry logged by hand from a person who was later erased.</summary>
    public const string ErasedName = "(erased at their request)";

    /// <summary>Most contacts one search lists.</summary>
    public const int PageSize = 200;

    /// <summary>Most contacts one CSV file may hold.</summary>
    public const int MaxImportRows = 20_000;

    /// <summary>Largest CSV file accepted (bytes).</summary>
    public const long MaxImportBytes = 10 * 1024 * 1024;

    /// <summary>How many good rows a preview shows as they will be imported.</summary>
    public const int PreviewRows = 10;

    /// <summary>Contacts whose name, outlet, beat, email or handles contain every word of <paramref name="search"/>, by name.</summary>
    public async Task<ContactList> ListAsync(string? search, CancellationToken cancellationToken)
    {
        await gate.DemandAsync(Permissions.ViewContacts, "contacts");
        var query = db.Contacts.AsNoTracking();
        foreach (var word in Words(search))
        {
            query = query.Where(c => c.SearchText.Contains(word));
        }

        var total = await query.CountAsync(cancellationToken);
        var page = await Summaries(query.OrderBy(c => c.Name).ThenBy(c => c.Id).Take(PageSize), cancellationToken);
        return new ContactList(page, total);
    }

    /// <summary>One contact with its handles.</summary>
    public async Task<Contact> GetAsync(int contactId, CancellationToken cancellationToken)
    {
        await gate.DemandAsync(Permissions.ViewContacts, $"contact {contactId}");
        return await db.Contacts.AsNoTracking().Include(c => c.Handles).FirstOrDefaultAsync(c => c.Id == contactId, cancellationToken)
            ?? throw new ContactException("That contact no longer exists.");
    }

    public async Task<int> CreateAsync(ContactForm form, CancellationToken cancellationToken)
    {
        var person = await gate.DemandAsync(Permissions.EditContacts, "new contact");
        var valid = Validate(form);
        await RefuseTakenHandlesAsync(valid.Handles, null, cancellationToken);
        var now = Now;
        var contact = new Contact { CreatedAt = now };
        Apply(contact, valid, now);
        db.Contacts.Add(contact);
        await SaveAsync(cancellationToken);
        await auditLog.WriteAsync(person.Actor, AuditActions.ContactAdded, Describe(contact), HandleList(contact));
        return contact.Id;
    }

    public async Task UpdateAsync(int contactId, ContactForm form, CancellationToken cancellationToken)
    {
        var person = await gate.DemandAsync(Permissions.EditContacts, $"contact {contactId}");
        var valid = Validate(form);
        var contact = await LoadAsync(contactId, cancellationToken);
        await RefuseTakenHandlesAsync(valid.Handles, contactId, cancellationToken);
        var before = HandleList(contact);
        Apply(contact, valid, Now);
        await SaveAsync(cancellationToken);
        var after = HandleList(contact);
        await auditLog.WriteAsync(person.Actor, AuditActions.ContactChanged, Describe(contact),
            string.Equals(before, after, StringComparison.Ordinal) ? "details changed" : $"handles {before} → {after}");
    }

    /// <summary>Removes a contact added by mistake, with its handles and logged interactions.</summary>
    public async Task DeleteAsync(int contactId, CancellationToken cancellationToken)
    {
        var person = await gate.DemandAsync(Permissions.EditContacts, $"contact {contactId}");
        var contact = await LoadAsync(contactId, cancellationToken);
        db.Contacts.Remove(contact);
        await db.SaveChangesAsync(cancellationToken);
        await auditLog.WriteAsync(person.Actor, AuditActions.ContactDeleted, Describe(contact));
    }

    /// <summary>
    /// Folds the duplicate <paramref name="duplicateId"/> into <paramref name="keepId"/>: its handles and logged interactions
    /// move over, its notes are appended, the kept contact's empty fields take the duplicate's values, and the duplicate goes.
    /// </summary>
    public async Task MergeAsync(int keepId, int duplicateId, CancellationToken cancellationToken)
    {
        var person = await gate.DemandAsync(Permissions.EditContacts, $"contact {keepId}");
        if (keepId == duplicateId)
        {
            throw new ContactException("Choose another contact to merge: a contact cannot be merged with itself.");
        }

        var keep = await LoadAsync(keepId, cancellationToken);
        var duplicate = await LoadAsync(duplicateId, cancellationToken);
        var notes = (keep.Notes, duplicate.Notes) switch
        {
            (_, "") => keep.Notes,
            ("", _) => duplicate.Notes,
            _ => $"{keep.Notes}\n\nFrom {duplicate.Name} (merged {OfficeTime.Format(Now)}):\n{duplicate.Notes}",
        };
        if (notes.Length > Contact.NotesLength)
        {
            throw new ContactException($"Together their notes are {notes.Length:N0} characters long; at most {Contact.NotesLength:N0} fit. Shorten the notes of one of them first.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var handles = duplicate.Handles.ToList();
        var interactions = await db.ContactInteractions.Where(i => i.ContactId == duplicateId).ToListAsync(cancellationToken);
        foreach (var interaction in interactions)
        {
            interaction.ContactId = keepId;
        }

        // The handles are unique across contacts: the duplicate's rows go first, then come back on the kept contact.
        db.ContactHandles.RemoveRange(handles);
        duplicate.Handles.Clear();
        await db.SaveChangesAsync(cancellationToken);
        foreach (var handle in handles)
        {
            keep.Handles.Add(new ContactHandle { Network = handle.Network, Handle = handle.Handle });
        }

        keep.Notes = notes;
        keep.Outlet = keep.Outlet.Length > 0 ? keep.Outlet : duplicate.Outlet;
        keep.Beat = keep.Beat.Length > 0 ? keep.Beat : duplicate.Beat;
        keep.Email = keep.Email.Length > 0 ? keep.Email : duplicate.Email;
        keep.Phone = keep.Phone.Length > 0 ? keep.Phone : duplicate.Phone;
        keep.CreatedAt = keep.CreatedAt < duplicate.CreatedAt ? keep.CreatedAt : duplicate.CreatedAt;
        keep.LastInteractionAt = Latest(keep.LastInteractionAt, duplicate.LastInteractionAt);
        keep.UpdatedAt = Now;
        keep.SearchText = SearchTextOf(keep);
        db.Contacts.Remove(duplicate);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await auditLog.WriteAsync(person.Actor, AuditActions.ContactsMerged, Describe(keep),
            $"merged contact {duplicate.Id} \"{duplicate.Name}\" into it: {handles.Count} handles and {interactions.Count} logged interactions moved");
    }

    /// <summary>Logs something that passed between the office and the contact away from the networks.</summary>
    public async Task<int> LogInteractionAsync(int contactId, InteractionForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var person = await gate.DemandAsync(Permissions.EditContacts, $"contact {contactId}");
        var summary = form.Summary.Trim();
        if (summary.Length == 0)
        {
            throw new ContactException("Say in a few words what it was about.");
        }

        if (summary.Length > ContactInteraction.SummaryLength)
        {
            throw new ContactException($"A note of an interaction holds at most {ContactInteraction.SummaryLength:N0} characters.");
        }

        if (form.At > Now.AddMinutes(5))
        {
            throw new ContactException("An interaction is logged once it has happened: the time is in the future.");
        }

        var contact = await LoadAsync(contactId, cancellationToken);
        var interaction = new ContactInteraction { At = form.At, Kind = form.Kind, Summary = summary, ByUserId = person.Id, ByName = person.Name };
        contact.Interactions.Add(interaction);
        contact.LastInteractionAt = Latest(contact.LastInteractionAt, form.At);
        await db.SaveChangesAsync(cancellationToken);
        return interaction.Id;
    }

    /// <summary>Everything that passed between the office and the contact, newest first: their posts to the office and what was logged.</summary>
    public async Task<IReadOnlyList<ContactHistoryItem>> HistoryAsync(int contactId, CancellationToken cancellationToken)
    {
        await gate.DemandAsync(Permissions.ViewContacts, $"contact {contactId}");
        return await history.ReadAsync(contactId, cancellationToken);
    }

    /// <summary>Reads a CSV file and says what an import would do, storing nothing.</summary>
    public async Task<ContactImportReport> PreviewImportAsync(Stream csv, CancellationToken cancellationToken)
    {
        await gate.DemandAsync(Permissions.EditContacts, "contacts import");
        var content = await ReadLimitedAsync(csv, cancellationToken);
        if (content is null)
        {
            return ContactImportReport.Failed($"The file is larger than {MaxImportBytes / 1024 / 1024} MB. Split it into smaller files.");
        }

        var (report, _) = await CheckImportAsync(content, cancellationToken);
        return report;
    }

    /// <summary>
    /// Imports every good row of a CSV file in one transaction (a contact and its handles go in together or not at all)
    /// and reports the bad rows by line. The file is checked again against the directory as it is now.
    /// </summary>
    public async Task<ContactImportReport> ImportAsync(Stream csv, CancellationToken cancellationToken)
    {
        var person = await gate.DemandAsync(Permissions.EditContacts, "contacts import");
        var content = await ReadLimitedAsync(csv, cancellationToken);
        if (content is null)
        {
            return ContactImportReport.Failed($"The file is larger than {MaxImportBytes / 1024 / 1024} MB. Split it into smaller files.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (report, good) = await CheckImportAsync(content, cancellationToken);
        if (report.Error is not null || good.Count == 0)
        {
            return report;
        }

        var now = Now;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var valid in good)
            {
                var contact = new Contact { CreatedAt = now };
                Apply(contact, valid, now);
                db.Contacts.Add(contact);
            }

            // One SaveChanges: EF batches the inserts, and the transaction makes the file all good rows or nothing.
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return report with { Error = "Someone changed the contacts while the file was being imported, so nothing was imported. Import it again.", Good = 0 };
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = true;
        }

        db.ChangeTracker.Clear();
        await auditLog.WriteAsync(person.Actor, AuditActions.ContactsImported, "contacts",
            $"{good.Count} contacts imported from CSV; {report.Problems.Count} rows not imported");
        return report with { Imported = good.Count };
    }

    /// <summary>The contacts with no interaction in the retention period, oldest first, to review before purging them.</summary>
    public async Task<RetentionReview> RetentionReviewAsync(CancellationToken cancellationToken)
    {
        await gate.DemandAsync(Permissions.ManageContactData, "contacts retention");
        var cutoff = RetentionCutoff;
        var stale = await StaleAsync(null, cutoff, cancellationToken);
        return new RetentionReview(options.Value.RetentionMonths, cutoff, stale);
    }

    /// <summary>
    /// Erases the given contacts, those of them that are still past the retention period, as <see cref="EraseAsync"/>
    /// erases one person; returns how many.
    /// </summary>
    public async Task<int> PurgeAsync(IReadOnlyCollection<int> contactIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contactIds);
        var person = await gate.DemandAsync(Permissions.ManageContactData, "contacts retention");
        var cutoff = RetentionCutoff;
        var stale = await StaleAsync(contactIds, cutoff, cancellationToken);
        if (stale.Count == 0)
        {
            return 0;
        }

        var ids = stale.Select(c => c.Id).ToList();
        var contacts = await db.Contacts.Include(c => c.Handles).Where(c => ids.Contains(c.Id)).ToListAsync(cancellationToken);
        await ForgetAsync(contacts, cancellationToken);
        await auditLog.WriteAsync(person.Actor, AuditActions.ContactsPurged, "contacts",
            $"{stale.Count} contacts with no interaction since {OfficeTime.Format(cutoff)} ({options.Value.RetentionMonths} months): {string.Join(", ", stale.Select(c => c.Name))}");
        return stale.Count;
    }

    /// <summary>
    /// Erases everything held on one person (the contact, handles, logged interactions and notes, their places on the
    /// office's lists, which pushed lists then drop too, and who asked on the enquiries they made by phone or email) at
    /// their request. The audit trail keeps the name only, so the record of the erasure holds none of the data erased.
    /// </summary>
    public async Task<string> EraseAsync(int contactId, CancellationToken cancellationToken)
    {
        var person = await gate.DemandAsync(Permissions.ManageContactData, $"contact {contactId}");
        var contact = await LoadAsync(contactId, cancellationToken);
        var enquiries = await ForgetAsync([contact], cancellationToken);
        await auditLog.WriteAsync(person.Actor, AuditActions.ContactErased, $"contact {contactId}", $"erased everything held on {contact.Name}{enquiries switch
        {
            0 => "",
            1 => "; an enquiry logged in the inbox no longer says who asked",
            var n => $"; {n} enquiries logged in the inbox no longer say who asked",
        }}");
        return contact.Name;
    }

    /// <summary>
    /// Removes the contacts (loaded with their handles) and what else holds them, in one transaction: their handles come
    /// off the office's lists (whose pushes become due), and the enquiries they made by phone or email keep what was asked
    /// and how it was answered, not who asked. Returns how many enquiries were changed.
    /// </summary>
    private async Task<int> ForgetAsync(IReadOnlyList<Contact> contacts, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var listIds = new HashSet<int>();
        foreach (var handle in contacts.SelectMany(c => c.Handles))
        {
            var memberships = db.ListMembers.Where(m => m.Network == handle.Network && m.Handle == handle.Handle);
            listIds.UnionWith(await memberships.Select(m => m.ListId).ToListAsync(cancellationToken));
            await memberships.ExecuteDeleteAsync(cancellationToken);
        }

        foreach (var listId in listIds)
        {
            await Monitoring.Lists.ListTransferService.MarkPushesDueAsync(db, listId, Now, cancellationToken);
        }

        var logged = await db.InboxItems.Where(i => i.Network == null).ToListAsync(cancellationToken);
        var theirs = logged.Where(i => contacts.Any(c => Inbox.InboxHistory.IsFrom(i, c.Name, c.Outlet, c.Email, c.Phone))).ToList();
        foreach (var item in theirs)
        {
            (item.FromHandle, item.FromName, item.Outlet) = ("", ErasedName, "");
        }

        db.Contacts.RemoveRange(contacts);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (listIds.Count > 0)
        {
            await lists.ReloadAsync(cancellationToken);
            listPushSignal.Wake();
        }

        return theirs.Count;
    }

    /// <summary>The lower-case text a search looks in.</summary>
    public static string SearchTextOf(Contact contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        var text = string.Join(' ', new[] { contact.Name, contact.Outlet, contact.Beat, contact.Email }.Concat(contact.Handles.Select(h => h.Handle)))
            .ToLowerInvariant();
        return text.Length > 4000 ? text[..4000] : text;
    }

    private static IEnumerable<string> Words(string? search) =>
        (search ?? "").ToLowerInvariant().Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(w => w.TrimStart('@')).Where(w => w.Length > 0);

    /// <summary>Checks every row of the file against the rules, against the directory and against the rows before it.</summary>
    private async Task<(ContactImportReport Report, List<CheckedContact> Good)> CheckImportAsync(byte[] content, CancellationToken cancellationToken)
    {
        var file = ContactCsv.Read(content, MaxImportRows);
        if (file.Error is not null)
        {
            return (ContactImportReport.Failed(file.Error), []);
        }

        var taken = (await db.ContactHandles.AsNoTracking().Select(h => new { h.Network, h.Handle, h.Contact!.Name }).ToListAsync(cancellationToken))
            .ToDictionary(h => (h.Network, h.Handle), h => h.Name);
        var inFile = new Dictionary<(Network, string), long>();
        var good = new List<CheckedContact>();
        var problems = new List<ContactImportProblem>();
        foreach (var row in file.Rows)
        {
            if (row.Form is null)
            {
                problems.Add(new ContactImportProblem(row.Line, "", row.Problems));
                continue;
            }

            var (valid, reasons) = ContactRules.Check(row.Form);
            var all = reasons.ToList();
            foreach (var (network, handle) in valid?.Handles ?? [])
            {
                if (taken.TryGetValue((network, handle), out var owner))
                {
                    all.Add($"the {ContactRules.NetworkName(network)} handle {ContactRules.Display(handle)} is already on {owner}");
                }
                else if (inFile.TryGetValue((network, handle), out var line))
                {
                    all.Add($"the {ContactRules.NetworkName(network)} handle {ContactRules.Display(handle)} is also on line {line}");
                }
            }

            if (valid is null || all.Count > 0)
            {
                problems.Add(new ContactImportProblem(row.Line, row.Form.Name.Trim(), all));
                continue;
            }

            // Only a row that will be imported claims its handles, so a later row may use the handles of a bad one.
            foreach (var handle in valid.Handles)
            {
                inFile[handle] = row.Line;
            }

            good.Add(valid);
        }

        var report = new ContactImportReport(null, file.Rows.Count, good.Count, good.Take(PreviewRows).ToList(), problems, file.UnknownColumns, 0);
        return (report, good);
    }

    /// <summary>
    /// The contacts (of <paramref name="among"/>, or all) with neither a logged interaction nor a post to the office since
    /// <paramref name="cutoff"/>, and not added since. A post found in the archive moves the contact's last interaction on.
    /// </summary>
    private async Task<List<ContactSummary>> StaleAsync(IReadOnlyCollection<int>? among, DateTime cutoff, CancellationToken cancellationToken)
    {
        var query = db.Contacts.AsNoTracking()
            .Where(c => c.CreatedAt < cutoff && (c.LastInteractionAt == null || c.LastInteractionAt < cutoff));
        if (among is not null)
        {
            query = query.Where(c => among.Contains(c.Id));
        }

        var candidates = await Summaries(query.OrderBy(c => c.LastInteractionAt ?? c.CreatedAt).ThenBy(c => c.Id).Take(1000), cancellationToken);
        var stale = new List<ContactSummary>();
        foreach (var candidate in candidates)
        {
            var recent = await history.ReadAsync(candidate.Id, cutoff, 1, cancellationToken);
            if (recent.Count > 0)
            {
                var at = recent[0].At;
                await db.Contacts.Where(c => c.Id == candidate.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.LastInteractionAt, at), cancellationToken);
                continue;
            }

            stale.Add(candidate);
        }

        return stale;
    }

    private static async Task<List<ContactSummary>> Summaries(IQueryable<Contact> query, CancellationToken cancellationToken)
    {
        var rows = await query
            .Select(c => new { c.Id, c.Name, c.Outlet, c.Beat, c.Email, c.CreatedAt, c.LastInteractionAt, Handles = c.Handles.OrderBy(h => h.Network).ThenBy(h => h.Handle).Select(h => new { h.Network, h.Handle }).ToList() })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new ContactSummary(r.Id, r.Name, r.Outlet, r.Beat, r.Email, r.Handles.Select(h => (h.Network, h.Handle)).ToList(), r.CreatedAt, r.LastInteractionAt)).ToList();
    }

    private static CheckedContact Validate(ContactForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var (valid, problems) = ContactRules.Check(form);
        if (valid is null)
        {
            var message = string.Join("; ", problems);
            throw new ContactException(char.ToUpperInvariant(message[0]) + message[1..] + ".");
        }

        return valid;
    }

    private async Task RefuseTakenHandlesAsync(IReadOnlyList<(Network Network, string Handle)> handles, int? exceptContactId, CancellationToken cancellationToken)
    {
        foreach (var (network, handle) in handles)
        {
            var owner = await db.ContactHandles.AsNoTracking()
                .Where(h => h.Network == network && h.Handle == handle && h.ContactId != exceptContactId)
                .Select(h => h.Contact!.Name).FirstOrDefaultAsync(cancellationToken);
            if (owner is not null)
            {
                throw new ContactException($"The {ContactRules.NetworkName(network)} handle {ContactRules.Display(handle)} is already on {owner}. If they are the same person, merge the two contacts.");
            }
        }
    }

    private static void Apply(Contact contact, CheckedContact valid, DateTime now)
    {
        contact.Name = valid.Name;
        contact.Outlet = valid.Outlet;
        contact.Beat = valid.Beat;
        contact.Email = valid.Email;
        contact.Phone = valid.Phone;
        contact.Notes = valid.Notes;
        contact.UpdatedAt = now;
        contact.Handles.RemoveAll(h => !valid.Handles.Contains((h.Network, h.Handle)));
        foreach (var (network, handle) in valid.Handles.Where(v => !contact.Handles.Any(h => h.Network == v.Network && h.Handle == v.Handle)))
        {
            contact.Handles.Add(new ContactHandle { Network = network, Handle = handle });
        }

        contact.SearchText = SearchTextOf(contact);
    }

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception)
        {
            // Someone else gave the same handle to another contact between the check and the save.
            throw new ContactException("One of these handles was just added to another contact. Look it up, and merge the two if they are the same person.", exception);
        }
    }

    private static async Task<byte[]?> ReadLimitedAsync(Stream csv, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(csv);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await csv.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxImportBytes)
            {
                return null;
            }

            await buffer.WriteAsync(chunk.AsMemory(0, read), cancellationToken);
        }

        return buffer.ToArray();
    }

    private async Task<Contact> LoadAsync(int contactId, CancellationToken cancellationToken) =>
        await db.Contacts.Include(c => c.Handles).FirstOrDefaultAsync(c => c.Id == contactId, cancellationToken)
            ?? throw new ContactException("That contact no longer exists.");

    private static DateTime? Latest(DateTime? first, DateTime? second) => first is null ? second : second is null || first > second ? first : second;

    private static string Describe(Contact contact) => $"contact {contact.Id} \"{contact.Name}\"";

    private static string HandleList(Contact contact) =>
        contact.Handles.Count == 0 ? "no handles" : string.Join(", ", contact.Handles.Select(h => $"{ContactRules.NetworkName(h.Network)} {ContactRules.Display(h.Handle)}"));

    private DateTime RetentionCutoff => Now.AddMonths(-options.Value.RetentionMonths);

    private DateTime Now => timeProvider.GetUtcNow().UtcDateTime;
}

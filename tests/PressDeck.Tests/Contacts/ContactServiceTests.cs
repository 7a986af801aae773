using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PressDeck.Audit;
using PressDeck.Contacts;
using PressDeck.Core.Posts;
using PressDeck.Data.Contacts;
using PressDeck.Data.Lists;
using PressDeck.Team;
using PressDeck.Tests.Team;

namespace PressDeck.Tests.Contacts;

/// <summary>
/// Issue 7, contacts: duplicates merged, a contact's history from the archive and the log, and the personal-data duties
/// (erasure, the export of everything held on one person, retention purge), plus the CSV export's round trip.
/// </summary>
[Trait("Issue", "7")]
public sealed class ContactServiceTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Handles_are_stored_lower_case_unique_across_contacts_and_bad_fields_are_refused_in_words()
    {
        await using var desk = await ContactDesk.StartAsync();
        var officer = await desk.PersonAsync(Roles.Officer, "Sam Officer");

        var id = await desk.AsAsync(officer, c => c.CreateAsync(ContactDesk.Jane, Cancel));
        var taken = await Assert.ThrowsAsync<ContactException>(() => desk.AsAsync(officer, c => c.CreateAsync(new ContactForm { Name = "J. Doe", Handles = [new ContactHandleForm(Network.X, "JANE_DOE")] }, Cancel)));
        var bad = await Assert.ThrowsAsync<ContactException>(() => desk.AsAsync(officer, c => c.CreateAsync(new ContactForm { Name = " ", Email = "nope", Handles = [new ContactHandleForm(Network.Mastodon, "bob")] }, Cancel)));

        var jane = await desk.AsAsync(officer, c => c.GetAsync(id, Cancel));
        Assert.Equal([(Network.Bluesky, "jane.bsky.social"), (Network.X, "jane_doe")], jane.Handles.OrderBy(h => h.Network).Select(h => (h.Network, h.Handle)));
        Assert.Equal("The X handle @jane_doe is already on Jane Doe. If they are the same person, merge the two contacts.", taken.Message);
        Assert.Equal("The name is missing; \"nope\" is not a valid email address; \"bob\" is not a valid Mastodon handle (user@server, such as name@mastodon.social).", bad.Message);
        Assert.Equal("Jane Doe", Assert.Single((await desk.AsAsync(officer, c => c.ListAsync("chronicle HOUSING", Cancel))).Contacts).Name);
        Assert.Empty((await desk.AsAsync(officer, c => c.ListAsync("health", Cancel))).Contacts);
    }

    [Fact]
    public async Task A_change_replaces_the_handles_and_a_contact_added_by_mistake_is_deleted_by_an_officer_not_a_viewer_audited()
    {
        await using var desk = await ContactDesk.StartAsync();
        var officer = await desk.PersonAsync(Roles.Officer, "Sam Officer");
        var viewer = await desk.PersonAsync(Roles.Viewer, "Vic Viewer");
        var id = await desk.AsAsync(officer, c => c.CreateAsync(ContactDesk.Jane, Cancel));

        await desk.AsAsync(officer, c => c.UpdateAsync(id, ContactDesk.Jane with { Beat = "Planning", Handles = [new ContactHandleForm(Network.X, "jane_doe"), new ContactHandleForm(Network.Mastodon, "jane@journa.host")] }, Cancel));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => desk.AsAsync(viewer, c => c.DeleteAsync(id, Cancel)));

        var changed = await desk.AsAsync(viewer, c => c.GetAsync(id, Cancel));
        Assert.Equal("Planning", changed.Beat);
        Assert.Equal(["jane@journa.host", "jane_doe"], changed.Handles.Select(h => h.Handle).Order(StringComparer.Ordinal));
        Assert.Equal(2, await desk.DbAsync(db => db.ContactHandles.CountAsync(Cancel)));
        Assert.Equal("handles X @jane_doe, Bluesky @jane.bsky.social → X @jane_doe, Mastodon @jane@journa.host", Assert.Single(await desk.AuditAsync(AuditActions.ContactChanged)).Details);
        Assert.Single((await desk.AsAsync(viewer, c => c.ListAsync("planning", Cancel))).Contacts);

        await desk.AsAsync(officer, c => c.DeleteAsync(id, Cancel));

        Assert.Equal((0, 0), await desk.DbAsync(async db => (await db.Contacts.CountAsync(Cancel), await db.ContactHandles.CountAsync(Cancel))));
        Assert.Equal($"contact {id} \"Jane Doe\"", Assert.Single(await desk.AuditAsync(AuditActions.ContactDeleted)).Target);
        await Assert.ThrowsAsync<ContactException>(() => desk.AsAsync(officer, c => c.GetAsync(id, Cancel)));
    }

    [Fact]
    public async Task Merging_a_duplicate_moves_its_handles_notes_and_history_to_the_contact_kept_and_is_audited()
    {
        await using var desk = await ContactDesk.StartAsync();
        var officer = await desk.PersonAsync(Roles.Officer, "Sam Officer");
        var keep = await desk.AsAsync(officer, c => c.CreateAsync(ContactDesk.Jane with { Email = "", Handles = [new ContactHandleForm(Network.X, "jane_doe")] }, Cancel));
        var duplicate = await desk.AsAsync(officer, c => c.CreateAsync(new ContactForm
        {
            Name = "Jane M. Doe",
            Email = "jane@chronicle.example",
            Notes = "Covers planning too.",
            Handles = [new ContactHandleForm(Network.Bluesky, "jane.bsky.social"), new ContactHandleForm(Network.Mastodon, "jane@journa.host")],
        }, Cancel));
        await desk.AsAsync(officer, c => c.LogInteractionAsync(duplicate, new InteractionForm { At = desk.Now.AddDays(-1), Kind = ContactInteractionKind.Phone, Summary = "Asked about the housing figures" }, Cancel));

        await desk.AsAsync(officer, c => c.MergeAsync(keep, duplicate, Cancel));

        var kept = await desk.AsAsync(officer, c => c.GetAsync(keep, Cancel));
        Assert.Equal(["jane.bsky.social", "jane@journa.host", "jane_doe"], kept.Handles.Select(h => h.Handle).Order(StringComparer.Ordinal));
        Assert.Equal("jane@chronicle.example", kept.Email);
        Assert.StartsWith("Prefers calls before 11.\n\nFrom Jane M. Doe (merged ", kept.Notes, StringComparison.Ordinal);
        Assert.EndsWith("Covers planning too.", kept.Notes, StringComparison.Ordinal);
        Assert.Equal(desk.Now.AddDays(-1), kept.LastInteractionAt);
        var history = await desk.AsAsync(officer, c => c.HistoryAsync(keep, Cancel));
        Assert.Equal(("Phone call", "Asked about the housing figures", "Sam Officer"), (history[0].Kind, history[0].Summary, history[0].ByName));
        Assert.False(await desk.DbAsync(db => db.Contacts.AnyAsync(c => c.Id == duplicate, Cancel)));
        Assert.Equal("jane", Assert.Single((await desk.AsAsync(officer, c => c.ListAsync("@jane.bsky", Cancel))).Contacts).Name[..4].ToLowerInvariant());
        var audit = Assert.Single(await desk.AuditAsync(AuditActions.ContactsMerged));
        Assert.Equal($"contact {keep} \"Jane Doe\"", audit.Target);
        Assert.Equal($"merged contact {duplicate} \"Jane M. Doe\" into it: 2 handles and 1 logged interactions moved", audit.Details);
    }

    [Fact]
    public async Task History_merges_the_contacts_posts_to_the_office_from_the_archive_with_what_was_logged_newest_first()
    {
        await using var desk = await ContactDesk.StartAsync();
        var officer = await desk.PersonAsync(Roles.Officer, "Sam Officer");
        await desk.Desk.ConnectedAccountAsync(Network.Bluesky, "pressoffice.gov.uk");
        var jane = await desk.AsAsync(officer, c => c.CreateAsync(ContactDesk.Jane, Cancel));
        var now = desk.Now;
        var officePost = ContactDesk.BlueskyPost("office1", "pressoffice.gov.uk", "Today we publish the housing figures.", now.AddHours(-6));
        await desk.ArchiveAsync(
            officePost,
            ContactDesk.BlueskyPost("a", "jane.bsky.social", "When do the figures come out?", now.AddHours(-5), replyTo: "pressoffice.gov.uk"),
            ContactDesk.BlueskyPost("b", "jane.bsky.social", "Waiting on @pressoffice.gov.uk for a comment", now.AddHours(-3)),
            ContactDesk.BlueskyPost("c", "jane.bsky.social", "Worth reading", now.AddHours(-2), quoteOf: officePost.RemoteId),
            ContactDesk.BlueskyPost("d", "jane.bsky.social", "Lunch.", now.AddHours(-1)),
            ContactDesk.BlueskyPost("e", "someone.bsky.social", "Hello @pressoffice.gov.uk", now.AddHours(-1)));
        await desk.AsAsync(officer, c => c.LogInteractionAsync(jane, new InteractionForm { At = now.AddHours(-4), Kind = ContactInteractionKind.Phone, Summary = "Phoned about the embargo" }, Cancel));

        var history = await desk.AsAsync(officer, c => c.HistoryAsync(jane, Cancel));

        Assert.Equal(
            [("Quote", "Worth reading"), ("Mention", "Waiting on @pressoffice.gov.uk for a comment"), ("Phone call", "Phoned about the embargo"), ("Reply", "When do the figures come out?")],
            history.Select(h => (h.Kind, h.Summary)));
        Assert.Equal([ContactHistorySources.Post, ContactHistorySources.Post, ContactHistorySources.Logged, ContactHistorySources.Post], history.Select(h => h.Source));
    }

    [Fact]
    public async Task Erasing_a_person_removes_the_contact_handles_interactions_and_notes_and_the_audit_keeps_only_the_name()
    {
        await using var desk = await ContactDesk.StartAsync();
        var officer = await desk.PersonAsync(Roles.Officer, "Sam Officer");
        var admin = await ContactDesk.AdminAsync(desk);
        var jane = await desk.AsAsync(officer, c => c.CreateAsync(ContactDesk.Jane, Cancel));
        await desk.AsAsync(officer, c => c.LogInteractionAsync(jane, new InteractionForm { At = desk.Now, Kind = ContactInteractionKind.Email, Summary = "Sent the embargoed release" }, Cancel));

        await Assert.ThrowsAsync<PermissionDeniedException>(() => desk.AsAsync(officer, c => c.EraseAsync(jane, Cancel)));
        var name = await desk.AsAsync(admin, c => c.EraseAsync(jane, Cancel));

        Assert.Equal("Jane Doe", name);
        var left = await desk.DbAsync(async db => (
            await db.Contacts.CountAsync(Cancel),
            await db.ContactHandles.CountAsync(Cancel),
            await db.ContactInteractions.CountAsync(Cancel),
            await db.Contacts.AnyAsync(c => c.Notes.Contains("11"), Cancel)));
        Assert.Equal((0, 0, 0, false), left);
        var audit = Assert.Single(await desk.AuditAsync(AuditActions.ContactErased));
        Assert.Equal(($"contact {jane}", "erased everything held on Jane Doe"), (audit.Target, audit.Details));
        var everything = string.Join(' ', (await desk.DbAsync(db => db.AuditEntries.ToListAsync(Cancel))).Where(e => e.Action != AuditActions.ContactAdded).Select(e => e.Target + e.Details));
        Assert.DoesNotContain("chronicle.example", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("embargoed", everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_person_export_holds_the_contact_handles_interactions_history_and_list_memberships_for_admins_only()
    {
        await using var desk = await ContactDesk.StartAsync();
        var officer = await desk.PersonAsync(Roles.Officer, "Sam Officer");
        await desk.Desk.ConnectedAccountAsync(Network.Bluesky, "pressoffice.gov.uk");
        var jane = await desk.AsAsync(officer, c => c.CreateAsync(ContactDesk.Jane, Cancel));
        await desk.AsAsync(officer, c => c.LogInteractionAsync(jane, new InteractionForm { At = desk.Now.AddHours(-1), Kind = ContactInteractionKind.Meeting, Summary = "Coffee at the party conference" }, Cancel));
        await desk.ArchiveAsync(ContactDesk.BlueskyPost("q", "jane.bsky.social", "@pressoffice.gov.uk is the levy going up?", desk.Now.AddHours(-2)));
        await desk.DbAsync(async db =>
        {
            db.Lists.Add(new AccountList { Name = "Lobby", NormalizedName = "lobby", Members = [new ListMember { Network = Network.X, Handle = "jane_doe", PersonName = "Jane Doe", Note = "Chronicle lobby" }] });
            return await db.SaveChangesAsync(Cancel);
        });
        var (admin, _) = await TestPeople.SignedInAsync(desk.Desk.App, Roles.Admin);
        var (officerClient, _) = await TestPeople.SignedInAsync(desk.Desk.App, Roles.Officer);

        using var refused = await officerClient.Http.GetAsync($"api/contacts/{jane}/personal-data.json", Cancel);
        using var response = await admin.Http.GetAsync($"api/contacts/{jane}/personal-data.json", Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"attachment; filename=\"pressdeck-contact-{jane}.json\"", response.Content.Headers.ContentDisposition?.ToString() ?? string.Join("", response.Headers.GetValues("Content-Disposition")));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        var root = json.RootElement;
        Assert.Equal(("Jane Doe", "+44 20 7946 0000", "Prefers calls before 11."), (root.GetProperty("contact").GetProperty("name").GetString(), root.GetProperty("contact").GetProperty("phone").GetString(), root.GetProperty("contact").GetProperty("notes").GetString()));
        Assert.Equal(["jane.bsky.social", "jane_doe"], root.GetProperty("handles").EnumerateArray().Select(h => h.GetProperty("handle").GetString()));
        Assert.Equal("Coffee at the party conference", Assert.Single(root.GetProperty("interactions").EnumerateArray()).GetProperty("summary").GetString());
        Assert.Equal(
            [("Meeting", "Coffee at the party conference", "logged"), ("Mention", "@pressoffice.gov.uk is the levy going up?", "post")],
            root.GetProperty("history").EnumerateArray().Select(h => (h.GetProperty("kind").GetString(), h.GetProperty("summary").GetString(), h.GetProperty("source").GetString())));
        var membership = Assert.Single(root.GetProperty("listMemberships").EnumerateArray());
        Assert.Equal(("Lobby", "jane_doe", "Chronicle lobby"), (membership.GetProperty("list").GetString(), membership.GetProperty("handle").GetString(), membership.GetProperty("note").GetString()));
        Assert.Single(await desk.AuditAsync(AuditActions.ContactDataExported));
    }

    [Fact]
    public async Task Contacts_with_no_interaction_for_the_retention_period_are_listed_for_review_and_purged_with_an_audit_entry()
    {
        await using var desk = await ContactDesk.StartAsync();
        var officer = await desk.PersonAsync(Roles.Officer, "Sam Officer");
        var admin = await ContactDesk.AdminAsync(desk);
        await desk.Desk.ConnectedAccountAsync(Network.Bluesky, "pressoffice.gov.uk");
        var stale = await desk.AsAsync(officer, c => c.CreateAsync(new ContactForm { Name = "Old Contact" }, Cancel));
        var called = await desk.AsAsync(officer, c => c.CreateAsync(new ContactForm { Name = "Called Lately" }, Cancel));
        var posted = await desk.AsAsync(officer, c => c.CreateAsync(new ContactForm { Name = "Posted Lately", Handles = [new ContactHandleForm(Network.Bluesky, "posted.bsky.social")] }, Cancel));
        // They were added 25 months ago. (The clock is not advanced that far: the fake clock would fire every periodic
        // timer of the app's background services for each period in 25 months, which took minutes of CPU.)
        var longAgo = desk.Now.AddDays(-25 * 31);
        await desk.DbAsync(db => db.Contacts.ExecuteUpdateAsync(s => s.SetProperty(c => c.CreatedAt, longAgo).SetProperty(c => c.UpdatedAt, longAgo), Cancel));
        var recent = await desk.AsAsync(officer, c => c.CreateAsync(new ContactForm { Name = "New Contact" }, Cancel));
        await desk.AsAsync(officer, c => c.LogInteractionAsync(called, new InteractionForm { At = desk.Now.AddDays(-3), Summary = "Rang about the budget" }, Cancel));
        await desk.ArchiveAsync(ContactDesk.BlueskyPost("p", "posted.bsky.social", "Any comment, @pressoffice.gov.uk?", desk.Now.AddDays(-10)));

        await Assert.ThrowsAsync<PermissionDeniedException>(() => desk.AsAsync(officer, c => c.RetentionReviewAsync(Cancel)));
        var review = await desk.AsAsync(admin, c => c.RetentionReviewAsync(Cancel));
        var purged = await desk.AsAsync(admin, c => c.PurgeAsync([stale, called, recent], Cancel));

        Assert.Equal(24, review.Months);
        Assert.Equal([stale], review.Contacts.Select(c => c.Id));
        Assert.Equal(1, purged);
        Assert.Equal([called, posted, recent], await desk.DbAsync(db => db.Contacts.OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(Cancel)));
        Assert.Equal(desk.Now.AddDays(-10), await desk.DbAsync(db => db.Contacts.Where(c => c.Id == posted).Select(c => c.LastInteractionAt).SingleAsync(Cancel)));
        var audit = Assert.Single(await desk.AuditAsync(AuditActions.ContactsPurged));
        Assert.EndsWith("(24 months): Old Contact", audit.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_csv_export_escapes_formulas_and_imports_again_as_the_same_contacts()
    {
        await using var desk = await ContactDesk.StartAsync();
        var officer = await desk.PersonAsync(Roles.Officer, "Sam Officer");
        var sly = new ContactForm
        {
            Name = "=HYPERLINK(\"http://evil.example\",\"Click\")",
            Outlet = "+Politics, \"Weekly\"",
            Beat = "-economy",
            Notes = "@everyone\nsecond line",
            Handles = [new ContactHandleForm(Network.Mastodon, "sly@journa.host")],
        };
        await desk.AsAsync(officer, c => c.CreateAsync(ContactDesk.Jane, Cancel));
        await desk.AsAsync(officer, c => c.CreateAsync(sly, Cancel));
        var (admin, _) = await TestPeople.SignedInAsync(desk.Desk.App, Roles.Admin);
        var (officerClient, _) = await TestPeople.SignedInAsync(desk.Desk.App, Roles.Officer);

        using var refused = await officerClient.Http.GetAsync("api/contacts/export.csv", Cancel);
        var csv = await admin.Http.GetByteArrayAsync("api/contacts/export.csv", Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var text = Encoding.UTF8.GetString(csv).TrimStart('\uFEFF');
        Assert.StartsWith("name,outlet,beat,email,phone,bluesky,mastodon,x,notes\r\n", text, StringComparison.Ordinal);
        Assert.Contains("Jane Doe,The Chronicle,Housing,jane.doe@chronicle.example,\"'+44 20 7946 0000\",jane.bsky.social,,jane_doe,Prefers calls before 11.", text, StringComparison.Ordinal);
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Click\"\")\",\"'+Politics, \"\"Weekly\"\"\",\"'-economy\"", text, StringComparison.Ordinal);
        Assert.Contains("\"'@everyone\nsecond line\"", text, StringComparison.Ordinal);
        Assert.Single(await desk.AuditAsync(AuditActions.ContactsExported));

        await desk.DbAsync(db => db.Contacts.ExecuteDeleteAsync(Cancel));
        var result = await desk.AsAsync(officer, c => c.ImportAsync(new MemoryStream(csv), Cancel));

        Assert.Equal((2, 0), (result.Imported, result.Problems.Count));
        var back = await desk.DbAsync(db => db.Contacts.Include(c => c.Handles).OrderBy(c => c.Name).ToListAsync(Cancel));
        Assert.Equal(
            [(sly.Name, sly.Outlet, sly.Beat, "", "", sly.Notes, "sly@journa.host"), ("Jane Doe", "The Chronicle", "Housing", "jane.doe@chronicle.example", "+44 20 7946 0000", "Prefers calls before 11.", "jane.bsky.social jane_doe")],
            back.Select(c => (c.Name, c.Outlet, c.Beat, c.Email, c.Phone, c.Notes, string.Join(' ', c.Handles.Select(h => h.Handle).Order(StringComparer.Ordinal)))));
    }
}

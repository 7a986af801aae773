using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PressDeck.Audit;
using PressDeck.Connectors.Demo;
using PressDeck.Contacts;
using PressDeck.Core.Lists;
using PressDeck.Core.Posts;
using PressDeck.Data;
using PressDeck.Data.Accounts;
using PressDeck.Data.Identity;
using PressDeck.Monitoring.Lists;
using PressDeck.Team;
using PressDeck.Testing;
using PressDeck.Tests.Publishing;
using PressDeck.Tests.Team;

namespace PressDeck.Tests.Lists;

/// <summary>
/// Issue 7, lists: a network's list imported into PressDeck and joined to Contacts, read again later; and the opt-in
/// push of a PressDeck list to a network, which needs the warning of what becomes public accepted, then keeps the
/// network's copy in step with the list, on the demo network and through the Bluesky and Mastodon connectors.
/// </summary>
[Trait("Issue", "7")]
public sealed class ListTransferTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_demo_list_is_imported_joined_to_contacts_usable_in_queries_and_read_again_from_the_network()
    {
        await using var desk = await ApprovalDesk.StartAsync();
        var sam = await desk.PersonAsync(Roles.Officer, "Sam Officer");
        var demo = desk.Services.GetRequiredService<DemoLists>();
        var office = new ListAccountChoice(Network.Demo, null, DemoOptions.DefaultOfficeHandle);
        var remote = Assert.Single((await AsAsync(desk, sam, t => t.OwnListsAsync(office, Cancel))).Lists, l => l.Name == "Political correspondents");
        var members = await demo.GetMembersAsync(Office(desk), remote.Id, 100, Cancel);
        Assert.True(members.Count > 3);
        // One of them is already in Contacts, under the name and outlet the office knows them by.
        var known = members[0];
        var contactId = await AsAsync(desk, sam, (ContactService c) => c.CreateAsync(
            new ContactForm { Name = "Known Journalist", Outlet = "The Chronicle", Handles = [new ContactHandleForm(Network.Demo, known.Handle)] }, Cancel));

        var result = await AsAsync(desk, sam, t => t.ImportAsync(office, remote, null, "Lobby", addToContacts: true, Cancel));

        Assert.Null(result.Problem);
        Assert.Equal((members.Count, 0, members.Count - 1, members.Count), (result.Added, result.AlreadyOn, result.ContactsCreated, result.LinkedToContacts));
        var lists = await AsAsync(desk, sam, (ListService l) => l.GetAllAsync(Cancel));
        var lobby = Assert.Single(lists, l => l.Name == "Lobby");
        Assert.Equal((Network.Demo, "“Political correspondents” by @dbt_press on Demo", $"{DemoLists.ListUrlPrefix}{remote.Id}", desk.Now),
            (lobby.SourceNetwork, lobby.SourceDescription, lobby.SourceUrl, lobby.ImportedAt));
        var onList = await AsAsync(desk, sam, (ListService l) => l.GetMembersAsync(lobby.Id, Cancel));
        Assert.Equal(members.Select(m => m.Handle).Order(StringComparer.Ordinal), onList.Select(m => m.Handle).Order(StringComparer.Ordinal));
        Assert.All(onList, m => Assert.NotNull(m.ContactId));
        var knownRow = Assert.Single(onList, m => m.Handle == known.Handle);
        Assert.Equal((contactId, "Known Journalist", "The Chronicle"), (knownRow.ContactId, knownRow.PersonName, knownRow.Outlet));
        Assert.Equal(members.Count, await DbAsync(desk.Services, db => db.Contacts.CountAsync(Cancel)));
        Assert.Contains((lobby.Id, "Lobby"), await AsAsync(desk, sam, (ListService l) => l.ListsOfContactAsync(contactId, Cancel)));
        Assert.True(desk.Services.GetRequiredService<ListDirectory>().Contains("lobby", known.Handle));
        Assert.StartsWith($"from “Political correspondents” by @dbt_press on Demo: {members.Count} added, 0 already on the list.",
            Assert.Single(await AuditAsync(desk, AuditActions.ListImported)).Details, StringComparison.Ordinal);

        // The network's list changes: one member leaves it and a new one joins. Reading it again adds the new one and
        // reports the one who left, without taking them off the office's list.
        var newcomer = desk.Services.GetRequiredService<DemoWorld>().Journalists.First(j => members.All(m => m.Handle != j.Handle));
        await demo.RemoveMemberAsync(Office(desk), remote.Id, members[1], Cancel);
        await demo.AddMemberAsync(Office(desk), remote.Id, new RemoteListMember(newcomer.Handle, newcomer.Handle, newcomer.Author.DisplayName), Cancel);
        desk.Advance(TimeSpan.FromDays(1));

        var again = await AsAsync(desk, sam, t => t.RefreshAsync(lobby.Id, Cancel));

        Assert.Equal((1, members.Count - 1, 0), (again.Added, again.AlreadyOn, again.ContactsCreated));
        Assert.Equal([members[1].Handle], again.NoLongerOnNetworkList);
        Assert.Equal(members.Count + 1, (await AsAsync(desk, sam, (ListService l) => l.GetMembersAsync(lobby.Id, Cancel))).Count);
        Assert.Contains($"1 on this list are no longer on the network's list: @{members[1].Handle}.", again.Summary, StringComparison.Ordinal);

        // Importing into a name that is taken is refused in words, and nothing is half-imported.
        var taken = await AsAsync(desk, sam, t => t.ImportAsync(office, remote, null, "lobby", addToContacts: false, Cancel));
        Assert.Equal("There is already a list called “lobby”; choose it, or give the new list another name.", taken.Problem);
        Assert.Single(await AsAsync(desk, sam, (ListService l) => l.GetAllAsync(Cancel)), l => l.Name.Equals("lobby", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Pushing_a_list_is_opt_in_with_its_warning_accepted_and_keeps_the_networks_copy_in_step()
    {
        await using var desk = await ApprovalDesk.StartAsync();
        var sam = await desk.PersonAsync(Roles.Officer, "Sam Officer");
        var ada = await desk.PersonAsync(Roles.Approver, "Ada Approver");
        var world = desk.Services.GetRequiredService<DemoWorld>();
        var (first, second, third) = (world.Journalists[0], world.Journalists[1], world.Journalists[2]);
        var listId = await NewListAsync(desk, sam, "Launch stakeholders", (Network.Demo, first.Handle), (Network.Demo, second.Handle), (Network.Demo, "nobody_at_all"));
        var office = new ListAccountChoice(Network.Demo, null, DemoOptions.DefaultOfficeHandle);
        var warning = ListPushWarnings.For(Network.Demo, "Launch stakeholders", "dbt_press", isPrivate: false);

        // An officer may not make a list public under the office's account; an approver must accept the warning as shown.
        await Assert.ThrowsAsync<PermissionDeniedException>(() => AsAsync(desk, sam, t => t.StartPushAsync(listId, office, false, warning, Cancel)));
        Assert.Equal("Read and accept the warning of what becomes public before pushing the list.",
            await AsAsync(desk, ada, t => t.StartPushAsync(listId, office, false, "", Cancel)));
        Assert.Equal(0, await DbAsync(desk.Services, db => db.ListPushes.CountAsync(Cancel)));

        Assert.Null(await AsAsync(desk, ada, t => t.StartPushAsync(listId, office, false, warning, Cancel)));
        Assert.True(await PushAsync(desk));

        var push = Assert.Single(await AsAsync(desk, sam, t => t.PushesAsync(listId, Cancel)));
        Assert.Equal(("Created the list. Added 2, removed 0; 2 on the list there. Not found on Demo: @nobody_at_all.", false, false, "Ada Approver"),
            (push.LastOutcome, push.LastPushFailed, push.IsDue, push.EnabledByName));
        var remoteId = push.RemoteUrl![DemoLists.ListUrlPrefix.Length..];
        Assert.Equal(Sorted(first.Handle, second.Handle), await RemoteHandlesAsync(desk, remoteId));
        var started = Assert.Single(await AuditAsync(desk, AuditActions.ListPushStarted));
        Assert.StartsWith("Ada Approver", started.ActorName, StringComparison.Ordinal);
        Assert.Equal($"to @dbt_press on Demo; accepted: {warning}", started.Details);
        Assert.False(await PushAsync(desk));

        // A change of members makes the push due, and the next push adds and removes exactly what changed.
        await AsAsync(desk, sam, (ListService l) => l.AddMemberAsync(listId, "", Network.Demo, third.Handle, Cancel));
        var firstRow = Assert.Single(await AsAsync(desk, sam, (ListService l) => l.GetMembersAsync(listId, Cancel)), m => m.Handle == first.Handle);
        await AsAsync(desk, sam, async (ListService l) => { await l.RemoveMemberAsync(firstRow.Id, Cancel); return 0; });
        Assert.True(Assert.Single(await AsAsync(desk, sam, t => t.PushesAsync(listId, Cancel))).IsDue);
        Assert.True(await PushAsync(desk));

        Assert.Equal(Sorted(second.Handle, third.Handle), await RemoteHandlesAsync(desk, remoteId));
        Assert.Equal("Added 1, removed 1; 2 on the list there. Not found on Demo: @nobody_at_all.", Assert.Single(await AsAsync(desk, sam, t => t.PushesAsync(listId, Cancel))).LastOutcome);
        Assert.Equal(2, (await AuditAsync(desk, AuditActions.ListPushed)).Count);

        // Stopping leaves the network's list as it is, and changes no longer go to it.
        await AsAsync(desk, ada, async t => { await t.StopPushAsync(push.Id, Cancel); return 0; });
        await AsAsync(desk, sam, (ListService l) => l.AddMemberAsync(listId, "", Network.Demo, first.Handle, Cancel));
        Assert.False(await PushAsync(desk));
        Assert.Equal(Sorted(second.Handle, third.Handle), await RemoteHandlesAsync(desk, remoteId));
        Assert.Contains("the list there was left as it is", Assert.Single(await AuditAsync(desk, AuditActions.ListPushStopped)).Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_push_that_fails_is_recorded_in_words_and_tried_again_after_a_back_off()
    {
        await using var desk = await ApprovalDesk.StartAsync();
        var ada = await desk.PersonAsync(Roles.Approver, "Ada Approver");
        var account = await desk.ConnectedAccountAsync(Network.Bluesky, "press.bsky.social");
        var listId = await NewListAsync(desk, ada, "Trade press", (Network.Bluesky, "editor.bsky.social"));
        var choice = new ListAccountChoice(Network.Bluesky, account.ConnectedAccountId, "press.bsky.social");
        Assert.Null(await AsAsync(desk, ada, t => t.StartPushAsync(listId, choice, false, ListPushWarnings.For(Network.Bluesky, "Trade press", "press.bsky.social", false), Cancel)));
        // The account is removed after the office chose to push the list.
        await DbAsync(desk.Services, db => db.ConnectedAccounts.Where(a => a.Id == account.ConnectedAccountId).ExecuteDeleteAsync(Cancel));

        Assert.True(await PushAsync(desk));

        var push = Assert.Single(await DbAsync(desk.Services, db => db.ListPushes.AsNoTracking().ToListAsync(Cancel)));
        Assert.Equal((true, 1, desk.Now + ListPusher.Backoff(1)), (push.LastPushFailed, push.FailedAttempts, push.DueAt));
        Assert.StartsWith("The account was removed from PressDeck", push.LastOutcome, StringComparison.Ordinal);
        Assert.Single(await AuditAsync(desk, AuditActions.ListPushFailed));
        Assert.False(await PushAsync(desk));
        desk.Advance(ListPusher.Backoff(1));
        Assert.True(await PushAsync(desk));
        var again = await DbAsync(desk.Services, db => db.ListPushes.AsNoTracking().SingleAsync(Cancel));
        Assert.Equal((2, desk.Now + ListPusher.Backoff(2)), (again.FailedAttempts, again.DueAt));
        Assert.Equal([1, 2, 4, 8, 16, 32, 60, 60], Enumerable.Range(1, 8).Select(n => (int)ListPusher.Backoff(n).TotalMinutes));
    }

    [Fact]
    public async Task A_Bluesky_list_is_imported_from_its_address_and_an_office_list_is_pushed_as_list_and_listitem_records()
    {
        await using var pds = await FakeBlueskyPds.StartAsync();
        pds.Accounts["press.bsky.social"] = "abcd-efgh-ijkl-mnop";
        pds.SeedAccount("press.bsky.social", "Press office");
        var clock = new FakeTimeProvider(ApprovalDesk.Thursday);
        await using var app = await StartAsync(clock);
        var ada = await TestPeople.CreateAsync(app.Services, Roles.Approver, name: "Ada Approver");
        var account = await ConnectAsync(app, Network.Bluesky, pds.Url, "press.bsky.social", FakeBlueskyPds.DidOf("press.bsky.social"), "abcd-efgh-ijkl-mnop");
        // A journalist's public list of lobby correspondents.
        var listUri = pds.SeedList("priya.bsky.social", "3lobby", "Lobby correspondents", description: "Westminster lobby");
        pds.SeedListItem(listUri, "3i1", "tom.bsky.social", "Tom Reed");
        pds.SeedListItem(listUri, "3i2", "anna.bsky.social", "Anna Price");
        var choice = new ListAccountChoice(Network.Bluesky, account, "press.bsky.social");

        var (found, problem) = await AsAsync(app, ada, t => t.FindAsync(choice, "https://bsky.app/profile/priya.bsky.social/lists/3lobby", Cancel));
        Assert.Null(problem);
        var imported = await AsAsync(app, ada, t => t.ImportAsync(choice, found!, null, "Lobby", addToContacts: true, Cancel));

        Assert.Equal((2, 2), (imported.Added, imported.ContactsCreated));
        var lobbyId = imported.ListId;
        Assert.Equal([("Anna Price", "anna.bsky.social"), ("Tom Reed", "tom.bsky.social")],
            (await AsAsync(app, ada, (ListService l) => l.GetMembersAsync(lobbyId, Cancel))).Select(m => (m.PersonName, m.Handle)));

        // Pushed to Bluesky from the office's account: one list record, one listitem per member, in the office's repository.
        pds.SeedAccount("editor.bsky.social", "Trade Editor");
        var tradeId = await NewListAsync(app, ada, "Trade press", (Network.Bluesky, "editor.bsky.social"), (Network.Bluesky, "anna.bsky.social"));
        Assert.Null(await AsAsync(app, ada, t => t.StartPushAsync(tradeId, choice, false, ListPushWarnings.For(Network.Bluesky, "Trade press", "press.bsky.social", false), Cancel)));
        Assert.True(await app.Services.GetRequiredService<ListPusher>().PushNextDueAsync(Cancel));

        var push = Assert.Single(await AsAsync(app, ada, t => t.PushesAsync(tradeId, Cancel)));
        Assert.Equal("Created the list. Added 2, removed 0; 2 on the list there.", push.LastOutcome);
        var officeDid = FakeBlueskyPds.DidOf("press.bsky.social");
        var remoteList = pds.Records.Keys.Single(k => k.StartsWith($"at://{officeDid}/app.bsky.graph.list/", StringComparison.Ordinal));
        Assert.Equal(new[] { FakeBlueskyPds.DidOf("anna.bsky.social"), FakeBlueskyPds.DidOf("editor.bsky.social") }.Order(StringComparer.Ordinal),
            pds.ListItemsOf(remoteList).Select(i => i.Subject).Order(StringComparer.Ordinal));
        Assert.Equal($"https://bsky.app/profile/press.bsky.social/lists/{remoteList[(remoteList.LastIndexOf('/') + 1)..]}", push.RemoteUrl);
    }

    [Fact]
    public async Task Pushing_a_list_to_Mastodon_warns_that_the_office_follows_everyone_and_follows_each_member_before_adding_them()
    {
        await using var mastodon = await FakeMastodonServer.StartAsync();
        var clock = new FakeTimeProvider(ApprovalDesk.Thursday);
        await using var app = await StartAsync(clock);
        var ada = await TestPeople.CreateAsync(app.Services, Roles.Approver, name: "Ada Approver");
        var handle = "pressoffice@" + mastodon.Url.Authority;
        var account = await ConnectAsync(app, Network.Mastodon, mastodon.Url, handle, "1", FakeMastodonServer.Token);
        // An account the server knows, as the archive writes Mastodon handles (user@server).
        var acct = System.Text.Json.JsonDocument.Parse(mastodon.KnownAccounts[0]).RootElement.GetProperty("acct").GetString()!;
        var member = (acct.Contains('@', StringComparison.Ordinal) ? acct : acct + "@" + mastodon.Url.Host).ToLowerInvariant();
        var listId = await NewListAsync(app, ada, "Health desks", (Network.Mastodon, member));
        var choice = new ListAccountChoice(Network.Mastodon, account, handle);
        var warning = ListPushWarnings.For(Network.Mastodon, "Health desks", handle, false);
        Assert.Contains($"A Mastodon list makes @{handle} follow every member, in public", warning, StringComparison.Ordinal);

        Assert.Null(await AsAsync(app, ada, t => t.StartPushAsync(listId, choice, false, warning, Cancel)));
        Assert.True(await app.Services.GetRequiredService<ListPusher>().PushNextDueAsync(Cancel));

        var push = Assert.Single(await AsAsync(app, ada, t => t.PushesAsync(listId, Cancel)));
        Assert.Equal(("Created the list. Added 1, removed 0; 1 on the list there.", false), (push.LastOutcome, push.LastPushFailed));
        var remoteId = Assert.Single(mastodon.Lists, l => (string?)l["title"] == "Health desks")["id"]!.GetValue<string>();
        var follow = mastodon.RecordedRequests.ToList().FindIndex(r => r.Method == "POST" && r.Path.EndsWith("/follow", StringComparison.Ordinal));
        var add = mastodon.RecordedRequests.ToList().FindIndex(r => r.Method == "POST" && r.Path == $"/api/v1/lists/{remoteId}/accounts");
        Assert.True(follow >= 0 && add > follow, "The office's account follows the member before putting them on the list.");
        Assert.Single(mastodon.ListMembers(remoteId));
        Assert.Single(mastodon.Followed);
    }

    [Fact]
    public async Task Erasing_a_contact_takes_them_off_the_lists_and_pushed_copies_and_out_of_their_logged_enquiries_and_the_inbox_is_part_of_their_history()
    {
        await using var desk = await ApprovalDesk.StartAsync();
        var dana = await desk.AdminAsync();
        var world = desk.Services.GetRequiredService<DemoWorld>();
        var journalist = world.Journalists[0];
        var contactId = await AsAsync(desk, dana, (ContactService c) => c.CreateAsync(new ContactForm
        {
            Name = "Jane Doe",
            Outlet = "The Chronicle",
            Email = "jane.doe@chronicle.example",
            Phone = "+44 20 7946 0000",
            Handles = [new ContactHandleForm(Network.Demo, journalist.Handle)],
        }, Cancel));
        // Her question on the network (answered), the same post in the archive, and a phone enquiry logged by hand.
        var asked = desk.Now.AddHours(-2);
        var post = ContactDeskPost(journalist.Handle, asked);
        await using (var scope = desk.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Data.Archive.IPostArchive>().AddAsync([new(post, Core.Text.PostAnalyzer.Analyze(post), asked)], Cancel);
        }

        await DbAsync(desk.Services, async db =>
        {
            db.InboxItems.Add(new Data.Inbox.InboxItem
            {
                Kind = Data.Inbox.InboxItemKind.Mention,
                Network = Network.Demo,
                RemoteId = post.RemoteId,
                OfficeHandle = "dbt_press",
                FromHandle = journalist.Handle,
                FromName = "Jane",
                Text = post.Text,
                AskedAt = asked,
                ArrivedAt = asked,
                Status = Data.Inbox.InboxStatus.Answered,
                AnsweredAt = asked.AddMinutes(12),
                AnsweredByName = "Nia Officer",
                ResponseSeconds = 720,
                UpdatedAt = asked,
            });
            db.InboxItems.Add(new Data.Inbox.InboxItem
            {
                Kind = Data.Inbox.InboxItemKind.Phone,
                OfficeHandle = "Press line",
                FromHandle = "020 7946 0000",
                FromName = "Jane",
                Topic = "Levy",
                Text = "When are the figures out?",
                AskedAt = asked.AddHours(1),
                ArrivedAt = asked.AddHours(1),
                Status = Data.Inbox.InboxStatus.InProgress,
                AssignedName = "Sam Officer",
                UpdatedAt = asked,
            });
            db.InboxItems.Add(new Data.Inbox.InboxItem
            {
                Kind = Data.Inbox.InboxItemKind.Phone,
                OfficeHandle = "Press line",
                FromHandle = "020 7000 1111",
                FromName = "Someone else",
                Text = "Not hers",
                AskedAt = asked,
                ArrivedAt = asked,
                UpdatedAt = asked,
            });
            return await db.SaveChangesAsync(Cancel);
        });

        var history = await AsAsync(desk, dana, (ContactService c) => c.HistoryAsync(contactId, Cancel));

        Assert.Equal(
            [
                (ContactHistorySources.Inbox, "Phone enquiry · in the inbox, with Sam Officer", "Levy: When are the figures out?"),
                (ContactHistorySources.Inbox, "Mention on Demo · answered by Nia Officer in 12 min", post.Text),
            ],
            history.Select(h => (h.Source, h.Kind, h.Summary)));

        // On two lists, one of them pushed to the demo network.
        var listId = await NewListAsync(desk, dana, "Lobby", (Network.Demo, journalist.Handle), (Network.Demo, world.Journalists[1].Handle));
        await NewListAsync(desk, dana, "Housing", (Network.Demo, journalist.Handle));
        var office = new ListAccountChoice(Network.Demo, null, DemoOptions.DefaultOfficeHandle);
        Assert.Null(await AsAsync(desk, dana, t => t.StartPushAsync(listId, office, false, ListPushWarnings.For(Network.Demo, "Lobby", "dbt_press", false), Cancel)));
        Assert.True(await PushAsync(desk));

        await AsAsync(desk, dana, (ContactService c) => c.EraseAsync(contactId, Cancel));

        Assert.Equal(0, await DbAsync(desk.Services, db => db.ListMembers.CountAsync(m => m.Handle == journalist.Handle, Cancel)));
        // Her phone enquiry keeps what was asked, not who asked; someone else's is untouched.
        Assert.Equal(
            [("", ContactService.ErasedName, "When are the figures out?"), ("020 7000 1111", "Someone else", "Not hers")],
            (await DbAsync(desk.Services, db => db.InboxItems.AsNoTracking().Where(i => i.Network == null).OrderByDescending(i => i.AskedAt).ToListAsync(Cancel)))
                .Select(i => (i.FromHandle, i.FromName, i.Text)));
        Assert.EndsWith("; an enquiry logged in the inbox no longer says who asked",
            Assert.Single(await AuditAsync(desk, AuditActions.ContactErased)).Details, StringComparison.Ordinal);
        Assert.False(desk.Services.GetRequiredService<ListDirectory>().Contains("lobby", journalist.Handle));
        Assert.True(await PushAsync(desk));
        var remoteId = Assert.Single(await AsAsync(desk, dana, t => t.PushesAsync(listId, Cancel))).RemoteUrl![DemoLists.ListUrlPrefix.Length..];
        Assert.Equal([world.Journalists[1].Handle], await RemoteHandlesAsync(desk, remoteId));
    }

    private static Post ContactDeskPost(string handle, DateTime at) => new()
    {
        Network = Network.Demo,
        RemoteId = "demo:question-1",
        Author = new Author(handle, "Jane"),
        Text = "@dbt_press when do the apprenticeship figures come out?",
        CreatedAt = at,
        Mentions = ["dbt_press"],
    };

    private static List<string> Sorted(params string[] handles) => [.. handles.Order(StringComparer.Ordinal)];

    private static async Task<T> DbAsync<T>(IServiceProvider services, Func<AppDbContext, Task<T>> query)
    {
        await using var scope = services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    private static Core.Publishing.PublishingAccount Office(ApprovalDesk desk) => desk.Services.GetRequiredService<PressDeck.Publishing.PublishingAccounts>().DemoOffice;

    private static Task<bool> PushAsync(ApprovalDesk desk) => desk.Services.GetRequiredService<ListPusher>().PushNextDueAsync(Cancel);

    private static async Task<List<string>> RemoteHandlesAsync(ApprovalDesk desk, string remoteId) =>
        [.. (await desk.Services.GetRequiredService<DemoLists>().GetMembersAsync(Office(desk), remoteId, 100, Cancel)).Select(m => m.Handle).Order(StringComparer.Ordinal)];

    private static Task<List<Data.Audit.AuditEntry>> AuditAsync(ApprovalDesk desk, string action) =>
        DbAsync(desk.Services, db => db.AuditEntries.AsNoTracking().Where(e => e.Action == action).OrderBy(e => e.Id).ToListAsync(Cancel));

    private static Task<int> NewListAsync(ApprovalDesk desk, AppUser person, string name, params (Network Network, string Handle)[] members) =>
        NewListAsync(desk.Services, person, name, members);

    private static Task<int> NewListAsync(WebApplication app, AppUser person, string name, params (Network Network, string Handle)[] members) =>
        NewListAsync(app.Services, person, name, members);

    private static async Task<int> NewListAsync(IServiceProvider services, AppUser person, string name, (Network Network, string Handle)[] members)
    {
        await using var scope = await TestPeople.ScopeAsAsync(services, person);
        var lists = scope.ServiceProvider.GetRequiredService<ListService>();
        Assert.Null(await lists.CreateAsync(name, "", Cancel));
        var id = (await lists.GetAllAsync(Cancel)).Single(l => l.Name == name).Id;
        foreach (var (network, handle) in members)
        {
            Assert.Null(await lists.AddMemberAsync(id, "", network, handle, Cancel));
        }

        return id;
    }

    private static Task<T> AsAsync<T>(ApprovalDesk desk, AppUser person, Func<ListTransferService, Task<T>> action) => AsAsync(desk.Services, person, action);

    private static Task<T> AsAsync<T>(WebApplication app, AppUser person, Func<ListTransferService, Task<T>> action) => AsAsync(app.Services, person, action);

    private static Task<T> AsAsync<T, TService>(ApprovalDesk desk, AppUser person, Func<TService, Task<T>> action)
        where TService : notnull => AsAsync(desk.Services, person, action);

    private static Task<T> AsAsync<T, TService>(WebApplication app, AppUser person, Func<TService, Task<T>> action)
        where TService : notnull => AsAsync(app.Services, person, action);

    private static async Task<T> AsAsync<T, TService>(IServiceProvider services, AppUser person, Func<TService, Task<T>> action)
        where TService : notnull
    {
        await using var scope = await TestPeople.ScopeAsAsync(services, person);
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    private static async Task<T> AsAsync<T>(IServiceProvider services, AppUser person, Func<ListTransferService, Task<T>> action) =>
        await AsAsync<T, ListTransferService>(services, person, action);

    private static async Task<WebApplication> StartAsync(TimeProvider clock) =>
        await PublishingTestApp.StartAsync(time: clock, extra: ["--Network:Outbound:AllowedPrivateHosts:0=127.0.0.1", .. PublishingTestApp.SenderDrivenByTest]);

    private static async Task<int> ConnectAsync(WebApplication app, Network network, Uri server, string handle, string remoteId, string secret)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var account = new ConnectedAccount
        {
            Network = network,
            ServerUrl = server.ToString(),
            Handle = handle,
            RemoteAccountId = remoteId,
            DisplayName = "Press office",
            ProtectedSecret = scope.ServiceProvider.GetRequiredService<PressDeck.Accounts.AccountSecrets>().Protect(secret),
            ConnectedAt = DateTime.UnixEpoch,
            ConnectedBy = "test",
        };
        db.ConnectedAccounts.Add(account);
        await db.SaveChangesAsync(Cancel);
        return account.Id;
    }
}

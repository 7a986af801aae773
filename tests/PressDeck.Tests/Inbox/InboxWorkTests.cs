using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PressDeck.Audit;
using PressDeck.Core.Posts;
using PressDeck.Core.Text;
using PressDeck.Data;
using PressDeck.Data.Archive;
using PressDeck.Data.Identity;
using PressDeck.Data.Inbox;
using PressDeck.Data.Publishing;
using PressDeck.Inbox;
using PressDeck.Publishing;
using PressDeck.Team;
using PressDeck.Tests.Publishing;

namespace PressDeck.Tests.Inbox;

/// <summary>
/// Issue 7, the inbox at work: what counts as written to the office; taking, giving, statuses and notes, each audited;
/// a reply through the approval policy that closes the item as answered with its response time; enquiries logged by
/// hand and routed by the rules; and the warning before the response target is missed.
/// </summary>
[Trait("Issue", "7")]
public sealed class InboxWorkTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Mentions_replies_and_quotes_of_an_office_account_land_once_and_nothing_else_does()
    {
        await using var desk = await ApprovalDesk.StartAsync();
        await desk.ConnectedAccountAsync(Network.Bluesky, "press.gov.uk");
        var officePost = Post(Network.Bluesky, "at://did:plc:pressoffice/app.bsky.feed.post/1", "press.gov.uk", "The skills plan is out today.", desk.Now);
        await ArchiveAsync(desk, officePost);
        var mention = Post(Network.Bluesky, "at://did:plc:reporter/app.bsky.feed.post/2", "reporter.bsky.social", "@press.gov.uk when does the plan start?", desk.Now);
        var reply = Post(Network.Bluesky, "at://did:plc:reporter/app.bsky.feed.post/3", "reporter.bsky.social", "And who pays for it?", desk.Now) with { ReplyToHandle = "press.gov.uk" };
        var quote = Post(Network.Bluesky, "at://did:plc:critic/app.bsky.feed.post/4", "critic.bsky.social", "This is not what was promised.", desk.Now) with { QuoteOfId = officePost.RemoteId };
        var own = Post(Network.Bluesky, "at://did:plc:pressoffice/app.bsky.feed.post/5", "press.gov.uk", "Thanks @press.gov.uk team", desk.Now);
        var repost = Post(Network.Bluesky, "at://did:plc:fan/app.bsky.feed.repost/6", "fan.bsky.social", "The skills plan is out today.", desk.Now) with { Kind = PostKind.Repost, RepostOfHandle = "press.gov.uk" };
        var elsewhere = Post(Network.X, "7", "someone", "@press.gov.uk on another network is someone else", desk.Now);
        var unrelated = Post(Network.Bluesky, "at://did:plc:other/app.bsky.feed.post/8", "other.bsky.social", "Nice weather", desk.Now);
        var old = Post(Network.Bluesky, "at://did:plc:reporter/app.bsky.feed.post/9", "reporter.bsky.social", "@press.gov.uk last week's question", desk.Now.AddDays(-7));
        IReadOnlyList<Post> all = [mention, reply, quote, own, repost, elsewhere, unrelated, old];

        var intake = desk.Services.GetRequiredService<InboxIntake>();
        await intake.TakeAsync([.. all.Select(p => Entry(p, desk.Now))], new Dictionary<PostKey, string>(), Cancel);
        await intake.TakeAsync([.. all.Select(p => Entry(p, desk.Now))], new Dictionary<PostKey, string>(), Cancel);

        var items = await ItemsAsync(desk);
        Assert.Equal([(mention.RemoteId, InboxItemKind.Mention), (reply.RemoteId, InboxItemKind.Reply), (quote.RemoteId, InboxItemKind.Quote)], items.Select(i => (i.RemoteId, i.Kind)));
        Assert.All(items, i => Assert.Equal(("press.gov.uk", InboxStatus.New, (string?)null), (i.OfficeHandle, i.Status, i.AssignedUserId)));
    }

    [Fact]
    public async Task Taking_giving_status_changes_and_notes_are_audited_and_two_officers_never_both_hold_an_item()
    {
        await using var desk = await ApprovalDesk.StartAsync();
        var sam = await desk.PersonAsync(Roles.Officer, "Sam Officer");
        var kim = await desk.PersonAsync(Roles.Officer, "Kim Officer");
        var viewer = await desk.PersonAsync(Roles.Viewer, "Val Viewer");
        var id = await LandAsync(desk, "reporter", "@dbt_press is the levy changing?");

        desk.Advance();
        await InboxAs(desk, sam, inbox => inbox.TakeAsync(id, Cancel));
        var taken = await Assert.ThrowsAsync<DraftException>(() => InboxAs(desk, kim, inbox => inbox.TakeAsync(id, Cancel)));
        Assert.StartsWith("Sam Officer took this at ", taken.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<PermissionDeniedException>(() => InboxAs(desk, viewer, inbox => inbox.TakeAsync(id, Cancel)));

        await InboxAs(desk, sam, inbox => inbox.AddNoteAsync(id, InboxLogKind.Note, "Policy team asked for the figures.", Cancel));
        await InboxAs(desk, sam, inbox => inbox.AddNoteAsync(id, InboxLogKind.Said, "Told her we will reply by 4pm.", Cancel));
        await InboxAs(desk, sam, inbox => inbox.UpdateDetailsAsync(id, new EnquiryDetails("The Times", "Apprenticeship levy", desk.Now.AddHours(6), null), Cancel));
        await InboxAs(desk, sam, inbox => inbox.AssignAsync(id, kim.Id, Cancel));
        await InboxAs(desk, kim, inbox => inbox.SetStatusAsync(id, InboxStatus.NoActionNeeded, Cancel));
        await InboxAs(desk, kim, inbox => inbox.SetStatusAsync(id, InboxStatus.InProgress, Cancel));
        desk.Advance(TimeSpan.FromMinutes(20));
        await InboxAs(desk, kim, inbox => inbox.SetStatusAsync(id, InboxStatus.Answered, Cancel));
        var empty = await Assert.ThrowsAsync<DraftException>(() => InboxAs(desk, kim, inbox => inbox.AddNoteAsync(id, InboxLogKind.Note, "  ", Cancel)));
        Assert.Equal("The note is needed.", empty.Message);

        var item = (await ItemsAsync(desk)).Single();
        Assert.Equal(("Kim Officer", InboxStatus.Answered, "The Times", "Apprenticeship levy"), (item.AssignedName, item.Status, item.Outlet, item.Topic));
        Assert.Equal(("Kim Officer", (long)(22 * 60)), (item.AnsweredByName, item.ResponseSeconds));

        await using var scope = desk.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var audit = await db.AuditEntries.AsNoTracking().Where(e => e.Target.StartsWith($"inbox item {id} ")).OrderBy(e => e.Id).ToListAsync(Cancel);
        Assert.Equal(
        [
            (AuditActions.InboxTaken, "Sam Officer"), (AuditActions.InboxNoteAdded, "Sam Officer"), (AuditActions.InboxSaidLogged, "Sam Officer"),
            (AuditActions.InboxDetailsChanged, "Sam Officer"), (AuditActions.InboxAssigned, "Sam Officer"), (AuditActions.InboxStatusChanged, "Kim Officer"),
            (AuditActions.InboxStatusChanged, "Kim Officer"), (AuditActions.InboxStatusChanged, "Kim Officer"),
        ],
            audit.Select(e => (e.Action, e.ActorName.Split(" <")[0])));
        Assert.Contains("Policy team asked for the figures.", audit[1].Details, StringComparison.Ordinal);
        Assert.Contains("to Kim Officer (was Sam Officer)", audit[4].Details, StringComparison.Ordinal);
        Assert.Equal("In progress → Answered, in 22 min", audit[7].Details);
        var log = await db.InboxLog.AsNoTracking().Where(l => l.ItemId == id).OrderBy(l => l.Id).Select(l => l.Kind).ToListAsync(Cancel);
        Assert.Equal([InboxLogKind.Event, InboxLogKind.Event, InboxLogKind.Note, InboxLogKind.Said, InboxLogKind.Event, InboxLogKind.Event, InboxLogKind.Event, InboxLogKind.Event, InboxLogKind.Event], log);
    }

    [Fact]
    public async Task A_reply_goes_through_approval_and_its_publication_closes_the_item_as_answered_with_its_response_time()
    {
        await using var desk = await ApprovalDesk.StartAsync();
        var sam = await desk.PersonAsync(Roles.Officer, "Sam Officer");
        var ada = await desk.PersonAsync(Roles.Approver, "Ada Approver");
        await desk.PolicyAsync(ApprovalDesk.Policy(ApprovalDesk.AnyApprover));
        var id = await LandAsync(desk, "reporter", "@dbt_press when will the skills plan be published?");
        desk.Advance(TimeSpan.FromMinutes(5));
        await InboxAs(desk, sam, inbox => inbox.TakeAsync(id, Cancel));
        var item = (await ItemsAsync(desk)).Single();

        var draftId = await desk.SubmitNewAsync(sam, new DraftContent
        {
            Text = "It is published at 10am tomorrow.",
            Accounts = [await desk.DemoAsync(sam)],
            Kind = PostDraftKind.Reply,
            ReferenceNetwork = item.Network,
            ReferenceRemoteId = item.RemoteId,
            ReferenceHandle = item.FromHandle,
        });
        Assert.Equal(DraftState.AwaitingApproval, (await desk.DraftAsync(draftId)).State);
        await using (var scope = await desk.AsAsync(sam))
        {
            var replies = await scope.ServiceProvider.GetRequiredService<InboxService>().RepliesAsync(item, Cancel);
            Assert.Equal((draftId, DraftState.AwaitingApproval), (Assert.Single(replies).Id, replies[0].State));
        }

        Assert.Equal(InboxStatus.InProgress, (await ItemsAsync(desk)).Single().Status);
        desk.Advance(TimeSpan.FromMinutes(7));
        await desk.ApproveAsync(ada, draftId);
        await desk.SendDueAsync();

        var answered = (await ItemsAsync(desk)).Single();
        Assert.Equal((InboxStatus.Answered, "Sam Officer"), (answered.Status, answered.AnsweredByName));
        Assert.Equal(12 * 60, answered.ResponseSeconds);
        await using var check = desk.Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<AppDbContext>();
        var entry = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == AuditActions.InboxAnswered, Cancel);
        Assert.Contains("in 12 min", entry.Details, StringComparison.Ordinal);
        Assert.Contains(await db.InboxLog.Where(l => l.ItemId == id).ToListAsync(Cancel), l => l.Kind == InboxLogKind.Said && l.Text.EndsWith("It is published at 10am tomorrow.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_enquiry_logged_by_hand_is_routed_by_the_rules_and_its_officer_and_desk_lead_are_warned_before_the_target_is_missed()
    {
        await using var desk = await ApprovalDesk.StartAsync();
        var admin = await desk.AdminAsync();
        var lead = await desk.PersonAsync(Roles.Approver, "Lee Lead");
        var sam = await desk.PersonAsync(Roles.Officer, "Sam Officer");
        int deskId;
        await using (var scope = await desk.AsAsync(admin))
        {
            var team = scope.ServiceProvider.GetRequiredService<TeamService>();
            Assert.Null(await team.AddDeskAsync("Skills", "Skills and apprenticeships", lead.Id, Cancel));
            deskId = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Desks.Where(d => d.Name == "Skills").Select(d => d.Id).SingleAsync(Cancel);
            var inbox = scope.ServiceProvider.GetRequiredService<InboxService>();
            var bad = await Assert.ThrowsAsync<DraftException>(() => inbox.SaveRuleAsync(null, new InboxRuleForm("Broken", "skills OR", deskId, null, null), Cancel));
            Assert.StartsWith("The query has a problem:", bad.Message, StringComparison.Ordinal);
            await inbox.SaveRuleAsync(null, new InboxRuleForm("Housing", "housing", deskId, null, "Housing"), Cancel);
            await inbox.SaveRuleAsync(null, new InboxRuleForm("Skills", "apprentices OR levy", deskId, sam.Id, "Skills"), Cancel);
            await inbox.SaveSettingsAsync(30, 10, Cancel);
        }

        var notices = new ConcurrentQueue<InboxNotice>();
        desk.Services.GetRequiredService<InboxEvents>().Notice += notices.Enqueue;
        int id;
        await using (var scope = await desk.AsAsync(lead))
        {
            id = await scope.ServiceProvider.GetRequiredService<InboxService>().LogEnquiryAsync(
                new EnquiryForm { Channel = InboxItemKind.Phone, Name = "Jo Reporter", Contact = "020 7946 0000", Outlet = "FT", Question = "Is the apprenticeship levy being cut?" },
                Cancel);
        }

        var item = (await ItemsAsync(desk)).Single();
        Assert.Equal((InboxItemKind.Phone, "Sam Officer", deskId, "Skills", "Skills"), (item.Kind, item.AssignedName, item.DeskId, item.RoutedBy, item.Topic));
        Assert.Equal(sam.Id, Assert.Single(notices).UserId);

        // The watch checks every 30 s of the office's clock, in the background and here alike; it warns once.
        var watch = desk.Services.GetRequiredService<InboxWatch>();
        desk.Advance(TimeSpan.FromMinutes(19));
        Assert.Equal(0, await watch.WarnAsync(Cancel));
        desk.Advance(TimeSpan.FromMinutes(2));
        await watch.WarnAsync(Cancel);
        for (var waited = 0; notices.Count < 3 && waited < 100; waited++)
        {
            // A background check that claimed the item first may still be telling people.
            await Task.Delay(50, Cancel);
        }

        await watch.WarnAsync(Cancel);
        var warned = notices.Skip(1).ToList();
        Assert.Equal([sam.Id, lead.Id], warned.Select(n => n.UserId));
        Assert.All(warned, n => Assert.True(n.IsUrgent));
        Assert.Contains("will be missed", warned[0].Text, StringComparison.Ordinal);
        await using var check = desk.Services.CreateAsyncScope();
        Assert.Single(await check.ServiceProvider.GetRequiredService<AppDbContext>().AuditEntries.Where(e => e.Action == AuditActions.InboxTargetWarned && e.Target.StartsWith($"inbox item {id} ")).ToListAsync(Cancel));
    }

    private static Post Post(Network network, string remoteId, string handle, string text, DateTime at) => new()
    {
        Network = network,
        RemoteId = remoteId,
        Author = new Author(handle, handle),
        Text = text,
        CreatedAt = at,
    };

    private static ArchiveEntry Entry(Post post, DateTime at) => new(post, PostAnalyzer.Analyze(post), at);

    private static async Task ArchiveAsync(ApprovalDesk desk, Post post)
    {
        await using var scope = desk.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IPostArchive>().AddAsync([Entry(post, desk.Now)], Cancel);
    }

    /// <summary>A demo post to the office lands in the inbox (as its notification would bring it); returns the item's id.</summary>
    private static async Task<int> LandAsync(ApprovalDesk desk, string handle, string text)
    {
        var post = Post(Network.Demo, "demo-" + Guid.NewGuid().ToString("N"), handle, text, desk.Now);
        await ArchiveAsync(desk, post);
        await desk.Services.GetRequiredService<InboxIntake>().TakeAsync([Entry(post, desk.Now)], new Dictionary<PostKey, string> { [new(post.Network, post.RemoteId)] = "dbt_press" }, Cancel);
        return (await ItemsAsync(desk)).Single(i => i.RemoteId == post.RemoteId).Id;
    }

    private static async Task InboxAs(ApprovalDesk desk, AppUser person, Func<InboxService, Task> action)
    {
        await using var scope = await desk.AsAsync(person);
        await action(scope.ServiceProvider.GetRequiredService<InboxService>());
    }

    private static async Task<List<InboxItem>> ItemsAsync(ApprovalDesk desk)
    {
        await using var scope = desk.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().InboxItems.AsNoTracking().OrderBy(i => i.Id).ToListAsync(Cancel);
    }
}

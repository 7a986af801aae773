using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PressDeck.Audit;
using PressDeck.Core.Posts;
using PressDeck.Core.Text;
using PressDeck.Data;
using PressDeck.Data.Archive;
using PressDeck.Data.Identity;
using PressDeck.Data.Publishing;
using PressDeck.Data.Visits;
using PressDeck.Publishing;
using PressDeck.Publishing.Visits;
using PressDeck.Team;

namespace PressDeck.Tests.Publishing;

/// <summary>
/// Issue 6, event coverage: a visit plan is prepared (hashtag, column, posts with photo slots, approved quotes, contacts
/// to brief), approved once, and on the day each post is fired with one click, a photo added from the officer's device;
/// a post changed after approval goes through approval again; briefings are recorded; the results show what went out
/// and how the event was received.
/// </summary>
[Trait("Issue", "6")]
public sealed class VisitPlanTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_visit_is_planned_approved_once_fired_post_by_post_on_the_day_and_its_results_counted()
    {
        await using var desk = await ApprovalDesk.StartAsync();
        await desk.PolicyAsync(ApprovalDesk.Policy(ApprovalDesk.AnyApprover));
        var planner = await desk.PersonAsync(Roles.Officer, "Pat Planner");
        var onSite = await desk.PersonAsync(Roles.Officer, "Sol Onsite");
        var approver = await desk.PersonAsync(Roles.Approver, "Ada Approver");
        var demo = await desk.DemoAsync(planner);
        var starts = desk.Now.AddHours(2);

        var planId = await Visits(desk, planner, v => v.CreateAsync(new VisitPlanForm { Title = "Minister visits Leeds College", Hashtag = "#SkillsBill", Place = "Leeds", StartsAt = starts, Accounts = [demo] }, Cancel));
        await using (var scope = await desk.AsAsync(planner))
        {
            var deck = await scope.ServiceProvider.GetRequiredService<PressDeck.Monitoring.Deck.DeckService>().GetOrCreateDeckAsync(planner.Id, Cancel);
            Assert.Contains(deck.Columns, c => c.Query == "#SkillsBill");
        }

        var arrival = await Visits(desk, planner, v => v.AddItemAsync(planId, new VisitItemForm { Moment = "Arrival", Text = "The minister arrives at Leeds College. #SkillsBill", PhotoSlot = true, PhotoNote = "At the door" }, Cancel));
        var quote = await Visits(desk, planner, v => v.AddItemAsync(planId, new VisitItemForm { Moment = "Quote", Text = "\"Skills are the future.\" – the minister #SkillsBill" }, Cancel));
        await Visits(desk, planner, async v => { await v.AddQuoteAsync(planId, "The minister", "Skills are the future.", Cancel); return 0; });
        await Visits(desk, planner, async v => { await v.AddContactAsync(planId, new VisitContactForm { Name = "Fay Reporter", Outlet = "Yorkshire Post", Handle = "@fay_yp", BriefBy = starts.AddHours(-1) }, Cancel); return 0; });
        Assert.Equal(["\"Too long\" is too long for Demo: 1 character too many."], VisitPlanService.Problems(new VisitPlan { Accounts = [new VisitPlanAccount { Network = Network.Demo }], Items = [new VisitPlanItem { Moment = "Too long", Text = new string('a', 301) }] }));

        Assert.Empty(await Visits(desk, planner, v => v.SubmitAsync(planId, Cancel)));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => Visits(desk, planner, async v => { await v.ApproveAsync(planId, "", Cancel); return 0; }));
        await Visits(desk, approver, async v => { await v.ApproveAsync(planId, "Good plan.", Cancel); return 0; });

        // The day: the officer on site briefs the journalist, adds a photo and fires the first post.
        var plan = (await Visits(desk, onSite, v => v.GetAsync(planId, Cancel)))!;
        Assert.Equal(VisitPlanState.Approved, plan.State);
        await Visits(desk, onSite, async v => { await v.MarkBriefedAsync(planId, plan.Contacts.Single().Id, true, Cancel); return 0; });
        using (var photo = new MemoryStream(ApprovalDesk.Png()))
        {
            Assert.Null(await Visits(desk, onSite, v => v.AddPhotoAsync(arrival, photo, "door.png", Cancel)));
        }

        // A colleague looking at the plan sees the photo the officer on site added.
        Assert.Single(await Visits(desk, planner, v => v.PhotosAsync(arrival, Cancel)));
        var refused = await Visits(desk, onSite, v => v.FireAsync(arrival, Cancel));
        Assert.Contains(refused.Problems, p => p.Contains("alt text", StringComparison.Ordinal));
        var image = Assert.Single(await Visits(desk, onSite, v => v.PhotosAsync(arrival, Cancel)));
        await Visits(desk, onSite, async v => { await v.SetPhotoAltTextAsync(arrival, image.Id, "The minister shakes hands with the principal at the college door.", Cancel); return 0; });
        var fired = await Visits(desk, onSite, v => v.FireAsync(arrival, Cancel));
        Assert.True(fired.Fired);
        Assert.True(fired.WentStraightOut);
        Assert.Equal(1, await desk.SendDueAsync());
        var published = await desk.PublishedAsync(fired.DraftId!.Value);
        Assert.Equal("The minister arrives at Leeds College. #SkillsBill", published!.Text);
        Assert.Equal("The minister shakes hands with the principal at the college door.", Assert.Single(published.Media).AltText);
        var draft = await desk.DraftAsync(fired.DraftId.Value);
        Assert.Equal("Sol Onsite", draft.AuthorName);
        Assert.Contains(draft.Reviews, r => r.Decision == ReviewDecision.Approved && r.UserId == approver.Id && r.Comment.Contains("visit plan", StringComparison.Ordinal));
        var again = await Visits(desk, onSite, v => v.FireAsync(arrival, Cancel));
        Assert.Contains("already sent", Assert.Single(again.Problems), StringComparison.Ordinal);

        // A post changed on the day goes to the approvers instead.
        await Visits(desk, onSite, async v => { await v.UpdateItemAsync(quote, new VisitItemForm { Moment = "Quote", Text = "\"Skills are our future.\" – the minister #SkillsBill" }, Cancel); return 0; });
        var changed = await Visits(desk, onSite, v => v.FireAsync(quote, Cancel));
        Assert.True(changed.Fired);
        Assert.False(changed.WentStraightOut);
        Assert.Equal(DraftState.AwaitingApproval, (await desk.DraftAsync(changed.DraftId!.Value)).State);
        Assert.Equal([changed.DraftId.Value], await desk.QueueAsync(approver));

        // Results: what went out, and the reception counted in the archive over the visit's window.
        var office = published.Author.Handle;
        await using (var scope = desk.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IPostArchive>().AddAsync(
            [
                Entry("r1", "fay_yp", $"@{office} Great to see the college. #SkillsBill", desk.Now, reply: office),
                Entry("r2", "someone", "Watching #SkillsBill today", desk.Now),
                Entry("r3", "old", "#SkillsBill last month", desk.Now.AddDays(-30)),
            ], Cancel);
        }

        desk.Advance();
        var results = await Visits(desk, onSite, v => v.ResultsAsync(planId, Cancel));
        var sent = results.Items.Single(i => i.Item.Id == arrival);
        Assert.Equal(TargetState.Published, Assert.Single(sent.Targets).State);
        Assert.Equal("Sol Onsite", sent.Item.FiredByName);
        Assert.Equal(2, results.Reception.Single(r => r.Query == "#SkillsBill").Count);
        Assert.Equal(1, results.Reception.Single(r => r.Query == "to:" + office).Count);
        Assert.Equal(1, results.Reception.Single(r => r.Query == "@" + office).Count);

        await using (var scope = desk.Services.CreateAsyncScope())
        {
            var actions = await scope.ServiceProvider.GetRequiredService<AppDbContext>().AuditEntries.Where(e => e.Target.StartsWith($"visit plan {planId} ")).Select(e => e.Action).ToListAsync(Cancel);
            Assert.Contains(AuditActions.VisitPlanApproved, actions);
            Assert.Contains(AuditActions.VisitContactBriefed, actions);
            Assert.Equal(2, actions.Count(a => a == AuditActions.VisitPostFired));
            var contact = await scope.ServiceProvider.GetRequiredService<AppDbContext>().VisitPlanContacts.SingleAsync(Cancel);
            Assert.Equal("Sol Onsite", contact.BriefedByName);
            Assert.NotNull(contact.BriefedAt);
        }
    }

    private static async Task<T> Visits<T>(ApprovalDesk desk, AppUser person, Func<VisitPlanService, Task<T>> action)
    {
        await using var scope = await desk.AsAsync(person);
        return await action(scope.ServiceProvider.GetRequiredService<VisitPlanService>());
    }

    private static ArchiveEntry Entry(string id, string author, string text, DateTime at, string? reply = null)
    {
        var post = new Post
        {
            Network = Network.Demo,
            RemoteId = "visit-" + id,
            Author = new Author(author, author),
            Text = text,
            CreatedAt = at,
            Kind = reply is null ? PostKind.Post : PostKind.Reply,
            ReplyToHandle = reply,
        };
        return new ArchiveEntry(post, PostAnalyzer.Analyze(post), at);
    }
}

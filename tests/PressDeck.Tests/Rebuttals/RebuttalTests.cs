using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PressDeck.Audit;
using PressDeck.Core.Posts;
using PressDeck.Core.Text;
using PressDeck.Data;
using PressDeck.Data.Archive;
using PressDeck.Data.Identity;
using PressDeck.Data.Publishing;
using PressDeck.Data.Rebuttals;
using PressDeck.Publishing;
using PressDeck.Rebuttals;
using PressDeck.Team;
using PressDeck.Tests.Publishing;

namespace PressDeck.Tests.Rebuttals;

/// <summary>
/// Issue 7, rebuttals: a case from the first sight of an inaccurate post to the publication of the office's correction
/// on the demo network, through the steps of RESIST, with each moment on the case's timeline, and the spread of both
/// posts read on a back-off schedule afterwards.
/// </summary>
[Trait("Issue", "7")]
public sealed class RebuttalTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_rebuttal_goes_from_first_sight_to_publication_on_the_demo_network_with_its_timeline_recorded()
    {
        await using var desk = await ApprovalDesk.StartAsync();
        await desk.PolicyAsync(ApprovalDesk.Policy(ApprovalDesk.AnyApprover));
        var sam = await desk.PersonAsync(Roles.Officer, "Sam Officer");
        var ada = await desk.PersonAsync(Roles.Approver, "Ada Approver");
        var claim = new Post
        {
            Network = Network.Demo,
            RemoteId = "demo:claim-1",
            Author = new Author("rumour_mill", "Rumour Mill"),
            Text = "BREAKING: the apprenticeship levy is being scrapped next month #SkillsBill",
            CreatedAt = desk.Now.AddMinutes(-3),
            Url = "https://demo.pressdeck.local/rumour_mill/posts/1",
        };
        var firstSeen = desk.Now;
        await using (var scope = desk.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IPostArchive>().AddAsync([new ArchiveEntry(claim, PostAnalyzer.Analyze(claim), firstSeen)], Cancel);
        }

        // Recognise: "correct this" on the post, six minutes after PressDeck saw it; a second officer finds the same case.
        desk.Advance(TimeSpan.FromMinutes(6));
        var id = await AsAsync(desk, sam, r => r.OpenAsync(Network.Demo, claim.RemoteId, Cancel));
        Assert.Equal(id, await AsAsync(desk, ada, r => r.OpenAsync(Network.Demo, claim.RemoteId, Cancel)));
        await AsAsync(desk, sam, async r => { await r.RecordClaimAsync(id, "That the apprenticeship levy is being scrapped.", Cancel); return 0; });
        await desk.Services.GetRequiredService<RebuttalTracker>().ReadDueAsync(Cancel);

        // Assess: refused without sources, then accepted.
        desk.Advance(TimeSpan.FromMinutes(4));
        var noSources = await Assert.ThrowsAsync<DraftException>(() => AsAsync(desk, sam, async r =>
        {
            await r.AssessAsync(id, new RebuttalAssessment(RebuttalReach.High, "Employers and colleges", "The levy continues.", ""), Cancel);
            return 0;
        }));
        Assert.Equal("Give at least one source for the facts (a link to the official publication).", noSources.Message);
        await AsAsync(desk, sam, async r =>
        {
            await r.AssessAsync(id, new RebuttalAssessment(RebuttalReach.High, "Employers planning apprenticeships; colleges", "The levy continues unchanged; no change has been announced.", "https://www.gov.uk/government/publications/apprenticeship-funding-rules"), Cancel);
            return 0;
        });

        // Respond: a reply through the approval policy, attached to the case.
        desk.Advance(TimeSpan.FromMinutes(5));
        var draftId = await desk.SubmitNewAsync(sam, new DraftContent
        {
            Text = "This is not correct: the apprenticeship levy continues unchanged. The funding rules: https://www.gov.uk/government/publications/apprenticeship-funding-rules",
            Accounts = [await desk.DemoAsync(sam)],
            Kind = PostDraftKind.Reply,
            ReferenceNetwork = Network.Demo,
            ReferenceRemoteId = claim.RemoteId,
            ReferenceHandle = claim.Author.Handle,
        });
        await AsAsync(desk, sam, async r => { await r.AttachResponseAsync(id, draftId, Cancel); return 0; });
        desk.Advance(TimeSpan.FromMinutes(7));
        await desk.ApproveAsync(ada, draftId);
        await desk.SendDueAsync();

        // Published on the demo network: the case knows when, and how long it took from first sight.
        var published = await desk.PublishedAsync(draftId);
        Assert.NotNull(published);
        var rebuttal = (await AsAsync(desk, sam, r => r.GetAsync(id, Cancel)))!;
        Assert.Equal(RebuttalStage.Published, rebuttal.Stage);
        Assert.Equal(firstSeen.AddMinutes(22), rebuttal.PublishedAt);
        Assert.Equal(published.RemoteId, rebuttal.PublishedRemoteId);
        Assert.Equal(
        [
            ("seen", firstSeen), ("opened", firstSeen.AddMinutes(6)), ("claim", firstSeen.AddMinutes(6)), ("assessed", firstSeen.AddMinutes(10)),
            ("drafted", firstSeen.AddMinutes(15)), ("submitted", firstSeen.AddMinutes(15)), ("approved", firstSeen.AddMinutes(22)), ("published", firstSeen.AddMinutes(22)),
        ],
            rebuttal.Timeline.Select(e => (e.Kind, e.At)));
        Assert.Equal("Published from @dbt_press on Demo, 22 min after it was first seen.", rebuttal.Timeline[^1].Text);
        Assert.Equal("Approved by Ada Approver.", rebuttal.Timeline[^2].Text);
        Assert.Single(rebuttal.Spread, s => !s.IsResponse);

        // Track: both posts are read, on a back-off schedule, and they spread (the demo network simulates it).
        var tracker = desk.Services.GetRequiredService<RebuttalTracker>();
        Assert.Equal(1, await tracker.ReadDueAsync(Cancel));
        Assert.Equal(0, await tracker.ReadDueAsync(Cancel));
        desk.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await tracker.ReadDueAsync(Cancel));
        desk.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(0, await tracker.ReadDueAsync(Cancel));
        desk.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await tracker.ReadDueAsync(Cancel));
        rebuttal = (await AsAsync(desk, sam, r => r.GetAsync(id, Cancel)))!;
        var responses = rebuttal.Spread.Where(s => s.IsResponse).ToList();
        var originals = rebuttal.Spread.Where(s => !s.IsResponse).ToList();
        Assert.Equal(3, responses.Count);
        Assert.Equal(4, originals.Count);
        Assert.True(responses[^1].Reposts + responses[^1].Quotes + responses[^1].Replies > responses[0].Reposts + responses[0].Quotes + responses[0].Replies);
        Assert.True(originals[^1].Reposts >= originals[0].Reposts);

        await using var check = desk.Services.CreateAsyncScope();
        var actions = await check.ServiceProvider.GetRequiredService<AppDbContext>().AuditEntries.AsNoTracking()
            .Where(e => e.Target.StartsWith($"rebuttal {id} ")).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync(Cancel);
        Assert.Equal([AuditActions.RebuttalOpened, AuditActions.RebuttalChanged, AuditActions.RebuttalChanged, AuditActions.RebuttalChanged, AuditActions.RebuttalPublished], actions);
    }

    [Fact]
    public async Task Only_the_officer_s_own_reply_to_the_case_s_post_can_be_its_response_and_a_closed_case_stops_being_tracked()
    {
        await using var desk = await ApprovalDesk.StartAsync();
        var sam = await desk.PersonAsync(Roles.Officer, "Sam Officer");
        var kim = await desk.PersonAsync(Roles.Officer, "Kim Officer");
        var claim = new Post { Network = Network.Demo, RemoteId = "demo:claim-2", Author = new Author("rumour_mill", "Rumour Mill"), Text = "Colleges will close in March", CreatedAt = desk.Now };
        await using (var scope = desk.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IPostArchive>().AddAsync([new ArchiveEntry(claim, PostAnalyzer.Analyze(claim), desk.Now)], Cancel);
        }

        var missing = await Assert.ThrowsAsync<DraftException>(() => AsAsync(desk, sam, r => r.OpenAsync(Network.Demo, "demo:never-seen", Cancel)));
        Assert.Equal("PressDeck has not seen that post, so it cannot be corrected from here.", missing.Message);
        var id = await AsAsync(desk, sam, r => r.OpenAsync(Network.Demo, claim.RemoteId, Cancel));
        await AsAsync(desk, sam, async r =>
        {
            await r.AssessAsync(id, new RebuttalAssessment(RebuttalReach.Low, "", "No college closures are planned.", "https://www.gov.uk/colleges"), Cancel);
            return 0;
        });
        var unrelated = await desk.SubmitNewAsync(sam, new DraftContent { Text = "An unrelated post", Accounts = [await desk.DemoAsync(sam)] });
        var kims = await desk.SubmitNewAsync(kim, new DraftContent
        {
            Text = "No college closures are planned.",
            Accounts = [await desk.DemoAsync(kim)],
            Kind = PostDraftKind.Reply,
            ReferenceNetwork = Network.Demo,
            ReferenceRemoteId = claim.RemoteId,
            ReferenceHandle = "rumour_mill",
        });
        foreach (var draftId in new[] { unrelated, kims })
        {
            var refused = await Assert.ThrowsAsync<DraftException>(() => AsAsync(desk, sam, async r => { await r.AttachResponseAsync(id, draftId, Cancel); return 0; }));
            Assert.Equal("That post is not your reply to or quote of this case's post.", refused.Message);
        }

        await AsAsync(desk, sam, async r => { await r.CloseAsync(id, "The author deleted the post after our call.", Cancel); return 0; });
        desk.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await desk.Services.GetRequiredService<RebuttalTracker>().ReadDueAsync(Cancel));
        var closed = Assert.Single(await AsAsync(desk, sam, r => r.ListAsync(open: false, Cancel)));
        Assert.Equal(("The author deleted the post after our call.", RebuttalStage.Closed), (closed.Outcome, closed.Stage));
        Assert.Empty(await AsAsync(desk, sam, r => r.ListAsync(open: true, Cancel)));
    }

    private static async Task<T> AsAsync<T>(ApprovalDesk desk, AppUser person, Func<RebuttalService, Task<T>> action)
    {
        await using var scope = await desk.AsAsync(person);
        return await action(scope.ServiceProvider.GetRequiredService<RebuttalService>());
    }
}

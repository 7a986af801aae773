using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PressDeck.Audit;
using PressDeck.Core.Posts;
using PressDeck.Data;
using PressDeck.Data.Identity;
using PressDeck.Data.Publishing;
using PressDeck.Publishing;
using PressDeck.Team;

namespace PressDeck.Tests.Publishing;

/// <summary>
/// Issue 6, who may do what on the way out, by role: viewers draft nothing, trainees draft for the demo network only,
/// officers draft and never approve, approvers and admins approve. Every refusal is audited.
/// </summary>
[Trait("Issue", "6")]
public sealed class ApprovalPermissionTests
{
    private const string BlueskyHandle = "pressoffice.example.gov.uk";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Each role: may it draft, which accounts can it choose, may it approve or send back.</summary>
    public static readonly TheoryData<string, bool, Network[], bool> Table = new()
    {
        { Roles.Viewer, false, [], false },
        { Roles.Trainee, true, [Network.Demo], false },
        { Roles.Officer, true, [Network.Demo, Network.Bluesky], false },
        { Roles.Approver, true, [Network.Demo, Network.Bluesky], true },
        { Roles.Admin, true, [Network.Demo, Network.Bluesky], true },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public async Task Each_role_drafts_posts_from_the_accounts_it_may_and_approves_only_when_it_may(string role, bool mayDraft, Network[] accounts, bool mayApprove)
    {
        await using var desk = await ApprovalDesk.StartAsync();
        await desk.PolicyAsync(ApprovalDesk.Policy(ApprovalDesk.AnyApprover));
        // The office lets every role post from its Bluesky account, trainees included, and still a trainee may not.
        var bluesky = await desk.ConnectedAccountAsync(Network.Bluesky, BlueskyHandle, "admin,approver,officer,viewer,trainee");
        var person = await desk.PersonAsync(role, "Person Under Test");
        var officer = await desk.PersonAsync(Roles.Officer, "Sam Officer");
        var demo = await desk.DemoAsync(officer);
        var waiting = await desk.SubmitNewAsync(officer, new DraftContent { Text = "Waiting for an approver.", Accounts = [demo] });
        var refusedBefore = await RefusalsAsync(desk, person);
        var expectedRefusals = 0;

        if (mayDraft)
        {
            var choices = await desk.AsAsync(person, drafts => drafts.PostingAccountsAsync(Cancel));
            Assert.Equal(accounts, choices.Select(c => c.Network).ToArray());
            var own = await desk.CreateAsync(person, new DraftContent { Text = "Practice post.", Accounts = [choices.Single(c => c.Network == Network.Demo)] });
            Assert.Equal(DraftState.Editing, (await desk.DraftAsync(own)).State);
            if (!accounts.Contains(Network.Bluesky))
            {
                var sandbox = await Assert.ThrowsAsync<DraftException>(() => desk.CreateAsync(person, new DraftContent { Text = "A real post.", Accounts = [bluesky] }));
                Assert.Equal("Trainees post to the demo network only.", sandbox.Message);
            }
        }
        else
        {
            var denied = await Assert.ThrowsAsync<PermissionDeniedException>(() => desk.CreateAsync(person, new DraftContent { Text = "Not allowed.", Accounts = [demo] }));
            Assert.Equal(Permissions.DraftPosts, denied.Permission);
            Assert.Equal($"Your role ({Roles.Title(role)}) does not allow this. Ask your digital communications lead if you need it.", denied.Message);
            await Assert.ThrowsAsync<PermissionDeniedException>(() => desk.AsAsync(person, drafts => drafts.PostingAccountsAsync(Cancel)));
            expectedRefusals += 2;
        }

        if (mayApprove)
        {
            Assert.Equal([waiting], await desk.QueueAsync(person));
            desk.Advance();
            await desk.ApproveAsync(person, waiting, "Fine.");
            Assert.Equal(DraftState.Approved, (await desk.DraftAsync(waiting)).State);
        }
        else
        {
            foreach (var attempt in new Func<Task>[]
            {
                () => desk.QueueAsync(person),
                () => desk.ApproveAsync(person, waiting, "Looks fine to me."),
                () => desk.ApproveAsync(person, waiting, "", "Edited by someone who may not."),
                () => desk.SendBackAsync(person, waiting, "Change it."),
            })
            {
                var denied = await Assert.ThrowsAsync<PermissionDeniedException>(attempt);
                Assert.Equal(Permissions.ApprovePosts, denied.Permission);
                expectedRefusals++;
            }

            var untouched = await desk.DraftAsync(waiting);
            Assert.Equal((DraftState.AwaitingApproval, "Waiting for an approver."), (untouched.State, untouched.Text));
            Assert.Equal([ReviewDecision.Submitted], untouched.Reviews.Select(r => r.Decision).ToArray());
        }

        Assert.Equal(expectedRefusals, await RefusalsAsync(desk, person) - refusedBefore);
    }

    private static async Task<int> RefusalsAsync(ApprovalDesk desk, AppUser person)
    {
        await using var scope = desk.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.AuditEntries.CountAsync(e => e.Action == AuditActions.AccessRefused && e.ActorId == person.Id, Cancel);
    }
}

using PressDeck.Audit;
using PressDeck.Data.Publishing;
using PressDeck.Publishing;
using PressDeck.Team;

namespace PressDeck.Tests.Publishing;

/// <summary>Issue 6, the audit trail of a post's way out: who submitted, approved, sent back, and when it was published.</summary>
[Trait("Issue", "6")]
public sealed class ApprovalAuditTests
{
    [Fact]
    public async Task Submitting_sending_back_approving_and_publishing_each_leave_their_audit_entry()
    {
        await using var desk = await ApprovalDesk.StartAsync();
        await desk.PolicyAsync(ApprovalDesk.Policy(ApprovalDesk.AnyApprover));
        var officer = await desk.PersonAsync(Roles.Officer, "Sam Officer");
        var approver = await desk.PersonAsync(Roles.Approver, "Ada Approver");
        var demo = await desk.DemoAsync(officer);
        var describe = $"by Sam Officer to Demo @{demo.Handle}";

        var id = await desk.SubmitNewAsync(officer, new DraftContent { Text = "Flu jabs: book yours now.", Accounts = [demo] });
        desk.Advance();
        await desk.SendBackAsync(approver, id, "Add the link to the booking page.");
        desk.Advance();
        await desk.AsAsync(officer, drafts => drafts.SaveAsync(id, new DraftContent { Text = "Flu jabs: book yours now at nhs.uk/flu.", Accounts = [demo] }, TestContext.Current.CancellationToken));
        Assert.Empty(await desk.SubmitAsync(officer, id));
        desk.Advance();
        await desk.ApproveAsync(approver, id, "Good to go.");
        Assert.Equal(1, await desk.SendDueAsync());

        var submitted = await desk.AuditAsync(id, AuditActions.PostSubmitted);
        Assert.Equal(2, submitted.Count);
        Assert.All(submitted, e => Assert.Equal((officer.Id, $"post {id} {describe}", "needs any approver"), (e.ActorId, e.Target, e.Details)));

        var sentBack = Assert.Single(await desk.AuditAsync(id, AuditActions.PostSentBack));
        Assert.Equal((approver.Id, $"post {id} {describe}", "Add the link to the booking page."), (sentBack.ActorId, sentBack.Target, sentBack.Details));

        var approved = Assert.Single(await desk.AuditAsync(id, AuditActions.PostApproved));
        Assert.Equal((approver.Id, $"post {id} {describe}", "step 1 of 1: \"Good to go.\""), (approved.ActorId, approved.Target, approved.Details));

        var target = Assert.Single((await desk.DraftAsync(id)).Targets);
        var published = Assert.Single(await desk.AuditAsync(id, AuditActions.PostPublished));
        Assert.Equal(("", "PressDeck", $"post {id} to Demo @{demo.Handle}", target.Url ?? target.RemoteId), (published.ActorId, published.ActorName, published.Target, published.Details));

        // In the order they happened.
        Assert.True(submitted[0].Id < sentBack.Id && sentBack.Id < submitted[1].Id && submitted[1].Id < approved.Id && approved.Id < published.Id);
    }

    [Fact]
    public async Task Each_approval_is_audited_with_the_step_it_approved()
    {
        await using var desk = await ApprovalDesk.StartAsync();
        var officer = await desk.PersonAsync(Roles.Officer, "Sam Officer");
        var a1 = await desk.PersonAsync(Roles.Approver, "Senior Officer");
        var b1 = await desk.PersonAsync(Roles.Approver, "Head of News");
        var b2 = await desk.PersonAsync(Roles.Approver, "Director of Comms");
        var groupA = await desk.GroupAsync("Senior press officers", a1);
        var groupB = await desk.GroupAsync("Heads", b1, b2);
        await desk.PolicyAsync(ApprovalDesk.Policy(ApprovalDesk.OneOf(groupA), ApprovalDesk.AllOf(groupB)));
        var demo = await desk.DemoAsync(officer);

        var id = await desk.SubmitNewAsync(officer, new DraftContent { Text = "Spending review: the headlines.", Accounts = [demo] });
        Assert.Equal("needs one of Senior press officers, then all of Heads", Assert.Single(await desk.AuditAsync(id, AuditActions.PostSubmitted)).Details);
        desk.Advance();
        await desk.ApproveAsync(a1, id, "First look done.");
        desk.Advance();
        await desk.ApproveAsync(b1, id, "Fine by me.");
        desk.Advance();
        await desk.ApproveAsync(b2, id, "Go.");
        Assert.Equal(DraftState.Approved, (await desk.DraftAsync(id)).State);

        var approvals = await desk.AuditAsync(id, AuditActions.PostApproved);
        Assert.Equal(
            [
                (a1.Id, "step 1 of 2: \"First look done.\""),
                (b1.Id, "step 2 of 2: \"Fine by me.\""),
                (b2.Id, "step 2 of 2: \"Go.\""),
            ],
            approvals.Select(e => (e.ActorId, e.Details)).ToArray());
    }
}

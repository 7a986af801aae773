using PressDeck.Audit;
using PressDeck.Data.Publishing;
using PressDeck.Publishing;
using PressDeck.Team;

namespace PressDeck.Tests.Publishing;

/// <summary>
/// Issue 6, approval steps: a post waits at each step of its account's policy until the right people approved it, never
/// its author; "all of" a group means every member but the author, each once; an away member's deputy acts for them;
/// a post sent back starts again; an approver's edit is recorded, audited and is what goes out.
/// </summary>
[Trait("Issue", "6")]
public sealed class ApprovalStepTests
{
    private const string NotYours = "Nobody approves their own post: another approver must look at it.";
    private const string NotYourStep = "This step needs an approver from another group, or you have already approved it.";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task With_one_any_approver_step_the_post_waits_until_another_approver_approves_and_then_goes_out()
    {
        await using var desk = await ApprovalDesk.StartAsync();
        await desk.PolicyAsync(ApprovalDesk.Policy(ApprovalDesk.AnyApprover));
        var officer = await desk.PersonAsync(Roles.Officer, "Sam Officer");
        var approver = await desk.PersonAsync(Roles.Approver, "Ada Approver");
        var demo = await desk.DemoAsync(officer);

        var id = await desk.SubmitNewAsync(officer, new DraftContent { Text = "The minister visits Leeds today.", Accounts = [demo] });

        var waiting = await desk.DraftAsync(id);
        Assert.Equal(DraftState.AwaitingApproval, waiting.State);
        Assert.Equal(0, waiting.ApprovalStep);
        Assert.Equal(TargetState.Waiting, Assert.Single(waiting.Targets).State);
        Assert.Equal(0, await desk.SendDueAsync());
        Assert.Null(await desk.PublishedAsync(id));
        Assert.Equal([id], await desk.QueueAsync(approver));

        // An officer cannot approve at all, their own post included.
        var officerRefused = await Assert.ThrowsAsync<PermissionDeniedException>(() => desk.ApproveAsync(officer, id));
        Assert.Equal("Your role (Press officer) does not allow this. Ask your digital communications lead if you need it.", officerRefused.Message);
        Assert.Equal(DraftState.AwaitingApproval, (await desk.DraftAsync(id)).State);

        desk.Advance();
        await desk.ApproveAsync(approver, id, "Fine to go.");

        var approved = await desk.DraftAsync(id);
        Assert.Equal(DraftState.Approved, approved.State);
        Assert.Equal(desk.Now, approved.ApprovedAt);
        var queued = Assert.Single(approved.Targets);
        Assert.Equal(TargetState.Queued, queued.State);
        Assert.Equal(desk.Now, queued.DueAt);
        var review = Assert.Single(approved.Reviews, r => r.Decision == ReviewDecision.Approved);
        Assert.Equal((approver.Id, "Fine to go.", 0), (review.UserId, review.Comment, review.Step));
        Assert.Empty(await desk.QueueAsync(approver));

        Assert.Equal(1, await desk.SendDueAsync());
        var published = await desk.DraftAsync(id);
        Assert.Equal(DraftState.Published, published.State);
        Assert.Equal(TargetState.Published, Assert.Single(published.Targets).State);
        var post = await desk.PublishedAsync(id);
        Assert.NotNull(post);
        Assert.Equal("The minister visits Leeds today.", post.Text);
        Assert.Equal(published.Targets[0].RemoteId, post.RemoteId);
    }

    [Theory]
    [InlineData(Roles.Approver)]
    [InlineData(Roles.Admin)]
    public async Task An_author_who_may_approve_still_cannot_approve_their_own_post(string role)
    {
        await using var desk = await ApprovalDesk.StartAsync();
        await desk.PolicyAsync(ApprovalDesk.Policy(ApprovalDesk.AnyApprover));
        var author = await desk.PersonAsync(role, "Head of News");
        var colleague = await desk.PersonAsync(Roles.Approver, "Deputy Head");
        var demo = await desk.DemoAsync(author);
        var id = await desk.SubmitNewAsync(author, new DraftContent { Text = "Statement on the flood defences.", Accounts = [demo] });

        Assert.Empty(await desk.QueueAsync(author));
        var refused = await Assert.ThrowsAsync<DraftException>(() => desk.ApproveAsync(author, id, "Looks right to me."));
        Assert.Equal(NotYours, refused.Message);
        var stillWaiting = await desk.DraftAsync(id);
        Assert.Equal(DraftState.AwaitingApproval, stillWaiting.State);
        Assert.DoesNotContain(stillWaiting.Reviews, r => r.Decision == ReviewDecision.Approved);

        // Nor by editing it on the way through.
        var edited = await Assert.ThrowsAsync<DraftException>(() => desk.ApproveAsync(author, id, "", "Statement on the new flood defences."));
        Assert.Equal(NotYours, edited.Message);
        Assert.Equal("Statement on the flood defences.", (await desk.DraftAsync(id)).Text);

        Assert.Equal([id], await desk.QueueAsync(colleague));
        desk.Advance();
        await desk.ApproveAsync(colleague, id);
        Assert.Equal(DraftState.Approved, (await desk.DraftAsync(id)).State);
    }

    [Fact]
    public async Task Two_steps_are_approved_in_order_by_one_of_the_first_group_then_by_every_member_of_the_second_each_once()
    {
        await using var desk = await ApprovalDesk.StartAsync();
        var officer = await desk.PersonAsync(Roles.Officer, "Sam Officer");
        var a1 = await desk.PersonAsync(Roles.Approver, "Senior Officer One");
        var a2 = await desk.PersonAsync(Roles.Approver, "Senior Officer Two");
        var b1 = await desk.PersonAsync(Roles.Approver, "Head of News");
        var b2 = await desk.PersonAsync(Roles.Approver, "Director of Comms");
        var outsider = await desk.PersonAsync(Roles.Approver, "Approver in no group");
        var groupA = await desk.GroupAsync("Senior press officers", a1, a2);
        var groupB = await desk.GroupAsync("Heads", b1, b2);
        await desk.PolicyAsync(ApprovalDesk.Policy(ApprovalDesk.OneOf(groupA), ApprovalDesk.AllOf(groupB)));
        var demo = await desk.DemoAsync(officer);
        var id = await desk.SubmitNewAsync(officer, new DraftContent { Text = "Budget day: what it means for you.", Accounts = [demo] });

        // Step 1 of 2: one of group A. Group B and people in no group are refused, and do not see it.
        Assert.Equal([id], await desk.QueueAsync(a1));
        Assert.Equal([id], await desk.QueueAsync(a2));
        Assert.Empty(await desk.QueueAsync(b1));
        Assert.Empty(await desk.QueueAsync(outsider));
        foreach (var wrong in new[] { b1, outsider })
        {
            var refused = await Assert.ThrowsAsync<DraftException>(() => desk.ApproveAsync(wrong, id));
            Assert.Equal(NotYourStep, refused.Message);
        }

        desk.Advance();
        await desk.ApproveAsync(a1, id, "Numbers checked.");
        var atSecond = await desk.DraftAsync(id);
        Assert.Equal((DraftState.AwaitingApproval, 1), (atSecond.State, atSecond.ApprovalStep));
        Assert.Equal(TargetState.Waiting, Assert.Single(atSecond.Targets).State);

        // Step 2 of 2: all of group B. Group A has had its turn; the outsider still has none.
        Assert.Empty(await desk.QueueAsync(a2));
        Assert.Equal([id], await desk.QueueAsync(b1));
        Assert.Equal([id], await desk.QueueAsync(b2));
        foreach (var wrong in new[] { a1, a2, outsider })
        {
            var refused = await Assert.ThrowsAsync<DraftException>(() => desk.ApproveAsync(wrong, id));
            Assert.Equal(NotYourStep, refused.Message);
        }

        desk.Advance();
        await desk.ApproveAsync(b1, id);
        Assert.Equal((DraftState.AwaitingApproval, 1), await StateAndStepAsync(desk, id));

        // Approving twice does not count twice: it is refused, and the step still waits for the other member.
        desk.Advance();
        var twice = await Assert.ThrowsAsync<DraftException>(() => desk.ApproveAsync(b1, id));
        Assert.Equal(NotYourStep, twice.Message);
        Assert.Empty(await desk.QueueAsync(b1));
        var afterTwice = await desk.DraftAsync(id);
        Assert.Equal((DraftState.AwaitingApproval, 1), (afterTwice.State, afterTwice.ApprovalStep));
        Assert.Single(afterTwice.Reviews, r => r.Decision == ReviewDecision.Approved && r.UserId == b1.Id);
        Assert.Equal(0, await desk.SendDueAsync());

        desk.Advance();
        await desk.ApproveAsync(b2, id);
        var approved = await desk.DraftAsync(id);
        Assert.Equal(DraftState.Approved, approved.State);
        Assert.Equal(TargetState.Queued, Assert.Single(approved.Targets).State);
        Assert.Equal(
            [(a1.Id, 0), (b1.Id, 1), (b2.Id, 1)],
            approved.Reviews.Where(r => r.Decision == ReviewDecision.Approved).OrderBy(r => r.At).ThenBy(r => r.Id).Select(r => (r.UserId, r.Step)).ToList());

        Assert.Equal(1, await desk.SendDueAsync());
        Assert.Equal(DraftState.Published, (await desk.DraftAsync(id)).State);
    }

    [Fact]
    public async Task When_the_author_is_in_the_group_whose_members_must_all_approve_every_other_member_suffices()
    {
        await using var desk = await ApprovalDesk.StartAsync();
        var author = await desk.PersonAsync(Roles.Approver, "Head of News");
        var b1 = await desk.PersonAsync(Roles.Approver, "Director of Comms");
        var b2 = await desk.PersonAsync(Roles.Approver, "Deputy Director");
        var groupB = await desk.GroupAsync("Heads", author, b1, b2);
        await desk.PolicyAsync(ApprovalDesk.Policy(ApprovalDesk.AllOf(groupB)));
        var demo = await desk.DemoAsync(author);
        var id = await desk.SubmitNewAsync(author, new DraftContent { Text = "Our response to the select committee.", Accounts = [demo] });

        var own = await Assert.ThrowsAsync<DraftException>(() => desk.ApproveAsync(author, id));
        Assert.Equal(NotYours, own.Message);

        desk.Advance();
        await desk.ApproveAsync(b1, id);
        Assert.Equal((DraftState.AwaitingApproval, 0), await StateAndStepAsync(desk, id));

        desk.Advance();
        await desk.ApproveAsync(b2, id);
        var approved = await desk.DraftAsync(id);
        Assert.Equal(DraftState.Approved, approved.State);
        Assert.Equal(TargetState.Queued, Assert.Single(approved.Targets).State);
    }

    /// <summary>Whether a deputy may act depends on when the member they stand in for is away until.</summary>
    [Theory]
    [InlineData(72.0, true)]
    [InlineData(0.5, true)]
    [InlineData(-1.0, false)]
    [InlineData(null, false)]
    public async Task The_deputy_of_a_group_member_who_is_away_approves_in_their_place(double? awayForHours, bool deputyActs)
    {
        await using var desk = await ApprovalDesk.StartAsync();
        var officer = await desk.PersonAsync(Roles.Officer, "Sam Officer");
        var b1 = await desk.PersonAsync(Roles.Approver, "Head of News");
        var b2 = await desk.PersonAsync(Roles.Approver, "Director of Comms");
        var deputy = await desk.PersonAsync(Roles.Approver, "Deputy Director");
        var groupB = await desk.GroupAsync("Heads", b1, b2);
        await desk.PolicyAsync(ApprovalDesk.Policy(ApprovalDesk.AllOf(groupB)));
        await desk.DeputyAsync(b2, deputy, awayForHours is { } hours ? desk.Now.AddHours(hours) : null);
        var demo = await desk.DemoAsync(officer);
        var id = await desk.SubmitNewAsync(officer, new DraftContent { Text = "Roadworks on the A1 are finished.", Accounts = [demo] });

        desk.Advance();
        await desk.ApproveAsync(b1, id);
        Assert.Equal((DraftState.AwaitingApproval, 0), await StateAndStepAsync(desk, id));

        if (deputyActs)
        {
            Assert.Equal([id], await desk.QueueAsync(deputy));
            desk.Advance();
            await desk.ApproveAsync(deputy, id, "Approved for the Director, who is away.");
            var approved = await desk.DraftAsync(id);
            Assert.Equal(DraftState.Approved, approved.State);
            Assert.Equal(TargetState.Queued, Assert.Single(approved.Targets).State);
            Assert.DoesNotContain(approved.Reviews, r => r.UserId == b2.Id);
        }
        else
        {
            Assert.Empty(await desk.QueueAsync(deputy));
            var refused = await Assert.ThrowsAsync<DraftException>(() => desk.ApproveAsync(deputy, id));
            Assert.Equal(NotYourStep, refused.Message);
            desk.Advance();
            await desk.ApproveAsync(b2, id);
            Assert.Equal(DraftState.Approved, (await desk.DraftAsync(id)).State);
        }
    }

    [Fact]
    public async Task A_post_sent_back_with_a_comment_is_edited_and_resubmitted_and_the_earlier_approvals_no_longer_count()
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
        var id = await desk.SubmitNewAsync(officer, new DraftContent { Text = "New funding for schools, coming soon.", Accounts = [demo] });
        desk.Advance();
        await desk.ApproveAsync(a1, id);
        desk.Advance();
        await desk.ApproveAsync(b1, id);
        Assert.Equal((DraftState.AwaitingApproval, 1), await StateAndStepAsync(desk, id));

        // Sending back needs a comment.
        foreach (var empty in new[] { "", "   ", "\n\t" })
        {
            var refused = await Assert.ThrowsAsync<DraftException>(() => desk.SendBackAsync(b2, id, empty));
            Assert.Equal("Say what should change, so the author knows what to do.", refused.Message);
        }

        Assert.Equal((DraftState.AwaitingApproval, 1), await StateAndStepAsync(desk, id));
        desk.Advance();
        await desk.SendBackAsync(b2, id, "  Say \"from April\", not \"soon\".  ");

        // The author sees it sent back, with the comment; nothing goes out.
        var sentBack = await desk.AsAsync(officer, drafts => drafts.GetAsync(id, Cancel));
        Assert.NotNull(sentBack);
        Assert.Equal(DraftState.SentBack, sentBack.State);
        var comment = Assert.Single(sentBack.Reviews, r => r.Decision == ReviewDecision.SentBack);
        Assert.Equal((b2.Id, "Director of Comms", "Say \"from April\", not \"soon\".", 1), (comment.UserId, comment.UserName, comment.Comment, comment.Step));
        Assert.Equal(TargetState.Waiting, Assert.Single(sentBack.Targets).State);
        Assert.Contains(id, (await desk.AsAsync(officer, drafts => drafts.MyDraftsAsync(Cancel))).Select(d => d.Id));
        Assert.Empty(await desk.QueueAsync(b2));
        Assert.Equal(0, await desk.SendDueAsync());
        var notWaiting = await Assert.ThrowsAsync<DraftException>(() => desk.ApproveAsync(b2, id));
        Assert.Equal("This post is not waiting for approval any more.", notWaiting.Message);

        desk.Advance();
        await desk.AsAsync(officer, drafts => drafts.SaveAsync(id, new DraftContent { Text = "New funding for schools, from April.", Accounts = [demo] }, Cancel));
        desk.Advance();
        Assert.Empty(await desk.SubmitAsync(officer, id));

        // It starts again at the first step: group A approves again, then both of group B.
        var resubmitted = await desk.DraftAsync(id);
        Assert.Equal((DraftState.AwaitingApproval, 0), (resubmitted.State, resubmitted.ApprovalStep));
        Assert.Equal([id], await desk.QueueAsync(a1));
        Assert.Empty(await desk.QueueAsync(b1));
        var tooEarly = await Assert.ThrowsAsync<DraftException>(() => desk.ApproveAsync(b1, id));
        Assert.Equal(NotYourStep, tooEarly.Message);

        desk.Advance();
        await desk.ApproveAsync(a1, id);
        Assert.Equal((DraftState.AwaitingApproval, 1), await StateAndStepAsync(desk, id));
        Assert.Equal([id], await desk.QueueAsync(b1));

        desk.Advance();
        await desk.ApproveAsync(b2, id);
        Assert.Equal((DraftState.AwaitingApproval, 1), await StateAndStepAsync(desk, id));

        desk.Advance();
        await desk.ApproveAsync(b1, id);
        Assert.Equal(DraftState.Approved, (await desk.DraftAsync(id)).State);
        Assert.Equal(1, await desk.SendDueAsync());
        Assert.Equal("New funding for schools, from April.", (await desk.PublishedAsync(id))?.Text);
    }

    [Fact]
    public async Task An_approvers_edit_is_recorded_with_the_old_text_audited_and_is_the_text_published()
    {
        await using var desk = await ApprovalDesk.StartAsync();
        await desk.PolicyAsync(ApprovalDesk.Policy(ApprovalDesk.AnyApprover));
        var officer = await desk.PersonAsync(Roles.Officer, "Sam Officer");
        var approver = await desk.PersonAsync(Roles.Approver, "Ada Approver");
        var demo = await desk.DemoAsync(officer);
        var id = await desk.SubmitNewAsync(officer, new DraftContent { Text = "Minister annouces new aprenticeships.", Accounts = [demo] });

        desk.Advance();
        await desk.ApproveAsync(approver, id, "Fixed two typos.", "Minister announces new apprenticeships.");

        var approved = await desk.DraftAsync(id);
        Assert.Equal(DraftState.Approved, approved.State);
        Assert.Equal("Minister announces new apprenticeships.", approved.Text);
        var edit = Assert.Single(approved.Reviews, r => r.Decision == ReviewDecision.Edited);
        Assert.Equal((approver.Id, "Ada Approver", "Was: Minister annouces new aprenticeships.", 0), (edit.UserId, edit.UserName, edit.Comment, edit.Step));
        var approval = Assert.Single(approved.Reviews, r => r.Decision == ReviewDecision.Approved);
        Assert.Equal((approver.Id, "Fixed two typos."), (approval.UserId, approval.Comment));

        var audited = Assert.Single(await desk.AuditAsync(id, AuditActions.PostEdited));
        Assert.Equal(approver.Id, audited.ActorId);
        Assert.Equal("text changed from \"Minister annouces new aprenticeships.\" to \"Minister announces new apprenticeships.\"", audited.Details);

        Assert.Equal(1, await desk.SendDueAsync());
        Assert.Equal("Minister announces new apprenticeships.", (await desk.PublishedAsync(id))?.Text);
    }

    [Fact]
    public async Task An_approvers_edit_that_breaks_a_rule_is_refused_and_changes_nothing()
    {
        await using var desk = await ApprovalDesk.StartAsync();
        await desk.PolicyAsync(ApprovalDesk.Policy(ApprovalDesk.AnyApprover));
        var officer = await desk.PersonAsync(Roles.Officer, "Sam Officer");
        var approver = await desk.PersonAsync(Roles.Approver, "Ada Approver");
        var demo = await desk.DemoAsync(officer);
        var id = await desk.SubmitNewAsync(officer, new DraftContent { Text = "Short and sweet.", Accounts = [demo] });

        var refused = await Assert.ThrowsAsync<DraftException>(() => desk.ApproveAsync(approver, id, "", new string('a', 301)));
        Assert.Equal("Too long for Demo: 1 character too many.", refused.Message);

        var unchanged = await desk.DraftAsync(id);
        Assert.Equal((DraftState.AwaitingApproval, "Short and sweet."), (unchanged.State, unchanged.Text));
        Assert.DoesNotContain(unchanged.Reviews, r => r.Decision is ReviewDecision.Edited or ReviewDecision.Approved);
        Assert.Empty(await desk.AuditAsync(id, AuditActions.PostEdited));
        Assert.Empty(await desk.AuditAsync(id, AuditActions.PostApproved));
    }

    private static async Task<(DraftState State, int Step)> StateAndStepAsync(ApprovalDesk desk, int id)
    {
        var draft = await desk.DraftAsync(id);
        return (draft.State, draft.ApprovalStep);
    }
}

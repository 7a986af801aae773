using PressDeck.Audit;
using PressDeck.Core.Posts;
using PressDeck.Data.Publishing;
using PressDeck.Publishing;
using PressDeck.Team;

namespace PressDeck.Tests.Publishing;

/// <summary>
/// Issue 6, the two ways round the steps a policy may allow: replies straight out (only replies), and an urgent post
/// out first and reviewed after (only urgent posts), each only when the policy says so.
/// </summary>
[Trait("Issue", "6")]
public sealed class ApprovalShortcutTests
{
    private const string RepliedTo = "demo-post-20261126-0001";

    /// <summary>What each kind of post does under a one-step policy, with and without "replies go straight".</summary>
    public static readonly TheoryData<bool, PostDraftKind, DraftState> RepliesTable = new()
    {
        { true, PostDraftKind.Reply, DraftState.Approved },
        { true, PostDraftKind.Post, DraftState.AwaitingApproval },
        { true, PostDraftKind.Quote, DraftState.AwaitingApproval },
        { true, PostDraftKind.Repost, DraftState.AwaitingApproval },
        { false, PostDraftKind.Reply, DraftState.AwaitingApproval },
        { false, PostDraftKind.Post, DraftState.AwaitingApproval },
    };

    [Theory]
    [MemberData(nameof(RepliesTable))]
    public async Task Only_a_reply_goes_straight_out_and_only_when_the_policy_lets_replies_go_straight(bool repliesGoStraight, PostDraftKind kind, DraftState expected)
    {
        await using var desk = await ApprovalDesk.StartAsync();
        var form = ApprovalDesk.Policy(ApprovalDesk.AnyApprover);
        form.RepliesGoStraight = repliesGoStraight;
        await desk.PolicyAsync(form);
        var officer = await desk.PersonAsync(Roles.Officer, "Sam Officer");
        var demo = await desk.DemoAsync(officer);

        var id = await desk.SubmitNewAsync(officer, new DraftContent
        {
            Text = kind == PostDraftKind.Repost ? "" : "Thanks for asking: the consultation closes on 1 March.",
            Accounts = [demo],
            Kind = kind,
            ReferenceNetwork = kind == PostDraftKind.Post ? null : Network.Demo,
            ReferenceRemoteId = kind == PostDraftKind.Post ? null : RepliedTo,
            ReferenceHandle = kind == PostDraftKind.Post ? null : "jo.reporter",
        });

        var draft = await desk.DraftAsync(id);
        Assert.Equal(expected, draft.State);
        Assert.Equal(expected == DraftState.Approved ? TargetState.Queued : TargetState.Waiting, Assert.Single(draft.Targets).State);
        Assert.False(draft.NeedsReviewAfter);
        var submitted = Assert.Single(await desk.AuditAsync(id, AuditActions.PostSubmitted));
        Assert.Equal(expected == DraftState.Approved ? "no approval needed" : "needs any approver", submitted.Details);
        if (expected == DraftState.Approved)
        {
            Assert.Equal(1, await desk.SendDueAsync());
            var reply = await desk.PublishedAsync(id);
            Assert.NotNull(reply);
            Assert.Equal(PostKind.Reply, reply.Kind);
            Assert.Equal(DraftState.Published, (await desk.DraftAsync(id)).State);
        }
        else
        {
            Assert.Equal(0, await desk.SendDueAsync());
        }
    }

    [Fact]
    public async Task A_reply_that_replies_to_nothing_does_not_go_round_the_approval_steps()
    {
        await using var desk = await ApprovalDesk.StartAsync();
        var form = ApprovalDesk.Policy(ApprovalDesk.AnyApprover);
        form.RepliesGoStraight = true;
        await desk.PolicyAsync(form);
        var officer = await desk.PersonAsync(Roles.Officer, "Sam Officer");
        var demo = await desk.DemoAsync(officer);

        // Marked as a reply but replying to no post: it would go out as an ordinary top-level post.
        var id = await desk.CreateAsync(officer, new DraftContent { Text = "An announcement dressed up as a reply.", Accounts = [demo], Kind = PostDraftKind.Reply });
        var problems = await desk.SubmitAsync(officer, id);
        await desk.SendDueAsync();

        var draft = await desk.DraftAsync(id);
        Assert.True(
            problems.Count > 0 || draft.State == DraftState.AwaitingApproval,
            $"A \"reply\" to no post was let through as {draft.State} without approval, and its account's target is {draft.Targets.Single().State}.");
        Assert.Null(await desk.PublishedAsync(id));
    }

    [Fact]
    public async Task An_urgent_post_goes_out_first_and_an_approver_reviews_it_after()
    {
        await using var desk = await ApprovalDesk.StartAsync();
        var form = ApprovalDesk.Policy(ApprovalDesk.AnyApprover);
        form.UrgentGoesFirst = true;
        await desk.PolicyAsync(form);
        var officer = await desk.PersonAsync(Roles.Officer, "Sam Officer");
        var approver = await desk.PersonAsync(Roles.Approver, "Ada Approver");
        var demo = await desk.DemoAsync(officer);

        var id = await desk.SubmitNewAsync(officer, new DraftContent { Text = "That report is wrong: the figures are here.", Accounts = [demo], IsUrgent = true });

        var sent = await desk.DraftAsync(id);
        Assert.Equal(DraftState.Approved, sent.State);
        Assert.True(sent.NeedsReviewAfter);
        Assert.Equal(TargetState.Queued, Assert.Single(sent.Targets).State);
        Assert.Equal("urgent: goes out first, reviewed after by any approver", Assert.Single(await desk.AuditAsync(id, AuditActions.PostSubmitted)).Details);
        Assert.Equal(1, await desk.SendDueAsync());
        Assert.Equal(DraftState.Published, (await desk.DraftAsync(id)).State);
        Assert.Equal("That report is wrong: the figures are here.", (await desk.PublishedAsync(id))?.Text);

        // The author is not asked to review their own post; an approver is.
        var officerQueue = await Assert.ThrowsAsync<PermissionDeniedException>(() => desk.QueueAsync(officer));
        Assert.Equal(Permissions.ApprovePosts, officerQueue.Permission);
        Assert.Equal([id], await desk.QueueAsync(approver));

        desk.Advance();
        await desk.ApproveAsync(approver, id, "Right call.");

        var reviewed = await desk.DraftAsync(id);
        Assert.False(reviewed.NeedsReviewAfter);
        Assert.Equal(DraftState.Published, reviewed.State);
        var review = Assert.Single(reviewed.Reviews, r => r.Decision == ReviewDecision.ReviewedAfter);
        Assert.Equal((approver.Id, "Right call.", desk.Now), (review.UserId, review.Comment, review.At));
        Assert.DoesNotContain(reviewed.Reviews, r => r.Decision == ReviewDecision.Approved);
        Assert.Empty(await desk.QueueAsync(approver));
        var audited = Assert.Single(await desk.AuditAsync(id, AuditActions.PostApproved));
        Assert.Equal("reviewed after it went out: \"Right call.\"", audited.Details);
    }

    /// <summary>Going first needs both an urgent post and a policy that allows it.</summary>
    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(false, false)]
    public async Task A_post_that_is_not_urgent_or_whose_policy_does_not_allow_it_waits_for_approval(bool urgentGoesFirst, bool isUrgent)
    {
        await using var desk = await ApprovalDesk.StartAsync();
        var form = ApprovalDesk.Policy(ApprovalDesk.AnyApprover);
        form.UrgentGoesFirst = urgentGoesFirst;
        await desk.PolicyAsync(form);
        var officer = await desk.PersonAsync(Roles.Officer, "Sam Officer");
        var demo = await desk.DemoAsync(officer);

        var id = await desk.SubmitNewAsync(officer, new DraftContent { Text = "A rebuttal, perhaps.", Accounts = [demo], IsUrgent = isUrgent });

        var draft = await desk.DraftAsync(id);
        Assert.Equal(DraftState.AwaitingApproval, draft.State);
        Assert.False(draft.NeedsReviewAfter);
        Assert.Equal(TargetState.Waiting, Assert.Single(draft.Targets).State);
        Assert.Equal(0, await desk.SendDueAsync());
    }
}

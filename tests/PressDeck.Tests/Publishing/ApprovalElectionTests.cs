using System.Globalization;
using PressDeck.Audit;
using PressDeck.Core.Posts;
using PressDeck.Data.Publishing;
using PressDeck.Publishing;
using PressDeck.Team;

namespace PressDeck.Tests.Publishing;

/// <summary>
/// Issue 6, election (pre-election) periods: from the first to the last day, in the office's dates, every post needs an
/// approver whatever its account's policy, and neither "urgent goes first" nor "replies go straight" applies; after the
/// period nothing extra is needed.
/// </summary>
[Trait("Issue", "6")]
public sealed class ApprovalElectionTests
{
    private const string Winter = "General election 2026";
    private const string Spring = "Local elections 2027";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>
    /// When the post goes out (UTC; empty for now, Thursday 26 November 2026 10:00) and the election period it falls in.
    /// Winter: 20 November to 3 December 2026 (London is on GMT). Spring: 1 April to 6 May 2027 (London is on BST, so
    /// 23:30 UTC is already the next day in the office).
    /// </summary>
    public static readonly TheoryData<string, string?> Table = new()
    {
        { "", Winter },
        { "2026-11-26T10:05:00Z", Winter },
        { "2026-12-03T23:59:00Z", Winter },
        { "2026-12-04T00:00:00Z", null },
        { "2027-01-15T09:00:00Z", null },
        { "2027-03-31T22:30:00Z", null },
        { "2027-03-31T23:30:00Z", Spring },
        { "2027-05-06T22:59:00Z", Spring },
        { "2027-05-06T23:00:00Z", null },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public async Task With_no_policy_a_post_whose_time_falls_in_an_election_period_needs_any_approver_and_one_after_it_needs_none(string goesOutUtc, string? period)
    {
        await using var desk = await ElectionDeskAsync();
        var officer = await desk.PersonAsync(Roles.Officer, "Sam Officer");
        var approver = await desk.PersonAsync(Roles.Approver, "Ada Approver");
        var demo = await desk.DemoAsync(officer);
        DateTime? scheduled = goesOutUtc.Length == 0 ? null : DateTime.Parse(goesOutUtc, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
        var content = new DraftContent { Text = "The new bridge opens to traffic.", Accounts = [demo], ScheduledFor = scheduled };

        var (plan, _) = await desk.AsAsync(officer, drafts => drafts.PreviewAsync(content, Cancel));
        var id = await desk.SubmitNewAsync(officer, content);

        var draft = await desk.DraftAsync(id);
        var submitted = Assert.Single(await desk.AuditAsync(id, AuditActions.PostSubmitted));
        Assert.Equal(period, plan.ElectionPeriod);
        if (period is null)
        {
            Assert.Empty(plan.Steps);
            Assert.Equal(DraftState.Approved, draft.State);
            Assert.Equal(TargetState.Queued, Assert.Single(draft.Targets).State);
            Assert.Equal("no approval needed", submitted.Details);
            return;
        }

        Assert.Equal([new PlannedStep(null, "", RequiresAll: false)], plan.Steps);
        Assert.False(plan.GoesFirst);
        Assert.Equal(DraftState.AwaitingApproval, draft.State);
        Assert.Equal(TargetState.Waiting, Assert.Single(draft.Targets).State);
        Assert.Equal($"needs any approver (election period: {period})", submitted.Details);

        // Any approver will do, never the author.
        Assert.Equal([id], await desk.QueueAsync(approver));
        desk.Advance();
        await desk.ApproveAsync(approver, id, "Checked against the election guidance.");
        var approved = await desk.DraftAsync(id);
        Assert.Equal(DraftState.Approved, approved.State);
        Assert.Equal(TargetState.Queued, Assert.Single(approved.Targets).State);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Urgent_goes_first_does_not_apply_in_an_election_period(bool policyHasSteps)
    {
        await using var desk = await ElectionDeskAsync();
        var form = policyHasSteps ? ApprovalDesk.Policy(ApprovalDesk.AnyApprover) : ApprovalDesk.Policy();
        form.UrgentGoesFirst = true;
        await desk.PolicyAsync(form);
        var officer = await desk.PersonAsync(Roles.Officer, "Sam Officer");
        var approver = await desk.PersonAsync(Roles.Approver, "Ada Approver");
        var demo = await desk.DemoAsync(officer);

        var id = await desk.SubmitNewAsync(officer, new DraftContent { Text = "Urgent: that claim is false.", Accounts = [demo], IsUrgent = true });

        var draft = await desk.DraftAsync(id);
        Assert.Equal(DraftState.AwaitingApproval, draft.State);
        Assert.False(draft.NeedsReviewAfter);
        Assert.Equal(TargetState.Waiting, Assert.Single(draft.Targets).State);
        Assert.Equal($"needs any approver (election period: {Winter})", Assert.Single(await desk.AuditAsync(id, AuditActions.PostSubmitted)).Details);
        Assert.Equal(0, await desk.SendDueAsync());
        Assert.Null(await desk.PublishedAsync(id));

        desk.Advance();
        await desk.ApproveAsync(approver, id);
        Assert.Equal((DraftState.Approved, false), await StateAndReviewAfterAsync(desk, id));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Replies_go_straight_does_not_apply_in_an_election_period(bool policyHasSteps)
    {
        await using var desk = await ElectionDeskAsync();
        var form = policyHasSteps ? ApprovalDesk.Policy(ApprovalDesk.AnyApprover) : ApprovalDesk.Policy();
        form.RepliesGoStraight = true;
        await desk.PolicyAsync(form);
        var officer = await desk.PersonAsync(Roles.Officer, "Sam Officer");
        var demo = await desk.DemoAsync(officer);

        var id = await desk.SubmitNewAsync(officer, new DraftContent
        {
            Text = "Thanks: polling stations open at 7am.",
            Accounts = [demo],
            Kind = PostDraftKind.Reply,
            ReferenceNetwork = Network.Demo,
            ReferenceRemoteId = "demo-post-20261126-0002",
            ReferenceHandle = "jo.reporter",
        });

        var draft = await desk.DraftAsync(id);
        Assert.Equal(DraftState.AwaitingApproval, draft.State);
        Assert.Equal(TargetState.Waiting, Assert.Single(draft.Targets).State);
        Assert.Equal($"needs any approver (election period: {Winter})", Assert.Single(await desk.AuditAsync(id, AuditActions.PostSubmitted)).Details);
        Assert.Equal(0, await desk.SendDueAsync());
    }

    [Fact]
    public async Task A_post_scheduled_into_an_election_period_before_it_was_declared_does_not_go_out_without_approval()
    {
        await using var desk = await ApprovalDesk.StartAsync();
        var officer = await desk.PersonAsync(Roles.Officer, "Sam Officer");
        var approver = await desk.PersonAsync(Roles.Approver, "Ada Approver");
        var demo = await desk.DemoAsync(officer);

        // Thursday: no policy and no election period, so a post for next Wednesday is queued without approval.
        var wednesday = new DateTime(2026, 12, 2, 9, 0, 0, DateTimeKind.Utc);
        var id = await desk.SubmitNewAsync(officer, new DraftContent { Text = "Our plans for the next five years.", Accounts = [demo], ScheduledFor = wednesday });
        Assert.Equal(DraftState.Approved, (await desk.DraftAsync(id)).State);

        // Friday: the election is called, and the period covers Wednesday.
        desk.Advance(TimeSpan.FromDays(1));
        await desk.ElectionPeriodAsync(Winter, new DateOnly(2026, 11, 27), new DateOnly(2026, 12, 10));

        desk.Clock.SetUtcNow(new DateTimeOffset(wednesday));
        await desk.SendDueAsync();

        Assert.Null(await desk.PublishedAsync(id));
        var draft = await desk.DraftAsync(id);
        Assert.NotEqual(TargetState.Published, Assert.Single(draft.Targets).State);
        Assert.Contains(id, await desk.QueueAsync(approver));
    }

    private static async Task<ApprovalDesk> ElectionDeskAsync()
    {
        var desk = await ApprovalDesk.StartAsync();
        await desk.ElectionPeriodAsync(Winter, new DateOnly(2026, 11, 20), new DateOnly(2026, 12, 3));
        await desk.ElectionPeriodAsync(Spring, new DateOnly(2027, 4, 1), new DateOnly(2027, 5, 6));
        return desk;
    }

    private static async Task<(DraftState, bool)> StateAndReviewAfterAsync(ApprovalDesk desk, int id)
    {
        var draft = await desk.DraftAsync(id);
        return (draft.State, draft.NeedsReviewAfter);
    }
}

using Microsoft.Extensions.DependencyInjection;
using PressDeck.Connectors.Demo;
using PressDeck.Data.Publishing;
using PressDeck.Publishing;
using PressDeck.Team;

namespace PressDeck.Tests.Publishing;

/// <summary>
/// Issue 6, threads: the posts after the first follow it through approval (the approver sees and approves the thread
/// once), go out in order each as a reply to the one before, and are sent back or withdrawn with it.
/// </summary>
[Trait("Issue", "6")]
public sealed class ThreadTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_thread_is_approved_once_and_goes_out_in_order_each_post_replying_to_the_one_before()
    {
        await using var desk = await ApprovalDesk.StartAsync();
        await desk.PolicyAsync(ApprovalDesk.Policy(ApprovalDesk.AnyApprover));
        var officer = await desk.PersonAsync(Roles.Officer, "Sam Officer");
        var approver = await desk.PersonAsync(Roles.Approver, "Ada Approver");
        var demo = await desk.DemoAsync(officer);
        var rootId = await desk.CreateAsync(officer, new DraftContent { Text = "1/3 The minister is in Leeds today.", Accounts = [demo] });
        await desk.AsAsync(officer, drafts => drafts.SaveThreadAsync(rootId, ["2/3 First, the new skills centre.", "3/3 Then questions from apprentices."], Cancel));
        var parts = await desk.AsAsync(officer, drafts => drafts.ThreadAsync(rootId, Cancel));
        Assert.Equal(["2/3 First, the new skills centre.", "3/3 Then questions from apprentices."], parts.Select(p => p.Text));
        Assert.Equal(rootId, parts[0].ThreadParentId);
        Assert.Equal(parts[0].Id, parts[1].ThreadParentId);

        Assert.Empty(await desk.SubmitAsync(officer, rootId));
        Assert.Equal([rootId], await desk.QueueAsync(approver));
        foreach (var part in parts)
        {
            Assert.Equal(DraftState.AwaitingApproval, (await desk.DraftAsync(part.Id)).State);
        }

        Assert.Equal(0, await desk.SendDueAsync());

        desk.Advance();
        await desk.ApproveAsync(approver, rootId);
        Assert.Equal(3, await desk.SendDueAsync());

        var network = desk.Services.GetRequiredService<DemoNetwork>();
        var first = await desk.PublishedAsync(rootId);
        var second = await desk.PublishedAsync(parts[0].Id);
        var third = await desk.PublishedAsync(parts[1].Id);
        Assert.NotNull(first);
        Assert.Equal("2/3 First, the new skills centre.", second!.Text);
        Assert.Equal(network.AuthorOf(first.RemoteId), second.ReplyToHandle);
        Assert.Equal(network.AuthorOf(second.RemoteId), third!.ReplyToHandle);
        Assert.True(first.CreatedAt <= second.CreatedAt && second.CreatedAt <= third.CreatedAt);
        foreach (var id in new[] { rootId, parts[0].Id, parts[1].Id })
        {
            Assert.Equal(DraftState.Published, (await desk.DraftAsync(id)).State);
        }
    }

    [Fact]
    public async Task An_empty_or_too_long_post_in_a_thread_stops_it_with_its_place_and_sending_back_or_withdrawing_takes_the_whole_thread()
    {
        await using var desk = await ApprovalDesk.StartAsync();
        await desk.PolicyAsync(ApprovalDesk.Policy(ApprovalDesk.AnyApprover));
        var officer = await desk.PersonAsync(Roles.Officer, "Sam Officer");
        var approver = await desk.PersonAsync(Roles.Approver, "Ada Approver");
        var demo = await desk.DemoAsync(officer);
        var rootId = await desk.CreateAsync(officer, new DraftContent { Text = "A thread.", Accounts = [demo] });
        await desk.AsAsync(officer, drafts => drafts.SaveThreadAsync(rootId, ["", new string('a', 301)], Cancel));

        var problems = await desk.SubmitAsync(officer, rootId);
        Assert.Contains("Post 2 of the thread: write something, or add an image.", problems);
        Assert.Contains("Post 3 of the thread: too long for Demo: 1 character too many.", problems);
        Assert.Equal(DraftState.Editing, (await desk.DraftAsync(rootId)).State);

        await desk.AsAsync(officer, drafts => drafts.SaveThreadAsync(rootId, ["The second post."], Cancel));
        var part = Assert.Single(await desk.AsAsync(officer, drafts => drafts.ThreadAsync(rootId, Cancel)));
        Assert.Empty(await desk.SubmitAsync(officer, rootId));

        await desk.SendBackAsync(approver, rootId, "Shorter, please.");
        Assert.Equal(DraftState.SentBack, (await desk.DraftAsync(part.Id)).State);

        Assert.Empty(await desk.SubmitAsync(officer, rootId));
        await desk.AsAsync(officer, drafts => drafts.WithdrawAsync(rootId, Cancel));
        var withdrawn = await desk.DraftAsync(part.Id);
        Assert.Equal(DraftState.Withdrawn, withdrawn.State);
        Assert.All(withdrawn.Targets, t => Assert.Equal(TargetState.Cancelled, t.State));
        Assert.Equal(0, await desk.SendDueAsync());
    }
}

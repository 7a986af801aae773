using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PressDeck.Connectors.Demo;
using PressDeck.Data;
using PressDeck.Data.Publishing;
using PressDeck.Publishing;
using PressDeck.Team;
using PressDeck.Testing;
using PressDeck.Tests.Team;

namespace PressDeck.Tests.Publishing;

/// <summary>Scheduled posts: exactly once across a restart and with two senders, and at the local time chosen across a clock change.</summary>
[Trait("Issue", "6")]
public sealed class ScheduledPostTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_post_due_while_PressDeck_restarts_is_published_once_when_it_is_back()
    {
        var folder = PressDeckServer.NewDataFolder();
        int draftId;
        DateTime due;
        await using (var first = await PublishingTestApp.StartAsync(folder))
        {
            var officer = await TestPeople.CreateAsync(first.Services, Roles.Officer);
            var demo = await PublishingTestApp.DemoAccountAsync(first.Services, officer);
            due = TimeProvider.System.GetUtcNow().UtcDateTime.AddSeconds(4);
            draftId = await PublishingTestApp.SubmitAsync(first.Services, officer, new DraftContent { Text = "Scheduled across a restart.", Accounts = [demo], ScheduledFor = due });
            Assert.Equal(TargetState.Queued, (await PublishingTestApp.TargetsAsync(first.Services, draftId)).Single().State);
            await first.StopAsync(Cancel);
        }

        // PressDeck is down when the post falls due.
        var untilDue = due - TimeProvider.System.GetUtcNow().UtcDateTime + TimeSpan.FromSeconds(1);
        if (untilDue > TimeSpan.Zero)
        {
            await Task.Delay(untilDue, Cancel);
        }

        await using var second = await PublishingTestApp.StartAsync(folder);
        var published = await PublishingTestApp.WaitForTargetAsync(second.Services, draftId, t => t.State == TargetState.Published);
        Assert.Equal(1, published.Attempts);
        Assert.True(published.PublishedAt >= due.AddSeconds(-1));
        var network = second.Services.GetRequiredService<DemoNetwork>();
        var post = network.FindPublished(published.RequestKey);
        Assert.NotNull(post);
        Assert.Equal(published.RemoteId, post.RemoteId);
        Assert.Equal("Scheduled across a restart.", post.Text);
    }

    [Fact]
    public async Task Two_senders_on_one_database_publish_a_due_post_once()
    {
        var folder = PressDeckServer.NewDataFolder();
        await using var first = await PublishingTestApp.StartAsync(folder);
        await using var second = await PublishingTestApp.StartAsync(folder);
        var officer = await TestPeople.CreateAsync(first.Services, Roles.Officer);
        var demo = await PublishingTestApp.DemoAccountAsync(first.Services, officer);
        var ids = new List<int>();
        for (var i = 0; i < 10; i++)
        {
            ids.Add(await PublishingTestApp.SubmitAsync(first.Services, officer, new DraftContent { Text = $"Post {i} of ten.", Accounts = [demo], ScheduledFor = TimeProvider.System.GetUtcNow().UtcDateTime.AddSeconds(2) }));
        }

        // Both nodes' senders race for every post; each is claimed by exactly one.
        await Task.WhenAll(
            Enumerable.Range(0, 5).Select(_ => first.Services.GetRequiredService<PostSender>().SendDueAsync(Cancel))
                .Concat(Enumerable.Range(0, 5).Select(_ => second.Services.GetRequiredService<PostSender>().SendDueAsync(Cancel))));
        foreach (var id in ids)
        {
            var target = await PublishingTestApp.WaitForTargetAsync(first.Services, id, t => t.State == TargetState.Published);
            Assert.Equal(1, target.Attempts);
            var onFirst = first.Services.GetRequiredService<DemoNetwork>().FindPublished(target.RequestKey);
            var onSecond = second.Services.GetRequiredService<DemoNetwork>().FindPublished(target.RequestKey);
            Assert.True(onFirst is null ^ onSecond is null, $"post {id} was sent by {(onFirst is null ? "neither" : "both")} node(s)");
        }
    }

    [Fact]
    public async Task A_crash_after_sending_and_before_recording_does_not_publish_twice()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero));
        await using var app = await PublishingTestApp.StartAsync(time: clock, extra: PublishingTestApp.SenderDrivenByTest);
        var officer = await TestPeople.CreateAsync(app.Services, Roles.Officer);
        var demo = await PublishingTestApp.DemoAccountAsync(app.Services, officer);
        var draftId = await PublishingTestApp.SubmitAsync(app.Services, officer, new DraftContent { Text = "Sent, then the lights went out.", Accounts = [demo], ScheduledFor = clock.GetUtcNow().UtcDateTime.AddHours(1) });
        var sender = app.Services.GetRequiredService<PostSender>();

        // What a crash leaves: the network has the post (sent with the target's key), the database still says "sending".
        var target = (await PublishingTestApp.TargetsAsync(app.Services, draftId)).Single();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await db.DraftTargets.Where(t => t.Id == target.Id).ExecuteUpdateAsync(set => set
                .SetProperty(t => t.State, TargetState.Sending).SetProperty(t => t.ClaimedBy, "crashed-node")
                .SetProperty(t => t.Attempts, 1).SetProperty(t => t.FirstSentAt, clock.GetUtcNow().UtcDateTime)
                .SetProperty(t => t.LeaseUntil, clock.GetUtcNow().UtcDateTime.AddMinutes(2)), Cancel);
            var built = await scope.ServiceProvider.GetRequiredService<OutgoingPostBuilder>().BuildAsync(db, await db.DraftTargets.AsNoTracking().SingleAsync(t => t.Id == target.Id, Cancel), Cancel);
            var publisher = scope.ServiceProvider.GetRequiredService<PublisherDirectory>().For(Core.Posts.Network.Demo)!;
            await publisher.PublishAsync(scope.ServiceProvider.GetRequiredService<PublishingAccounts>().DemoOffice, built.Post!, Cancel);
        }

        // While the crashed sender's lease runs, nobody touches the post.
        await sender.SendDueAsync(Cancel);
        Assert.Equal(TargetState.Sending, (await PublishingTestApp.TargetsAsync(app.Services, draftId)).Single().State);

        clock.Advance(TimeSpan.FromMinutes(3));
        await sender.SendDueAsync(Cancel);
        var resolved = (await PublishingTestApp.TargetsAsync(app.Services, draftId)).Single();
        Assert.Equal(TargetState.Published, resolved.State);
        Assert.Equal(1, resolved.Attempts);
        var network = app.Services.GetRequiredService<DemoNetwork>();
        Assert.Equal(network.FindPublished(target.RequestKey)!.RemoteId, resolved.RemoteId);
    }

    [Fact]
    public async Task A_post_whose_time_passed_while_PressDeck_was_down_is_held_for_a_person()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero));
        await using var app = await PublishingTestApp.StartAsync(time: clock, extra: PublishingTestApp.SenderDrivenByTest);
        var officer = await TestPeople.CreateAsync(app.Services, Roles.Officer);
        var demo = await PublishingTestApp.DemoAccountAsync(app.Services, officer);
        var draftId = await PublishingTestApp.SubmitAsync(app.Services, officer, new DraftContent { Text = "Due at 10:30.", Accounts = [demo], ScheduledFor = clock.GetUtcNow().UtcDateTime.AddMinutes(30) });

        clock.Advance(TimeSpan.FromHours(2));
        await app.Services.GetRequiredService<PostSender>().SendDueAsync(Cancel);

        var held = (await PublishingTestApp.TargetsAsync(app.Services, draftId)).Single();
        Assert.Equal(TargetState.Held, held.State);
        Assert.Contains("passed while PressDeck was not running", held.LastError, StringComparison.Ordinal);
        Assert.Null(app.Services.GetRequiredService<DemoNetwork>().FindPublished(held.RequestKey));

        await using (var scope = await TestPeople.ScopeAsAsync(app.Services, officer))
        {
            await scope.ServiceProvider.GetRequiredService<DraftService>().SendAgainAsync(held.Id, Cancel);
        }

        await app.Services.GetRequiredService<PostSender>().SendDueAsync(Cancel);
        Assert.Equal(TargetState.Published, (await PublishingTestApp.TargetsAsync(app.Services, draftId)).Single().State);
    }

    [Fact]
    public async Task A_post_scheduled_across_the_end_of_summer_time_goes_out_at_the_local_time_chosen()
    {
        // 20 October 2026 is in British Summer Time; the clocks go back at 02:00 BST on 25 October.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 10, 20, 12, 0, 0, TimeSpan.Zero));
        await using var app = await PublishingTestApp.StartAsync(time: clock, extra: [.. PublishingTestApp.SenderDrivenByTest, "--Publishing:WhenLate=Hold"]);
        var officer = await TestPeople.CreateAsync(app.Services, Roles.Officer);
        var demo = await PublishingTestApp.DemoAccountAsync(app.Services, officer);

        Assert.True(OfficeSchedule.TryToUtc(new DateOnly(2026, 10, 24), new TimeOnly(9, 0), out var beforeChange, out _));
        Assert.True(OfficeSchedule.TryToUtc(new DateOnly(2026, 10, 26), new TimeOnly(9, 0), out var afterChange, out _));
        Assert.Equal(new DateTime(2026, 10, 24, 8, 0, 0, DateTimeKind.Utc), beforeChange);
        Assert.Equal(new DateTime(2026, 10, 26, 9, 0, 0, DateTimeKind.Utc), afterChange);

        var summer = await PublishingTestApp.SubmitAsync(app.Services, officer, new DraftContent { Text = "Saturday 9am, summer time.", Accounts = [demo], ScheduledFor = beforeChange });
        var winter = await PublishingTestApp.SubmitAsync(app.Services, officer, new DraftContent { Text = "Monday 9am, winter time.", Accounts = [demo], ScheduledFor = afterChange });
        var sender = app.Services.GetRequiredService<PostSender>();

        clock.SetUtcNow(new DateTimeOffset(2026, 10, 24, 7, 59, 59, TimeSpan.Zero));
        await sender.SendDueAsync(Cancel);
        Assert.Equal(TargetState.Queued, (await PublishingTestApp.TargetsAsync(app.Services, summer)).Single().State);
        clock.SetUtcNow(new DateTimeOffset(2026, 10, 24, 8, 0, 0, TimeSpan.Zero));
        await sender.SendDueAsync(Cancel);
        var first = (await PublishingTestApp.TargetsAsync(app.Services, summer)).Single();
        Assert.Equal(TargetState.Published, first.State);
        Assert.Equal((new DateOnly(2026, 10, 24), new TimeOnly(9, 0)), OfficeSchedule.ToOffice(first.PublishedAt!.Value));

        clock.SetUtcNow(new DateTimeOffset(2026, 10, 26, 8, 59, 59, TimeSpan.Zero));
        await sender.SendDueAsync(Cancel);
        Assert.Equal(TargetState.Queued, (await PublishingTestApp.TargetsAsync(app.Services, winter)).Single().State);
        clock.SetUtcNow(new DateTimeOffset(2026, 10, 26, 9, 0, 0, TimeSpan.Zero));
        await sender.SendDueAsync(Cancel);
        var second = (await PublishingTestApp.TargetsAsync(app.Services, winter)).Single();
        Assert.Equal(TargetState.Published, second.State);
        Assert.Equal((new DateOnly(2026, 10, 26), new TimeOnly(9, 0)), OfficeSchedule.ToOffice(second.PublishedAt!.Value));
    }

    [Fact]
    public void Local_times_that_do_not_exist_or_happen_twice_are_handled()
    {
        // 28 March 2027: the clocks go forward at 01:00 GMT, so 01:30 never happens.
        Assert.False(OfficeSchedule.TryToUtc(new DateOnly(2027, 3, 28), new TimeOnly(1, 30), out _, out var problem));
        Assert.Contains("clocks go forward", problem, StringComparison.Ordinal);

        // 25 October 2026: 01:30 happens twice; the first, in summer time (00:30 UTC), is meant.
        Assert.True(OfficeSchedule.TryToUtc(new DateOnly(2026, 10, 25), new TimeOnly(1, 30), out var twice, out _));
        Assert.Equal(new DateTime(2026, 10, 25, 0, 30, 0, DateTimeKind.Utc), twice);
    }
}

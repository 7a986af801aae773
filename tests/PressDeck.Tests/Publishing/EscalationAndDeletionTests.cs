using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using netDumbster.smtp;
using PressDeck.Audit;
using PressDeck.Connectors.Demo;
using PressDeck.Data;
using PressDeck.Data.Publishing;
using PressDeck.Publishing;
using PressDeck.Team;
using PressDeck.Tests.Team;

namespace PressDeck.Tests.Publishing;

/// <summary>
/// An unapproved post close to its time is escalated to its approvers, then their deputies, then its author, by email,
/// and still goes out once approved; a published post is deleted only with the permission, and the deletion is audited.
/// </summary>
[Trait("Issue", "6")]
public sealed class EscalationAndDeletionTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_unapproved_post_is_escalated_to_approvers_then_deputies_then_its_author_and_never_expires_silently()
    {
        var port = FreePort();
        using var smtp = SimpleSmtpServer.Start(port);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
        await using var app = await PublishingTestApp.StartAsync(time: clock, extra:
        [
            .. PublishingTestApp.SenderDrivenByTest, "--Email:Host=127.0.0.1", "--Email:Port=" + port.ToString(CultureInfo.InvariantCulture),
            "--Email:Security=None", "--Email:FromAddress=pressdeck@press.example.gov.uk", "--Publishing:EscalateBeforeMinutes=30",
        ]);
        var officer = await TestPeople.CreateAsync(app.Services, Roles.Officer, "officer@press.example.gov.uk", "Olu Officer");
        var deputy = await TestPeople.CreateAsync(app.Services, Roles.Officer, "deputy@press.example.gov.uk", "Dee Deputy");
        var approver = await TestPeople.CreateAsync(app.Services, Roles.Approver, "head@press.example.gov.uk", "Hana Head");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var head = await db.Users.SingleAsync(u => u.Id == approver.Id, Cancel);
            head.DeputyUserId = deputy.Id;
            db.ApprovalPolicies.Add(new ApprovalPolicy { ConnectedAccountId = null, Steps = [new ApprovalStep { Position = 0 }] });
            await db.SaveChangesAsync(Cancel);
        }

        var demo = await PublishingTestApp.DemoAccountAsync(app.Services, officer);
        var due = new DateTime(2026, 11, 26, 11, 0, 0, DateTimeKind.Utc);
        var draftId = await PublishingTestApp.SubmitAsync(app.Services, officer, new DraftContent { Text = "Launch at eleven.", Accounts = [demo], ScheduledFor = due });
        await WaitForEmailsAsync(smtp, 1);
        Assert.Equal(["head@press.example.gov.uk"], smtp.ReceivedEmail.Select(m => m.ToAddresses.Single().Address));
        var notifier = app.Services.GetRequiredService<ApprovalNotifier>();

        clock.SetUtcNow(new DateTimeOffset(due.AddMinutes(-40)));
        Assert.Equal(0, await notifier.EscalateAsync(Cancel));

        clock.SetUtcNow(new DateTimeOffset(due.AddMinutes(-25)));
        Assert.Equal(1, await notifier.EscalateAsync(Cancel));
        await WaitForEmailsAsync(smtp, 2);
        Assert.Equal(["head@press.example.gov.uk"], Recipients(smtp, "still waiting for approval"));
        Assert.Equal(0, await notifier.EscalateAsync(Cancel));

        clock.SetUtcNow(new DateTimeOffset(due.AddMinutes(-10)));
        Assert.Equal(1, await notifier.EscalateAsync(Cancel));
        await WaitForEmailsAsync(smtp, 4);
        Assert.Equal(["deputy@press.example.gov.uk", "head@press.example.gov.uk"], Recipients(smtp, "you are asked as their deputy"));

        clock.SetUtcNow(new DateTimeOffset(due.AddMinutes(1)));
        Assert.Equal(1, await notifier.EscalateAsync(Cancel));
        await WaitForEmailsAsync(smtp, 5);
        Assert.Equal(["officer@press.example.gov.uk"], Recipients(smtp, "has passed and it is still not approved"));

        await using (var scope = await TestPeople.ScopeAsAsync(app.Services, officer))
        {
            var draft = await scope.ServiceProvider.GetRequiredService<DraftService>().GetAsync(draftId, Cancel);
            Assert.Equal(DraftState.AwaitingApproval, draft!.State);
            Assert.Equal(3, draft.Reviews.Count(r => r.Decision == ReviewDecision.Escalated));
        }

        await using (var scope = await TestPeople.ScopeAsAsync(app.Services, approver))
        {
            await scope.ServiceProvider.GetRequiredService<DraftService>().ApproveAsync(draftId, "Late, but right.", null, Cancel);
        }

        await app.Services.GetRequiredService<PostSender>().SendDueAsync(Cancel);
        Assert.Equal(TargetState.Published, (await PublishingTestApp.TargetsAsync(app.Services, draftId)).Single().State);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var escalations = await scope.ServiceProvider.GetRequiredService<AppDbContext>().AuditEntries.CountAsync(e => e.Action == AuditActions.PostEscalated, Cancel);
            Assert.Equal(3, escalations);
        }
    }

    [Fact]
    public async Task A_due_post_that_did_not_go_out_is_emailed_to_its_author_and_its_approver_with_the_reason()
    {
        var port = FreePort();
        using var smtp = SimpleSmtpServer.Start(port);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
        await using var app = await PublishingTestApp.StartAsync(time: clock, extra:
        [
            .. PublishingTestApp.SenderDrivenByTest, "--Email:Host=127.0.0.1", "--Email:Port=" + port.ToString(CultureInfo.InvariantCulture),
            "--Email:Security=None", "--Email:FromAddress=pressdeck@press.example.gov.uk", "--Email:PublicUrl=https://pressdeck.example.gov.uk",
        ]);
        var officer = await TestPeople.CreateAsync(app.Services, Roles.Officer, "officer@press.example.gov.uk", "Olu Officer");
        var approver = await TestPeople.CreateAsync(app.Services, Roles.Approver, "head@press.example.gov.uk", "Hana Head");
        await TestPeople.CreateAsync(app.Services, Roles.Officer, "bystander@press.example.gov.uk", "Bea Bystander");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.ApprovalPolicies.Add(new ApprovalPolicy { ConnectedAccountId = null, Steps = [new ApprovalStep { Position = 0 }] });
            await db.SaveChangesAsync(Cancel);
        }

        var demo = await PublishingTestApp.DemoAccountAsync(app.Services, officer);
        var draftId = await PublishingTestApp.SubmitAsync(app.Services, officer, new DraftContent { Text = "Visit starts at ten.", Accounts = [demo], ScheduledFor = clock.GetUtcNow().UtcDateTime.AddMinutes(60) });
        await using (var scope = await TestPeople.ScopeAsAsync(app.Services, approver))
        {
            await scope.ServiceProvider.GetRequiredService<DraftService>().ApproveAsync(draftId, "", null, Cancel);
        }

        await WaitForEmailsAsync(smtp, 1);
        clock.Advance(TimeSpan.FromHours(3));
        await app.Services.GetRequiredService<PostSender>().SendDueAsync(Cancel);

        Assert.Equal(TargetState.Held, (await PublishingTestApp.TargetsAsync(app.Services, draftId)).Single().State);
        await WaitForEmailsAsync(smtp, 3);
        Assert.Equal(["head@press.example.gov.uk", "officer@press.example.gov.uk"], Recipients(smtp, "has not gone out"));
        var alert = smtp.ReceivedEmail.First(m => Body(m).Contains("has not gone out", StringComparison.Ordinal));
        Assert.StartsWith("Not published on Demo: Visit starts at ten.", alert.Headers["Subject"], StringComparison.Ordinal);
        Assert.Contains("passed while PressDeck was not running", Body(alert), StringComparison.Ordinal);
        Assert.Contains("Visit starts at ten.", Body(alert), StringComparison.Ordinal);
        Assert.Contains("https://pressdeck.example.gov.uk/publishing/sent", Body(alert), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_published_post_is_deleted_only_with_the_permission_and_the_deletion_is_audited()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
        await using var app = await PublishingTestApp.StartAsync(time: clock, extra: PublishingTestApp.SenderDrivenByTest);
        var officer = await TestPeople.CreateAsync(app.Services, Roles.Officer);
        var approver = await TestPeople.CreateAsync(app.Services, Roles.Approver, name: "Hana Head");
        var demo = await PublishingTestApp.DemoAccountAsync(app.Services, officer);
        var draftId = await PublishingTestApp.SubmitAsync(app.Services, officer, new DraftContent { Text = "Posted in error.", Accounts = [demo] });
        await app.Services.GetRequiredService<PostSender>().SendDueAsync(Cancel);
        var published = (await PublishingTestApp.TargetsAsync(app.Services, draftId)).Single();
        Assert.Equal(TargetState.Published, published.State);
        var network = app.Services.GetRequiredService<DemoNetwork>();
        Assert.NotNull(network.FindPublished(published.RequestKey));

        await using (var scope = await TestPeople.ScopeAsAsync(app.Services, officer))
        {
            await Assert.ThrowsAsync<PermissionDeniedException>(() => scope.ServiceProvider.GetRequiredService<DraftService>().DeletePublishedAsync(published.Id, Cancel));
        }

        await using (var scope = await TestPeople.ScopeAsAsync(app.Services, approver))
        {
            await scope.ServiceProvider.GetRequiredService<DraftService>().DeletePublishedAsync(published.Id, Cancel);
        }

        var deleted = (await PublishingTestApp.TargetsAsync(app.Services, draftId)).Single();
        Assert.Equal(TargetState.Deleted, deleted.State);
        Assert.Equal("Hana Head", deleted.DeletedBy);
        Assert.Null(network.FindPublished(published.RequestKey));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var entry = await scope.ServiceProvider.GetRequiredService<AppDbContext>().AuditEntries.SingleAsync(e => e.Action == AuditActions.PostDeleted, Cancel);
            Assert.StartsWith("Hana Head", entry.ActorName, StringComparison.Ordinal);
            Assert.Contains(published.RemoteId!, entry.Details, StringComparison.Ordinal);
            Assert.Contains("Posted in error.", entry.Details, StringComparison.Ordinal);
        }
    }

    private static async Task WaitForEmailsAsync(SimpleSmtpServer smtp, int count)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(20);
        while (smtp.ReceivedEmailCount < count)
        {
            Assert.True(TimeProvider.System.GetUtcNow() < deadline, $"{smtp.ReceivedEmailCount} of {count} emails arrived.");
            await Task.Delay(50, Cancel);
        }
    }

    private static List<string> Recipients(SimpleSmtpServer smtp, string phrase) =>
        smtp.ReceivedEmail.Where(m => Body(m).Contains(phrase, StringComparison.Ordinal)).Select(m => m.ToAddresses.Single().Address).Order(StringComparer.Ordinal).ToList();

    /// <summary>The message's text with quoted-printable soft line breaks undone (long lines are wrapped on the wire).</summary>
    private static string Body(SmtpMessage message) =>
        message.MessageParts[0].BodyData.Replace("=\r\n", "", StringComparison.Ordinal).Replace("=\n", "", StringComparison.Ordinal).ReplaceLineEndings(" ");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PressDeck.Audit;
using PressDeck.Data;
using PressDeck.Data.Identity;
using PressDeck.Lines;
using PressDeck.Publishing;
using PressDeck.Team;
using PressDeck.Tests.Publishing;

namespace PressDeck.Tests.Lines;

/// <summary>
/// Issue 7, lines to take: a line is offered only once another person approved it, and no longer once it expired or was
/// retired; new words need approval again; every step is audited.
/// </summary>
[Trait("Issue", "7")]
public sealed class LineServiceTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_line_is_offered_only_while_approved_and_unexpired_and_rewording_needs_approval_again()
    {
        await using var desk = await ApprovalDesk.StartAsync();
        var officer = await desk.PersonAsync(Roles.Officer, "Sam Officer");
        var approver = await desk.PersonAsync(Roles.Approver, "Ada Approver");
        var form = new LineForm { Topic = "Apprenticeship levy", Text = "The levy funds 300,000 apprenticeships a year.", ExpiresAt = desk.Now.AddDays(2) };

        var id = await Lines(desk, officer, l => l.ProposeAsync(form, Cancel));
        Assert.Empty(await Lines(desk, officer, l => l.OfferAsync(null, Cancel)));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => Lines(desk, officer, async l => { await l.ApproveAsync(id, Cancel); return 0; }));

        await Lines(desk, approver, async l => { await l.ApproveAsync(id, Cancel); return 0; });
        var offered = Assert.Single(await Lines(desk, officer, l => l.OfferAsync("levy", Cancel)));
        Assert.Equal(("The levy funds 300,000 apprenticeships a year.", "Ada Approver"), (offered.Text, offered.ApprovedByName));
        Assert.Empty(await Lines(desk, officer, l => l.OfferAsync("housing", Cancel)));

        // A new expiry keeps the approval; new words need it again.
        await Lines(desk, officer, async l => { await l.UpdateAsync(id, form with { ExpiresAt = desk.Now.AddDays(3) }, Cancel); return 0; });
        Assert.Single(await Lines(desk, officer, l => l.OfferAsync(null, Cancel)));
        await Lines(desk, officer, async l => { await l.UpdateAsync(id, form with { Text = "The levy funds 320,000 apprenticeships a year." }, Cancel); return 0; });
        Assert.Empty(await Lines(desk, officer, l => l.OfferAsync(null, Cancel)));
        await Lines(desk, approver, async l => { await l.ApproveAsync(id, Cancel); return 0; });
        Assert.Single(await Lines(desk, officer, l => l.OfferAsync(null, Cancel)));

        // Expired: no longer offered, still listed for the record.
        desk.Advance(TimeSpan.FromDays(3));
        Assert.Empty(await Lines(desk, officer, l => l.OfferAsync(null, Cancel)));
        Assert.Single(await Lines(desk, officer, l => l.ListAsync(Cancel)));

        await using var scope = desk.Services.CreateAsyncScope();
        var actions = await scope.ServiceProvider.GetRequiredService<AppDbContext>().AuditEntries.Where(e => e.Target.StartsWith($"line {id} ")).Select(e => e.Action).ToListAsync(Cancel);
        Assert.Equal([AuditActions.LineProposed, AuditActions.LineApproved, AuditActions.LineChanged, AuditActions.LineChanged, AuditActions.LineApproved], actions);
    }

    [Fact]
    public async Task Nobody_approves_their_own_line_a_retired_line_is_not_offered_and_bad_lines_are_refused_in_words()
    {
        await using var desk = await ApprovalDesk.StartAsync();
        var head = await desk.PersonAsync(Roles.Approver, "Hana Head");
        var other = await desk.PersonAsync(Roles.Approver, "Ada Approver");
        var id = await Lines(desk, head, l => l.ProposeAsync(new LineForm { Topic = "Flooding", Text = "We are aware and will update shortly.", IsHoldingStatement = true, ExpiresAt = desk.Now.AddHours(6) }, Cancel));

        var own = await Assert.ThrowsAsync<DraftException>(() => Lines(desk, head, async l => { await l.ApproveAsync(id, Cancel); return 0; }));
        Assert.Equal("Nobody approves their own line: another approver must read it.", own.Message);
        await Lines(desk, other, async l => { await l.ApproveAsync(id, Cancel); return 0; });
        Assert.True(Assert.Single(await Lines(desk, head, l => l.OfferAsync(null, Cancel))).IsHoldingStatement);

        await Lines(desk, head, async l => { await l.RetireAsync(id, Cancel); return 0; });
        Assert.Empty(await Lines(desk, head, l => l.OfferAsync(null, Cancel)));

        var past = await Assert.ThrowsAsync<DraftException>(() => Lines(desk, head, l => l.ProposeAsync(new LineForm { Topic = "Old", Text = "Old words.", ExpiresAt = desk.Now.AddMinutes(-1) }, Cancel)));
        Assert.Equal("The expiry must be in the future: a line is offered only until it expires.", past.Message);
        var empty = await Assert.ThrowsAsync<DraftException>(() => Lines(desk, head, l => l.ProposeAsync(new LineForm { Topic = " ", Text = "Words.", ExpiresAt = desk.Now.AddDays(1) }, Cancel)));
        Assert.Equal("Give the line a topic and its words.", empty.Message);
        var forever = await Assert.ThrowsAsync<DraftException>(() => Lines(desk, head, l => l.ProposeAsync(new LineForm { Topic = "Forever", Text = "Words.", ExpiresAt = desk.Now.AddYears(2) }, Cancel)));
        Assert.Contains("a year at most", forever.Message, StringComparison.Ordinal);
        Assert.Single(await Lines(desk, head, l => l.ListAsync(Cancel)));
    }

    private static async Task<T> Lines<T>(ApprovalDesk desk, AppUser person, Func<LineService, Task<T>> action)
    {
        await using var scope = await desk.AsAsync(person);
        return await action(scope.ServiceProvider.GetRequiredService<LineService>());
    }
}

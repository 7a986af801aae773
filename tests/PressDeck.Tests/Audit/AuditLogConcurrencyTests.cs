using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PressDeck.Audit;
using PressDeck.Data;
using PressDeck.Tests.Team;

namespace PressDeck.Tests.Audit;

[Trait("Issue", "5")]
public sealed class AuditLogConcurrencyTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_hundred_writes_at_once_make_two_hundred_entries_in_one_intact_chain()
    {
        await using var app = await TestPeople.StartAppAsync();
        var audit = app.Services.GetRequiredService<AuditLog>();

        await Task.WhenAll(Enumerable.Range(1, 200).Select(i => Task.Run(
            () => audit.WriteAsync(new AuditActor($"person-{i}", $"Person {i}", "127.0.0.1"), AuditActions.PersonChanged, $"setting {i}", $"value {i}"),
            Cancel)));

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var entries = await db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync(Cancel);
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), entries.Select(e => e.Id));
        Assert.Equal(
            Enumerable.Range(1, 200).Select(i => $"setting {i}").Order(StringComparer.Ordinal),
            entries.Select(e => e.Target).Order(StringComparer.Ordinal));
        var verification = await AuditVerifier.VerifyAsync(db, entries[^1].Hash, Cancel);
        Assert.True(verification.IsIntact, verification.Problem?.Description);
        Assert.Equal(200, verification.IntactCount);
    }
}

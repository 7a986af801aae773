using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PressDeck.Audit;
using PressDeck.Data;
using PressDeck.Data.Audit;

namespace PressDeck.Tests.Audit;

/// <summary>The verifier reads the trail in batches: a long trail is checked across every batch boundary.</summary>
[Trait("Issue", "5")]
public sealed class AuditVerifierTests : IAsyncLifetime
{
    private const int Count = (AuditVerifier.BatchSize * 2) + 345;

    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private AppDbContext _db = default!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await _connection.OpenAsync(Cancel);
        _db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite(_connection).Options);
        await _db.Database.EnsureCreatedAsync(Cancel);
        var previous = AuditChain.Genesis;
        var at = new DateTime(2026, 3, 29, 0, 0, 0, DateTimeKind.Utc);
        for (var id = 1; id <= Count; id++)
        {
            var entry = new AuditEntry
            {
                Id = id,
                At = at.AddSeconds(id),
                ActorName = "Sam Lead <lead@press.example.gov.uk>",
                Action = AuditActions.PersonChanged,
                Target = $"setting {id}",
                PreviousHash = previous,
            };
            entry.Hash = AuditChain.HashOf(entry);
            previous = entry.Hash;
            _db.AuditEntries.Add(entry);
        }

        await _db.SaveChangesAsync(Cancel);
        _db.ChangeTracker.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        await _db.DisposeAsync();
        await _connection.DisposeAsync();
    }

    [Fact]
    public async Task A_trail_longer_than_two_batches_is_intact_to_its_last_entry()
    {
        var result = await AuditVerifier.VerifyAsync(_db, null, Cancel);

        Assert.True(result.IsIntact, result.Problem?.Description);
        Assert.Equal(Count, result.IntactCount);
        Assert.Equal(Count, result.LastIntact?.Id);
    }

    [Theory]
    [InlineData(AuditVerifier.BatchSize)]
    [InlineData(AuditVerifier.BatchSize + 1)]
    [InlineData(Count)]
    public async Task A_changed_entry_in_any_batch_is_named_with_the_entries_before_it_intact(long id)
    {
        await _db.AuditEntries.Where(e => e.Id == id).ExecuteUpdateAsync(set => set.SetProperty(e => e.Target, "changed"), Cancel);

        var result = await AuditVerifier.VerifyAsync(_db, null, Cancel);

        Assert.False(result.IsIntact);
        Assert.Equal(id, result.Problem?.EntryId);
        Assert.Equal(id - 1, result.IntactCount);
        Assert.Equal(id - 1, result.LastIntact?.Id);
    }

    [Fact]
    public async Task An_entry_missing_at_a_batch_boundary_is_found()
    {
        await _db.AuditEntries.Where(e => e.Id == AuditVerifier.BatchSize + 1).ExecuteDeleteAsync(Cancel);

        var result = await AuditVerifier.VerifyAsync(_db, null, Cancel);

        Assert.Equal($"entry {AuditVerifier.BatchSize + 1} is missing (the next entry is {AuditVerifier.BatchSize + 2})", result.Problem?.Description);
    }
}

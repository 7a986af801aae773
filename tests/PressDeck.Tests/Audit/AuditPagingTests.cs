using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PressDeck.Audit;
using PressDeck.Data;
using PressDeck.Data.Audit;

namespace PressDeck.Tests.Audit;

/// <summary>The audit page's keyset pages: newest first, every entry once, also under a filter.</summary>
[Trait("Issue", "5")]
public sealed class AuditPagingTests : IAsyncLifetime
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private AppDbContext _db = default!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await _connection.OpenAsync(Cancel);
        _db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite(_connection).Options);
        await _db.Database.EnsureCreatedAsync(Cancel);
        var previous = AuditChain.Genesis;
        for (var id = 1; id <= 120; id++)
        {
            var entry = new AuditEntry
            {
                Id = id,
                At = new DateTime(2026, 11, 26, 9, 0, 0, DateTimeKind.Utc).AddMinutes(id),
                ActorName = id % 3 == 0 ? "Priya Shah <priya@press.example.gov.uk>" : "Sam Lead <lead@press.example.gov.uk>",
                Action = id % 3 == 0 ? AuditActions.SignInFailed : AuditActions.SignIn,
                Target = $"target {id}",
                PreviousHash = previous,
            };
            entry.Hash = AuditChain.HashOf(entry);
            previous = entry.Hash;
            _db.AuditEntries.Add(entry);
        }

        await _db.SaveChangesAsync(Cancel);
    }

    public async ValueTask DisposeAsync()
    {
        await _db.DisposeAsync();
        await _connection.DisposeAsync();
    }

    [Fact]
    public async Task Pages_go_from_the_newest_entry_to_the_oldest_with_each_entry_once()
    {
        var pages = await ReadAllPagesAsync(AuditFilter.None, size: 50);

        Assert.Equal([50, 50, 20], pages.Select(page => page.Entries.Count));
        Assert.Equal(Enumerable.Range(1, 120).Reverse().Select(id => (long)id), pages.SelectMany(page => page.Entries).Select(e => e.Id));
        Assert.Equal([71L, 21L, null], pages.Select(page => page.Older));
    }

    [Fact]
    public async Task A_filter_pages_through_only_the_entries_it_selects()
    {
        Assert.True(AuditFilter.TryParse("PRIYA", AuditActions.SignInFailed, "2026-11-26", "2026-11-26", out var filter, out _));

        var pages = await ReadAllPagesAsync(filter, size: 15);

        Assert.Equal([15, 15, 10], pages.Select(page => page.Entries.Count));
        Assert.Equal(Enumerable.Range(1, 40).Reverse().Select(n => n * 3L), pages.SelectMany(page => page.Entries).Select(e => e.Id));
    }

    [Fact]
    public async Task Exactly_one_page_of_entries_has_no_older_page()
    {
        var page = await AuditFilter.None.ReadPageAsync(_db.AuditEntries.AsNoTracking(), before: 51, size: 50, Cancel);

        Assert.Equal(50, page.Entries.Count);
        Assert.Null(page.Older);
    }

    private async Task<List<AuditEntryPage>> ReadAllPagesAsync(AuditFilter filter, int size)
    {
        var pages = new List<AuditEntryPage>();
        long? before = null;
        do
        {
            var page = await filter.ReadPageAsync(_db.AuditEntries.AsNoTracking(), before, size, Cancel);
            pages.Add(page);
            before = page.Older;
        }
        while (before is not null);

        return pages;
    }
}

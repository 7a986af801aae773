using System.Collections.Frozen;
using Microsoft.EntityFrameworkCore;
using PressDeck.Core.Lists;
using PressDeck.Data;

namespace PressDeck.Monitoring.Lists;

/// <summary>
/// The lists as the query language sees them: a snapshot in memory, swapped whole when a list changes, so matching
/// reads it without locks.
/// </summary>
public sealed class ListDirectory(IServiceScopeFactory scopeFactory) : IListDirectory
{
    private volatile FrozenDictionary<string, FrozenSet<string>> _lists = FrozenDictionary<string, FrozenSet<string>>.Empty;

    public event Action? Changed;

    public IReadOnlyCollection<string> Names => _lists.Keys;

    public bool Exists(string listName) => _lists.ContainsKey(Key(listName));

    public bool Contains(string listName, string handle) =>
        _lists.TryGetValue(Key(listName), out var members) && members.Contains(handle.ToLowerInvariant());

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var lists = await db.Lists.AsNoTracking()
            .Select(l => new { l.NormalizedName, Handles = l.Members.Select(m => m.Handle).ToList() })
            .ToListAsync(cancellationToken);
        _lists = lists.ToFrozenDictionary(l => l.NormalizedName, l => l.Handles.Select(h => h.ToLowerInvariant()).ToFrozenSet(), StringComparer.Ordinal);
        Changed?.Invoke();
    }

    public static string Key(string listName)
    {
        ArgumentNullException.ThrowIfNull(listName);
        return listName.Trim().ToLowerInvariant();
    }
}

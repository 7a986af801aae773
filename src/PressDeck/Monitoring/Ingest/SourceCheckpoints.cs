using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PressDeck.Data;

namespace PressDeck.Monitoring.Ingest;

/// <summary>The resume points that the ingest worker saves for each source once its posts are committed.</summary>
internal static class SourceCheckpoints
{
    /// <summary>The committed resume point of <paramref name="sourceName"/> as a number, or null when it has none yet.</summary>
    public static async Task<long?> ReadNumberAsync(IServiceScopeFactory scopeFactory, string sourceName, CancellationToken cancellationToken) =>
        await ReadTextAsync(scopeFactory, sourceName, cancellationToken) is { } text
        && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var position)
            ? position
            : null;

    /// <summary>The committed resume point of <paramref name="sourceName"/> as stored (an id, a token), or null when it has none yet.</summary>
    public static async Task<string?> ReadTextAsync(IServiceScopeFactory scopeFactory, string sourceName, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var checkpoint = await db.SourceCheckpoints.AsNoTracking().FirstOrDefaultAsync(c => c.SourceName == sourceName, cancellationToken);
        return checkpoint?.Position;
    }
}

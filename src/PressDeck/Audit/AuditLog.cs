using Microsoft.EntityFrameworkCore;
using PressDeck.Data;
using PressDeck.Data.Audit;

namespace PressDeck.Audit;

/// <summary>
/// Appends to the tamper-evident audit trail. Entries are written one at a time under a lock, each linked to the one
/// before by its hash (<see cref="AuditChain"/>), in their own transaction, so an entry is never lost because the
/// request that caused it was cancelled.
/// </summary>
public sealed partial class AuditLog(IServiceScopeFactory scopeFactory, TimeProvider timeProvider, ILogger<AuditLog> logger) : IDisposable
{
    private readonly SemaphoreSlim _writer = new(1, 1);

    public async Task WriteAsync(AuditActor actor, string action, string target, string details = "")
    {
        ArgumentNullException.ThrowIfNull(actor);
        await _writer.WaitAsync(CancellationToken.None);
        try
        {
            await using var scope = scopeFactory.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
            var last = await db.AuditEntries.AsNoTracking()
                .OrderByDescending(e => e.Id)
                .Select(e => new { e.Id, e.Hash })
                .FirstOrDefaultAsync(CancellationToken.None);
            var now = timeProvider.GetUtcNow().UtcDateTime;
            var entry = new AuditEntry
            {
                Id = (last?.Id ?? 0) + 1,
                // Microseconds: what every supported database keeps, so the hash is made from the time as stored.
                At = new DateTime(now.Ticks - (now.Ticks % 10), DateTimeKind.Utc),
                ActorId = Clip(actor.Id, 450),
                ActorName = Clip(actor.Name, 300),
                Action = Clip(action, 100),
                Target = Clip(target, 500),
                Details = Clip(details, 4000),
                IpAddress = Clip(actor.IpAddress, 64),
                PreviousHash = last?.Hash ?? AuditChain.Genesis,
            };
            entry.Hash = AuditChain.HashOf(entry);
            db.AuditEntries.Add(entry);
            await db.SaveChangesAsync(CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
        }
        catch (Exception exception) when (exception is DbUpdateException or InvalidOperationException or IOException)
        {
            // The action itself has happened; say loudly that its record could not be written.
            LogWriteFailed(logger, exception, action, target);
            throw;
        }
        finally
        {
            _writer.Release();
        }
    }

    public void Dispose() => _writer.Dispose();

    private static string Clip(string? value, int length)
    {
        value ??= "";
        return value.Length <= length ? value : value[..(length - 1)] + "…";
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Could not write the audit entry {Action} for {Target}")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string action, string target);
}

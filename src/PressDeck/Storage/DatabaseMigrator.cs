using Microsoft.EntityFrameworkCore;
using PressDeck.Data;

namespace PressDeck.Storage;

/// <summary>
/// Creates and migrates the database before anything else starts (hosted services start in registration order, and
/// this one is registered first), and turns on SQLite's write-ahead log so readers never block the ingest writer.
/// </summary>
internal sealed partial class DatabaseMigrator(IServiceScopeFactory scopeFactory, ILogger<DatabaseMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        LogMigrated(pending.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Database ready ({MigrationCount} migrations applied)")]
    private partial void LogMigrated(int migrationCount);
}

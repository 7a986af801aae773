using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using PressDeck.Connectors.Demo;
using PressDeck.Core.Posts;
using PressDeck.Data.Archive;

namespace PressDeck.Monitoring.Demo;

/// <summary>Purges demo posts older than <see cref="DemoOptions.RetentionDays"/> at start and then every hour.</summary>
internal sealed partial class RetentionWorker(
    IServiceScopeFactory scopeFactory,
    IOptions<DemoOptions> options,
    TimeProvider time,
    ILogger<RetentionWorker> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            do
            {
                try
                {
                    await using var scope = scopeFactory.CreateAsyncScope();
                    var archive = scope.ServiceProvider.GetRequiredService<IPostArchive>();
                    var before = time.GetUtcNow().UtcDateTime.AddDays(-options.Value.RetentionDays);
                    var purged = await archive.PurgeAsync(Network.Demo, before, stoppingToken);
                    if (purged > 0)
                    {
                        LogPurged(purged, options.Value.RetentionDays);
                    }
                }
                catch (SqliteException exception)
                {
                    LogPurgeFailed(exception);
                }
            }
            while (await WaitAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task<bool> WaitAsync(CancellationToken stoppingToken)
    {
        await Task.Delay(Interval, time, stoppingToken);
        return true;
    }

    [LoggerMessage(EventId = 600, Level = LogLevel.Information, Message = "Purged {Count} demo posts older than {Days} days")]
    private partial void LogPurged(int count, int days);

    [LoggerMessage(EventId = 601, Level = LogLevel.Warning, Message = "Could not purge old demo posts; will try again in an hour")]
    private partial void LogPurgeFailed(Exception exception);
}

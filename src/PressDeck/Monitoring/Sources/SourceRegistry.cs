using Microsoft.EntityFrameworkCore;
using PressDeck.Data;
using PressDeck.Data.Ingest;

namespace PressDeck.Monitoring.Sources;

/// <summary>
/// Every source PressDeck runs, for the admin's sources page. Sources register their <see cref="SourceControl"/> when
/// they start (a paused source stays paused across restarts); pausing and resuming are stored, so a restart keeps them.
/// </summary>
public sealed partial class SourceRegistry(IServiceScopeFactory scopeFactory, TimeProvider time, ILogger<SourceRegistry> logger)
{
    private readonly Lock _gate = new();
    private readonly List<SourceControl> _sources = [];

    public event Action? Changed;

    public IReadOnlyList<SourceControl> Sources
    {
        get
        {
            lock (_gate)
            {
                return [.. _sources];
            }
        }
    }

    /// <summary>Adds a source, paused if an admin paused it before the last stop.</summary>
    public async Task RegisterAsync(SourceControl source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        await using (var scope = scopeFactory.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            if (await db.SourcePauses.AsNoTracking().AnyAsync(pause => pause.SourceName == source.Name, cancellationToken))
            {
                source.StartPaused();
            }
        }

        lock (_gate)
        {
            _sources.RemoveAll(existing => existing.Name == source.Name);
            _sources.Add(source);
        }

        Changed?.Invoke();
    }

    /// <summary>Takes away a source that no longer runs (a feed removed); its stored pause goes with it.</summary>
    public async Task UnregisterAsync(string name, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _sources.RemoveAll(existing => existing.Name == name);
        }

        await using (var scope = scopeFactory.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await db.SourcePauses.Where(pause => pause.SourceName == name).ExecuteDeleteAsync(cancellationToken);
        }

        Changed?.Invoke();
    }

    public SourceControl? Find(string name)
    {
        lock (_gate)
        {
            return _sources.FirstOrDefault(source => source.Name == name);
        }
    }

    /// <summary>Pauses a source now and after restarts; false when there is no such source.</summary>
    public async Task<bool> PauseAsync(string name, string pausedBy, CancellationToken cancellationToken)
    {
        if (Find(name) is not { } source)
        {
            return false;
        }

        await using (var scope = scopeFactory.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            if (await db.SourcePauses.FindAsync([name], cancellationToken) is null)
            {
                db.SourcePauses.Add(new SourcePause { SourceName = name, PausedAt = time.GetUtcNow().UtcDateTime, PausedBy = pausedBy });
                await db.SaveChangesAsync(cancellationToken);
            }
        }

        source.Pause();
        LogPaused(name, pausedBy);
        Changed?.Invoke();
        return true;
    }

    public async Task<bool> ResumeAsync(string name, string resumedBy, CancellationToken cancellationToken)
    {
        if (Find(name) is not { } source)
        {
            return false;
        }

        await using (var scope = scopeFactory.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await db.SourcePauses.Where(pause => pause.SourceName == name).ExecuteDeleteAsync(cancellationToken);
        }

        source.Resume();
        LogResumed(name, resumedBy);
        Changed?.Invoke();
        return true;
    }

    [LoggerMessage(EventId = 450, Level = LogLevel.Information, Message = "Source {SourceName} paused by {Person}")]
    private partial void LogPaused(string sourceName, string person);

    [LoggerMessage(EventId = 451, Level = LogLevel.Information, Message = "Source {SourceName} resumed by {Person}")]
    private partial void LogResumed(string sourceName, string person);
}

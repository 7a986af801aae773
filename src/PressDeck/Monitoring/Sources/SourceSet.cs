namespace PressDeck.Monitoring.Sources;

/// <summary>
/// Runs one source per item of a set that people change while PressDeck runs (the news feeds, the connected accounts):
/// each time <see cref="NotifyChanged"/> is called the set is loaded again, sources for items that went are stopped and
/// leave the sources page, and sources for new items start. Items are told apart by their source name.
/// </summary>
internal sealed class SourceSet<T>(
    Func<CancellationToken, Task<IReadOnlyList<T>>> load,
    Func<T, string> sourceName,
    Func<T, CancellationToken, Task> run,
    SourceRegistry sources) : IDisposable
{
    private readonly SemaphoreSlim _changed = new(1);

    public void NotifyChanged() => _changed.Release();

    /// <summary>Keeps the running sources in step with the set until PressDeck stops.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var running = new Dictionary<string, (CancellationTokenSource Stop, Task Task)>(StringComparer.Ordinal);
        try
        {
            while (true)
            {
                await _changed.WaitAsync(stoppingToken);
                while (_changed.CurrentCount > 0)
                {
                    await _changed.WaitAsync(stoppingToken);
                }

                var items = (await load(stoppingToken)).ToDictionary(sourceName, StringComparer.Ordinal);
                foreach (var gone in running.Keys.Where(name => !items.ContainsKey(name)).ToList())
                {
                    await running[gone].Stop.CancelAsync();
                    await running[gone].Task;
                    running[gone].Stop.Dispose();
                    running.Remove(gone);
                    await sources.UnregisterAsync(gone, stoppingToken);
                }

                foreach (var (name, item) in items.Where(item => !running.ContainsKey(item.Key)))
                {
                    var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                    running[name] = (stop, run(item, stop.Token));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await Task.WhenAll(running.Values.Select(source => source.Task));
            foreach (var source in running.Values)
            {
                source.Stop.Dispose();
            }
        }
    }

    public void Dispose() => _changed.Dispose();
}

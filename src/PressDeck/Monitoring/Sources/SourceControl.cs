using PressDeck.Connectors;
using PressDeck.Core.Posts;

namespace PressDeck.Monitoring.Sources;

/// <summary>
/// One source as the admin page sees and steers it: its name, what it is, its state, and a pause switch. The source
/// runs its work through <see cref="RunAsync"/>, which stops the work when paused and starts it again (from the stored
/// resume point) when resumed. Thread-safe.
/// </summary>
public sealed class SourceControl : IDisposable
{
    private readonly Func<SourceState>? _state;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private CancellationTokenSource _running = new();
    private TaskCompletionSource _resumed = NewSignal();
    private bool _isPaused;
    private bool _isRunning;
    private SourceState? _fault;
    private DateTimeOffset _since;

    public SourceControl(string name, string title, Network network, TimeProvider time, Func<SourceState>? state = null)
    {
        Name = name;
        Title = title;
        Network = network;
        _time = time;
        _state = state;
        _since = time.GetUtcNow();
    }

    /// <summary>The source's stable name (also the key of its resume point).</summary>
    public string Name { get; }

    /// <summary>What the admin page calls it, e.g. "Bluesky firehose (Jetstream)".</summary>
    public string Title { get; }

    public Network Network { get; }

    public bool IsPaused
    {
        get
        {
            lock (_gate)
            {
                return _isPaused;
            }
        }
    }

    /// <summary>The state now: paused, stopped, or what the source's client reports (connected when it reports nothing).</summary>
    public SourceState State
    {
        get
        {
            lock (_gate)
            {
                if (_isPaused)
                {
                    return new SourceState(SourceActivity.Paused, _since);
                }

                if (_fault is { } fault)
                {
                    return fault;
                }

                if (!_isRunning)
                {
                    return new SourceState(SourceActivity.Stopped, _since);
                }
            }

            return _state?.Invoke() ?? new SourceState(SourceActivity.Connected, _since);
        }
    }

    /// <summary>How long a source waits before starting again after its work failed unexpectedly.</summary>
    public static readonly TimeSpan RestartAfterFault = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Runs <paramref name="work"/> until PressDeck stops: while paused it waits; a pause cancels the work's token, and a
    /// resume runs it again; when PressDeck stops, it returns. <paramref name="work"/> should return only when its token
    /// is cancelled. A fault in the work (or the work ending by itself) never reaches PressDeck, which would stop it: it
    /// is handed to <paramref name="onFault"/>, shown as the source's state, and the work starts again after
    /// <see cref="RestartAfterFault"/>, from the source's stored resume point.
    /// </summary>
    public async Task RunAsync(Func<CancellationToken, Task> work, CancellationToken stoppingToken, Action<Exception>? onFault = null)
    {
        ArgumentNullException.ThrowIfNull(work);
        while (!stoppingToken.IsCancellationRequested)
        {
            Task resumed;
            CancellationToken pauseToken;
            lock (_gate)
            {
                resumed = _resumed.Task;
                pauseToken = _running.Token;
            }

            if (IsPaused)
            {
                try
                {
                    await resumed.WaitAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }

                continue;
            }

            using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, pauseToken);
            SetRunning(true);
            try
            {
                await work(linked.Token).ConfigureAwait(false);
                if (!linked.IsCancellationRequested)
                {
                    throw new InvalidOperationException("the source stopped by itself");
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (OperationCanceledException) when (pauseToken.IsCancellationRequested)
            {
                // Paused: wait above until resumed.
            }
            catch (Exception exception) when (!linked.IsCancellationRequested)
            {
                onFault?.Invoke(exception);
                lock (_gate)
                {
                    _fault = new SourceState(SourceActivity.Reconnecting, _time.GetUtcNow(), exception.Message, _time.GetUtcNow() + RestartAfterFault);
                }

                await Task.Delay(RestartAfterFault, _time, linked.Token).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
                lock (_gate)
                {
                    _fault = null;
                }
            }
            finally
            {
                SetRunning(false);
            }
        }
    }

    /// <summary>Marks the source paused before it starts (a pause stored from an earlier run).</summary>
    public void StartPaused()
    {
        lock (_gate)
        {
            _isPaused = true;
            _since = _time.GetUtcNow();
        }
    }

    public void Pause()
    {
        CancellationTokenSource running;
        lock (_gate)
        {
            if (_isPaused)
            {
                return;
            }

            _isPaused = true;
            _since = _time.GetUtcNow();
            running = _running;
            _running = new CancellationTokenSource();
        }

        // Not disposed: the running work may still be looking at its token.
        running.Cancel();
    }

    public void Resume()
    {
        TaskCompletionSource resumed;
        lock (_gate)
        {
            if (!_isPaused)
            {
                return;
            }

            _isPaused = false;
            _since = _time.GetUtcNow();
            resumed = _resumed;
            _resumed = NewSignal();
        }

        resumed.TrySetResult();
    }

    private void SetRunning(bool isRunning)
    {
        lock (_gate)
        {
            _isRunning = isRunning;
            _since = _time.GetUtcNow();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _running.Dispose();
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

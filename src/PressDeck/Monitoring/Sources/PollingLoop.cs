using PressDeck.Connectors;
using PressDeck.Connectors.Net;

namespace PressDeck.Monitoring.Sources;

/// <summary>
/// Polls a network's REST endpoint at a steady interval for a source, and keeps the source's state: connected while
/// polls succeed; reconnecting with the error and the next try after a failure, backing off with jitter; rate limited
/// until the time the network named. Used by the sources that have no stream (notifications, mentions).
/// </summary>
internal sealed class PollingLoop(TimeProvider time, TimeSpan interval)
{
    private static readonly TimeSpan InitialBackoff = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MaximumBackoff = TimeSpan.FromMinutes(10);

    private SourceState _state = new(SourceActivity.Connecting, time.GetUtcNow());

    public SourceState State => Volatile.Read(ref _state);

    /// <summary>Runs <paramref name="poll"/> until cancelled; <paramref name="requestedWait"/> reads how long a failure asked to wait.</summary>
    public async Task RunAsync(Func<CancellationToken, Task> poll, Func<Exception, TimeSpan?> requestedWait, CancellationToken cancellationToken)
    {
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                await poll(cancellationToken);
                failures = 0;
                if (State.Activity != SourceActivity.Connected)
                {
                    Volatile.Write(ref _state, new SourceState(SourceActivity.Connected, time.GetUtcNow()));
                }

                wait = interval;
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                failures++;
                var asked = requestedWait(exception);
                wait = asked ?? RetryDelay.Backoff(InitialBackoff, MaximumBackoff, failures);
                var now = time.GetUtcNow();
                Volatile.Write(ref _state, asked is not null
                    ? new SourceState(SourceActivity.RateLimited, now, exception.Message, now + wait)
                    : new SourceState(SourceActivity.Reconnecting, now, exception.Message, now + wait));
            }

            await Task.Delay(wait, time, cancellationToken);
        }
    }
}

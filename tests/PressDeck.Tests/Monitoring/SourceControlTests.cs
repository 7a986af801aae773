using Microsoft.Extensions.Time.Testing;
using PressDeck.Connectors;
using PressDeck.Core.Posts;
using PressDeck.Monitoring.Sources;

namespace PressDeck.Tests.Monitoring;

/// <summary>Issue 4: a source that misbehaves never stops PressDeck; it shows its fault and starts again by itself.</summary>
[Trait("Issue", "4")]
public sealed class SourceControlTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_fault_shows_as_reconnecting_with_the_error_and_the_work_starts_again_after_the_pause()
    {
        var time = new FakeTimeProvider(Start);
        using var control = new SourceControl("s", "A source", Network.Demo, time);
        using var stop = new CancellationTokenSource();
        var runs = 0;
        var faults = new List<Exception>();
        var running = control.RunAsync(
            async token =>
            {
                if (Interlocked.Increment(ref runs) == 1)
                {
                    throw new InvalidOperationException("the socket caught fire");
                }

                await Task.Delay(Timeout.InfiniteTimeSpan, time, token);
            },
            stop.Token,
            faults.Add);

        await WaitUntilAsync(() => control.State.Activity == SourceActivity.Reconnecting);
        Assert.Equal("the socket caught fire", control.State.LastError);
        Assert.Equal(Start + SourceControl.RestartAfterFault, control.State.RetryAt);
        Assert.Single(faults);

        time.Advance(SourceControl.RestartAfterFault);
        await WaitUntilAsync(() => Volatile.Read(ref runs) == 2 && control.State.Activity == SourceActivity.Connected);

        control.Pause();
        Assert.Equal(SourceActivity.Paused, control.State.Activity);
        control.Resume();
        await WaitUntilAsync(() => Volatile.Read(ref runs) == 3 && control.State.Activity == SourceActivity.Connected);

        await stop.CancelAsync();
        await running;
        Assert.Equal(SourceActivity.Stopped, control.State.Activity);
    }

    [Fact]
    public async Task Work_that_ends_by_itself_is_a_fault_and_starts_again()
    {
        var time = new FakeTimeProvider(Start);
        using var control = new SourceControl("s", "A source", Network.Demo, time);
        using var stop = new CancellationTokenSource();
        var runs = 0;
        var running = control.RunAsync(_ => Task.FromResult(Interlocked.Increment(ref runs)), stop.Token);

        await WaitUntilAsync(() => control.State.Activity == SourceActivity.Reconnecting);
        Assert.Equal("the source stopped by itself", control.State.LastError);
        time.Advance(SourceControl.RestartAfterFault);
        await WaitUntilAsync(() => Volatile.Read(ref runs) == 2);

        await stop.CancelAsync();
        await running;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}

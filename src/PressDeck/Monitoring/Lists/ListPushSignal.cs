namespace PressDeck.Monitoring.Lists;

/// <summary>Wakes the list pusher at once when a push becomes due (chosen, changed, or asked for again).</summary>
public sealed class ListPushSignal
{
    private TaskCompletionSource _wake = NewWake();

    public Task NextWake() => Volatile.Read(ref _wake).Task;

    public void Wake() => Interlocked.Exchange(ref _wake, NewWake()).TrySetResult();

    private static TaskCompletionSource NewWake() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

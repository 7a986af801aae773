namespace PressDeck;

/// <summary>
/// Wakes a background worker at once instead of at its next tick: the worker awaits <see cref="NextWake"/> (taken before
/// it looks for work, so no wake is missed) and whoever makes work due calls <see cref="Wake"/>.
/// </summary>
public abstract class WakeSignal
{
    private TaskCompletionSource _wake = NewWake();

    public Task NextWake() => Volatile.Read(ref _wake).Task;

    public void Wake() => Interlocked.Exchange(ref _wake, NewWake()).TrySetResult();

    private static TaskCompletionSource NewWake() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

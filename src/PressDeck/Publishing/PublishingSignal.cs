namespace PressDeck.Publishing;

/// <summary>Wakes the publishing worker at once when a post becomes due now (approved, sent again by a person).</summary>
public sealed class PublishingSignal
{
    private TaskCompletionSource _wake = NewWake();

    public Task NextWake() => Volatile.Read(ref _wake).Task;

    public void Wake() => Interlocked.Exchange(ref _wake, NewWake()).TrySetResult();

    private static TaskCompletionSource NewWake() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

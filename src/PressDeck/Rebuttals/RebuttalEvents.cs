namespace PressDeck.Rebuttals;

/// <summary>Tells open pages at once when a case changes (a colleague's step, the response published, a new reading of its spread).</summary>
public sealed class RebuttalEvents
{
    public event Action<int>? Changed;

    public void NotifyChanged(int rebuttalId) => Changed?.Invoke(rebuttalId);
}

namespace PressDeck.Accounts;

/// <summary>Tells the sources that follow connected accounts that accounts were connected or removed.</summary>
public sealed class ConnectedAccountDirectory
{
    public event Action? Changed;

    public void NotifyChanged() => Changed?.Invoke();
}

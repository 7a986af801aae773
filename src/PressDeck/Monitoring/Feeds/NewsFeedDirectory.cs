namespace PressDeck.Monitoring.Feeds;

/// <summary>Tells the feeds source that feeds were added or removed, so it starts or stops polling them at once.</summary>
public sealed class NewsFeedDirectory
{
    public event Action? Changed;

    public void NotifyChanged() => Changed?.Invoke();
}

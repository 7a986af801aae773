namespace PressDeck.Monitoring.Feeds;

/// <summary>A news feed as the sources page shows it.</summary>
public sealed record NewsFeedView(int Id, string Url, string Handle, string Title, int PollMinutes, DateTime AddedAt, string AddedBy)
{
    /// <summary>The name of the feed's source (its resume point and its row on the sources page).</summary>
    public string SourceName => FeedSourceNames.For(Id);
}

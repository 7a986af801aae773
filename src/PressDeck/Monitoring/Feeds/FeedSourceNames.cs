namespace PressDeck.Monitoring.Feeds;

/// <summary>Each feed is its own source, named after its id.</summary>
internal static class FeedSourceNames
{
    public static string For(int feedId) => "feed:" + feedId.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

namespace PressDeck.Connectors.Demo;

/// <summary>
/// The demo network's simulation of how far a post spreads: reposts, quotes and replies that grow quickly in the first
/// hour and level off, by an amount fixed by the post's id (the same post always spreads the same way). A claim that
/// the office corrects spreads widely; the office's own response reaches fewer people, as corrections do.
/// </summary>
public static class DemoSpread
{
    /// <summary>The counts <paramref name="elapsed"/> after the post was written.</summary>
    public static (int Reposts, int Quotes, int Replies) At(string remoteId, TimeSpan elapsed, bool isOfficeResponse)
    {
        ArgumentNullException.ThrowIfNull(remoteId);
        var hash = Fnv(remoteId);
        var peak = isOfficeResponse ? 40 + (int)(hash % 120) : 150 + (int)(hash % 850);
        var minutes = Math.Max(0, elapsed.TotalMinutes);
        var timeConstant = 25 + (int)((hash >> 10) % 50);
        var reached = peak * (1 - Math.Exp(-minutes / timeConstant));
        var quotes = (int)(reached * (0.08 + ((hash >> 20) % 8 / 100.0)));
        var replies = (int)(reached * (0.18 + ((hash >> 24) % 10 / 100.0)));
        return ((int)reached - quotes - replies, quotes, replies);
    }

    /// <summary>FNV-1a: stable across processes, unlike <see cref="string.GetHashCode()"/>.</summary>
    private static uint Fnv(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }
}

using PressDeck.Core.Posts;

namespace PressDeck.Monitoring.Backfill;

/// <summary>
/// One search that fills a new column with recent posts: the words, phrases, hashtags and accounts it must contain, as
/// the networks' search boxes take them, and the networks it is for (null: every network).
/// </summary>
public sealed record BackfillSearch(string Text, IReadOnlySet<Network>? Networks)
{
    public bool IsFor(Network network) => Networks is null || Networks.Contains(network);

    /// <summary>How the search reads in the logs: its text, and its networks when it is for some only.</summary>
    public override string ToString() => Networks is null ? Text : $"{Text} ({string.Join(", ", Networks)})";
}

using PressDeck.Core.Posts;

namespace PressDeck.Monitoring.Lists;

/// <summary>An office account whose lists can be read, or that can own a pushed list: a connected account, or the demo office (null id).</summary>
public sealed record ListAccountChoice(Network Network, int? ConnectedAccountId, string Handle)
{
    public string Label => $"@{Handle} on {Network}";
}

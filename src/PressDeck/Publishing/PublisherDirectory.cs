using PressDeck.Core.Posts;
using PressDeck.Core.Publishing;

namespace PressDeck.Publishing;

/// <summary>The publisher of each network.</summary>
public sealed class PublisherDirectory(IEnumerable<IPostPublisher> publishers)
{
    private readonly Dictionary<Network, IPostPublisher> _byNetwork = publishers.ToDictionary(p => p.Network);

    public IPostPublisher? For(Network network) => _byNetwork.GetValueOrDefault(network);

    public bool CanPublishTo(Network network) => _byNetwork.ContainsKey(network);

    /// <summary>
    /// True when sending the same request again cannot create a second post: the network deduplicates by our key
    /// (Bluesky record key, Mastodon Idempotency-Key, the demo network's request id). X has no such key, so a post
    /// whose outcome is unknown there is looked for and otherwise held for a person.
    /// </summary>
    public static bool ResendIsSafe(Network network) => network != Network.X;
}

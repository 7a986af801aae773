using PressDeck.Core.Lists;
using PressDeck.Core.Posts;

namespace PressDeck.Monitoring.Lists;

/// <summary>The networks whose lists PressDeck can import and push, one <see cref="INetworkLists"/> each.</summary>
public sealed class NetworkListDirectory(IEnumerable<INetworkLists> networks)
{
    private readonly Dictionary<Network, INetworkLists> _byNetwork = networks.ToDictionary(n => n.Network);

    public IReadOnlyCollection<Network> Networks => _byNetwork.Keys;

    public INetworkLists? For(Network network) => _byNetwork.GetValueOrDefault(network);
}

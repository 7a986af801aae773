using PressDeck.Core.Posts;
using PressDeck.Core.Query;

namespace PressDeck.Monitoring.Deck;

/// <summary>
/// The training sandbox is the demo network: a trainee's columns match only its posts, whatever their query says, so
/// nothing a trainee watches or practises on comes from (or leads to) a real network.
/// </summary>
public static class Sandbox
{
    public static QueryNode Restrict(QueryNode query) => new AndNode([query, new NetworkNode(Network.Demo)]);
}

using PressDeck.Core.Posts;

namespace PressDeck.Monitoring.Lists;

/// <summary>What becomes public when a list is pushed to a network, in the words the person must agree to.</summary>
public static class ListPushWarnings
{
    public static string For(Network network, string listName, string accountHandle, bool isPrivate) => network switch
    {
        Network.Bluesky =>
            $"Bluesky lists are public. Anyone can see the list “{listName}”, everyone on it, and that @{accountHandle} made it; "
            + "each person added can see they are on it.",
        Network.X when isPrivate =>
            $"The list “{listName}” will be private on X: only @{accountHandle} sees it and its members. "
            + "X can still show a person which private lists they are on when they ask X for their data.",
        Network.X =>
            $"X lists are public unless made private. Anyone can see the list “{listName}”, everyone on it, and that @{accountHandle} owns it; "
            + "each person added is told by X.",
        Network.Mastodon =>
            $"A Mastodon list makes @{accountHandle} follow every member, in public: each person sees the office follow them, "
            + $"and the account's list of follows shows them all. The list itself is seen only by @{accountHandle}. "
            + "Stopping the push leaves the follows as they are.",
        _ =>
            $"Demo lists behave like Bluesky's: anyone on the demo network can see the list “{listName}”, everyone on it, "
            + $"and that @{accountHandle} made it. Nothing leaves PressDeck.",
    };
}

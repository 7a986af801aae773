namespace PressDeck.Monitoring.Lists;

public sealed class ListPushOptions
{
    public const string Section = "Lists";

    /// <summary>Whether this node pushes lists to the networks in the background (any number of nodes may; each push is claimed by one).</summary>
    public bool PushOnThisNode { get; set; } = true;
}

namespace PressDeck.Rebuttals;

public sealed class RebuttalOptions
{
    public const string Section = "Rebuttals";

    /// <summary>Whether this node reads the spread of watched posts in the background (any number of nodes may; each case is claimed by one).</summary>
    public bool TrackOnThisNode { get; set; } = true;
}

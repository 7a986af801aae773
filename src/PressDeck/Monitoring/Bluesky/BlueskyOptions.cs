namespace PressDeck.Monitoring.Bluesky;

/// <summary>Whether PressDeck follows Bluesky; how is <see cref="Connectors.Bluesky.JetstreamOptions"/> (section <c>Bluesky:Jetstream</c>).</summary>
public sealed class BlueskyOptions
{
    public const string Section = "Bluesky";

    /// <summary>Off by default: the demo network needs no account and no internet.</summary>
    public bool Enabled { get; set; }
}

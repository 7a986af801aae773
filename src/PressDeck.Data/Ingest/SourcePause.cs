namespace PressDeck.Data.Ingest;

/// <summary>A source an admin paused; it stays paused across restarts until resumed (the row is then removed).</summary>
public sealed class SourcePause
{
    public string SourceName { get; set; } = "";

    public DateTime PausedAt { get; set; }

    /// <summary>The name of the person who paused it.</summary>
    public string PausedBy { get; set; } = "";
}

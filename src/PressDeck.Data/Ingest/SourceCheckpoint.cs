namespace PressDeck.Data.Ingest;

/// <summary>
/// Where a source resumes after a restart (Jetstream cursor, Mastodon since_id, feed ETag). It only advances past
/// posts already committed to the archive, so a crash replays a little and the archive's unique key drops duplicates.
/// </summary>
public sealed class SourceCheckpoint
{
    public string SourceName { get; set; } = "";

    public string Position { get; set; } = "";

    public DateTime UpdatedAt { get; set; }
}

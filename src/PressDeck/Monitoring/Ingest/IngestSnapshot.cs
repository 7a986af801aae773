namespace PressDeck.Monitoring.Ingest;

/// <summary>What the ingest page shows: totals since start, the rate over the last minute, lag and queue depth.</summary>
public sealed record IngestSnapshot(
    long Received,
    long Stored,
    long Duplicates,
    long Dropped,
    long Truncated,
    long Deleted,
    double PostsPerSecond,
    TimeSpan Lag,
    DateTimeOffset? LastCommitAt,
    int QueueDepth,
    int QueueCapacity,
    string? LastError);

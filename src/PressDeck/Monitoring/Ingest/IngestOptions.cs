using System.ComponentModel.DataAnnotations;

namespace PressDeck.Monitoring.Ingest;

public sealed class IngestOptions
{
    public const string Section = "Ingest";

    /// <summary>Items the queue between sources and the archive holds before sources are made to wait (back-pressure).</summary>
    [Range(100, 1_000_000)]
    public int QueueCapacity { get; set; } = 20_000;

    /// <summary>Most posts committed to the archive in one transaction.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 1_000;
}

using System.ComponentModel.DataAnnotations;

namespace PressDeck.Connectors.Feeds;

/// <summary>How PressDeck polls feeds (protocols.md 4.4). Section <c>Feeds:Polling</c>.</summary>
public sealed class FeedPollerOptions
{
    public const string Section = "Feeds:Polling";

    /// <summary>No feed is polled more often than this, whatever its subscription says.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan MinimumInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A feed's <c>ttl</c> or <c>max-age</c> never delays the next poll by more than this.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan MaximumInterval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>How long one fetch may take, headers and body together (a server that hangs is left after this).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Larger responses are refused while they are read, never buffered whole.</summary>
    [Range(1024, FeedDocumentParser.MaxDocumentBytes)]
    public int MaxResponseBytes { get; set; } = FeedDocumentParser.MaxDocumentBytes;

    [Range(0, 10)]
    public int MaxRedirects { get; set; } = 5;

    /// <summary>The first wait after a failed poll; it doubles per consecutive failure, up to <see cref="MaximumBackoff"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMinutes(1);

    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan MaximumBackoff { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How many delivered item ids the resume point remembers (at least every item of the current document).</summary>
    [Range(10, 100_000)]
    public int RememberedItems { get; set; } = 1000;

    [Required]
    public string UserAgent { get; set; } = "PressDeck/1.0 (press office feed monitor)";
}

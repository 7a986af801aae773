using System.ComponentModel.DataAnnotations;

namespace PressDeck.Connectors.Bluesky;

/// <summary>How PressDeck follows Bluesky's Jetstream firehose (protocols.md 1.12).</summary>
public sealed class JetstreamOptions
{
    public const string Section = "Bluesky:Jetstream";

    /// <summary>The Jetstream instance (ws:// or wss://), without the <c>/subscribe</c> path.</summary>
    [Required]
    public Uri Url { get; set; } = new("wss://jetstream2.us-east.bsky.network");

    /// <summary>No frame for this long means the connection is dead (Jetstream sends no heartbeat frames).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan ReadTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>On reconnecting, resume this far before the last event read (delivery is at-least-once; duplicates are dropped).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan Rewind { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The first wait before reconnecting; it doubles after each failed attempt, up to <see cref="MaximumBackoff"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan MaximumBackoff { get; set; } = TimeSpan.FromSeconds(60);
}

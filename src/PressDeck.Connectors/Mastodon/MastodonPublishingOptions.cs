using System.ComponentModel.DataAnnotations;

namespace PressDeck.Connectors.Mastodon;

/// <summary>How long <see cref="MastodonPublisher"/> waits for a Mastodon server (protocols.md 2.2 and 2.3).</summary>
public sealed class MastodonPublishingOptions
{
    public const string Section = "Mastodon:Publishing";

    /// <summary>How long one request may take, headers and body (an image upload included).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long an image the server accepted for processing (202) may take to become ready before the post is given up
    /// as a transient failure; its status is polled every <see cref="MediaPollInterval"/> meanwhile.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan MediaProcessingTimeout { get; set; } = TimeSpan.FromSeconds(60);

    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan MediaPollInterval { get; set; } = TimeSpan.FromSeconds(1);
}

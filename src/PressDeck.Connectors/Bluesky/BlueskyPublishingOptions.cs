using System.ComponentModel.DataAnnotations;

namespace PressDeck.Connectors.Bluesky;

/// <summary>How long <see cref="BlueskyPublisher"/> waits for an account's Bluesky server (protocols.md 1.2).</summary>
public sealed class BlueskyPublishingOptions
{
    public const string Section = "Bluesky:Publishing";

    /// <summary>How long one XRPC request may take, headers and body (an image upload included).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a handle that resolved to a DID is trusted for mentions before it is resolved again.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan HandleCacheDuration { get; set; } = TimeSpan.FromHours(1);
}

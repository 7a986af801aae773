using System.ComponentModel.DataAnnotations;

namespace PressDeck.Connectors.Bluesky;

/// <summary>The Bluesky AppView that public, unauthenticated reads go to (protocols.md 1.1).</summary>
public sealed class AppViewOptions
{
    public const string Section = "Bluesky:AppView";

    [Required]
    public Uri Url { get; set; } = new("https://public.api.bsky.app");

    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}

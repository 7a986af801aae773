using System.ComponentModel.DataAnnotations;

namespace PressDeck.Connectors.Mastodon;

/// <summary>How a timeline is polled over REST where the server offers no streaming (protocols.md 2.5, 2.6).</summary>
public sealed class MastodonPollOptions
{
    public const string Section = "Mastodon:Polling";

    /// <summary>The wait between polls (the default 300 requests per 5 minutes per token leaves room for many timelines).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Statuses per page (the timelines' maximum is 40).</summary>
    [Range(1, 40)]
    public int PageLimit { get; set; } = 40;

    /// <summary>Pages one poll may follow before it waits for the next; the rest comes next time, from where it stopped.</summary>
    [Range(1, 100)]
    public int MaxPagesPerPoll { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(5);

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan MaximumBackoff { get; set; } = TimeSpan.FromMinutes(5);
}

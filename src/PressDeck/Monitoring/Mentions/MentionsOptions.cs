using System.ComponentModel.DataAnnotations;

namespace PressDeck.Monitoring.Mentions;

/// <summary>How often the office's Bluesky notifications and X mentions are read (section <c>Mentions</c>).</summary>
public sealed class MentionsOptions
{
    public const string Section = "Mentions";

    /// <summary>X allows 180 mention reads in 15 minutes per user; once a minute keeps well within it.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);
}

using System.ComponentModel.DataAnnotations;

namespace PressDeck.Inbox;

public sealed class InboxOptions
{
    public const string Section = "Inbox";

    /// <summary>A post older than this when it arrives (a backfill of last week's mentions) is not put in the inbox.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "3650.00:00:00")]
    public TimeSpan MaxAgeOnArrival { get; set; } = TimeSpan.FromDays(2);

    /// <summary>How often response targets and journalists' deadlines are checked.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(30);
}

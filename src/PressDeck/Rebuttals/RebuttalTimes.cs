namespace PressDeck.Rebuttals;

/// <summary>Spans as the rebuttal pages show them.</summary>
public static class RebuttalTimes
{
    /// <summary>"45 s", "12 min", "2 h 5 min", "3 d 4 h".</summary>
    public static string Format(TimeSpan span) => Inbox.InboxService.FormatDuration(span);
}

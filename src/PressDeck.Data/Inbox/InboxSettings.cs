namespace PressDeck.Data.Inbox;

/// <summary>The office's inbox settings (one row): how fast it means to answer, and how early to warn.</summary>
public sealed class InboxSettings
{
    public const int DefaultResponseTargetMinutes = 60;

    public const int DefaultWarnBeforeMinutes = 15;

    public int Id { get; set; }

    public int ResponseTargetMinutes { get; set; } = DefaultResponseTargetMinutes;

    public int WarnBeforeMinutes { get; set; } = DefaultWarnBeforeMinutes;
}

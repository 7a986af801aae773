using PressDeck.Data.Inbox;

namespace PressDeck.Inbox;

/// <summary>An enquiry that came by phone or email, as the officer who took it logs it.</summary>
public sealed record EnquiryForm
{
    public InboxItemKind Channel { get; init; } = InboxItemKind.Phone;

    public string Name { get; init; } = "";

    /// <summary>How to reach them: a phone number or an email address.</summary>
    public string Contact { get; init; } = "";

    public string Outlet { get; init; } = "";

    public string Topic { get; init; } = "";

    public string Question { get; init; } = "";

    /// <summary>When they asked (UTC); now when not given.</summary>
    public DateTime? AskedAt { get; init; }

    /// <summary>Their deadline (UTC), if they gave one.</summary>
    public DateTime? Deadline { get; init; }
}

/// <summary>The media-enquiry details of an item: outlet, topic, the journalist's deadline and the agreed line.</summary>
public sealed record EnquiryDetails(string Outlet, string Topic, DateTime? Deadline, int? LineToTakeId);

/// <summary>A routing rule as an admin writes it.</summary>
public sealed record InboxRuleForm(string Name, string Query, int? DeskId, string? AssignUserId, string? Topic);

/// <summary>Which items the inbox shows.</summary>
public enum InboxFilter
{
    /// <summary>Everything not yet answered or closed.</summary>
    Open,

    /// <summary>Open items given to me.</summary>
    Mine,

    /// <summary>Open items nobody has taken.</summary>
    Unassigned,

    /// <summary>Answered or closed, newest first.</summary>
    Closed,
}

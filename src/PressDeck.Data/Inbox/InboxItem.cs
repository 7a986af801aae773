using PressDeck.Core.Posts;

namespace PressDeck.Data.Inbox;

/// <summary>
/// One question or comment to the office that someone should look at: a mention of, reply to or quote of one of the
/// office's accounts on a network, or an enquiry that came by phone or email and was logged by hand. It is a media
/// enquiry, not a support ticket: it carries the journalist's outlet, the topic, their deadline and the agreed line.
/// </summary>
public sealed class InboxItem
{
    public int Id { get; set; }

    public InboxItemKind Kind { get; set; }

    /// <summary>The network the post is on; null for an enquiry logged by hand.</summary>
    public Network? Network { get; set; }

    /// <summary>The post's id on its network; unique with <see cref="Network"/>, so a post lands once.</summary>
    public string? RemoteId { get; set; }

    /// <summary>The office account the post was addressed to (its handle), or the channel's own words for a logged enquiry.</summary>
    public string OfficeHandle { get; set; } = "";

    /// <summary>Who asked: the author's handle, or how to reach the person for a logged enquiry (email or phone).</summary>
    public string FromHandle { get; set; } = "";

    public string FromName { get; set; } = "";

    /// <summary>The question as it was asked (the post's text, or the officer's summary of a call or email).</summary>
    public string Text { get; set; } = "";

    public string? Url { get; set; }

    /// <summary>When the post was written or the call or email came in.</summary>
    public DateTime AskedAt { get; set; }

    /// <summary>When PressDeck took it in: the response timer runs from here.</summary>
    public DateTime ArrivedAt { get; set; }

    public InboxStatus Status { get; set; }

    public string? AssignedUserId { get; set; }

    public string? AssignedName { get; set; }

    public DateTime? AssignedAt { get; set; }

    /// <summary>The desk the item was routed to, if a routing rule sent it to one.</summary>
    public int? DeskId { get; set; }

    /// <summary>The rule that routed it, by name (shown so people know why it came to them).</summary>
    public string? RoutedBy { get; set; }

    /// <summary>The office lists the author is on (comma-separated names), empty when none: such items are marked and can come first.</summary>
    public string ListNames { get; set; } = "";

    public string Outlet { get; set; } = "";

    public string Topic { get; set; } = "";

    /// <summary>The journalist's own deadline, when they gave one.</summary>
    public DateTime? Deadline { get; set; }

    /// <summary>The agreed line to take for the answer, if one was chosen.</summary>
    public int? LineToTakeId { get; set; }

    public DateTime? AnsweredAt { get; set; }

    public string? AnsweredByName { get; set; }

    /// <summary>From arrival to answer, in seconds; recorded when the item is answered.</summary>
    public long? ResponseSeconds { get; set; }

    /// <summary>The published reply that answered it, if it was answered on the network.</summary>
    public string? AnswerUrl { get; set; }

    /// <summary>When PressDeck warned that the response target was about to be missed (once per item).</summary>
    public DateTime? TargetWarningSentAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public List<InboxLogEntry> Log { get; set; } = [];

    public bool IsOpen => Status is InboxStatus.New or InboxStatus.InProgress;
}

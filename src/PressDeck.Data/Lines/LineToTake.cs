namespace PressDeck.Data.Lines;

/// <summary>
/// An approved line to take, or a holding statement, that an officer inserts into a reply or a rebuttal: its topic,
/// its words, who approved it and until when it may be used. A line is offered only while approved, not retired and
/// not expired.
/// </summary>
public sealed class LineToTake
{
    public int Id { get; set; }

    public string Topic { get; set; } = "";

    public string Text { get; set; } = "";

    /// <summary>A holding statement (to buy time) rather than a line on the substance.</summary>
    public bool IsHoldingStatement { get; set; }

    /// <summary>When it stops being offered (UTC).</summary>
    public DateTime ExpiresAt { get; set; }

    public string ProposedByUserId { get; set; } = "";

    public string ProposedByName { get; set; } = "";

    public DateTime ProposedAt { get; set; }

    /// <summary>Null while it waits for an approver (and again after its words change).</summary>
    public string? ApprovedByUserId { get; set; }

    public string? ApprovedByName { get; set; }

    public DateTime? ApprovedAt { get; set; }

    /// <summary>Withdrawn before it expired (overtaken by events); kept for the record.</summary>
    public DateTime? RetiredAt { get; set; }

    public string? RetiredByName { get; set; }
}

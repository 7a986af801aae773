namespace PressDeck.Data.Visits;

/// <summary>One post in the plan's sequence, drafted in advance and fired on the day.</summary>
public sealed class VisitPlanItem
{
    public int Id { get; set; }

    public int PlanId { get; set; }

    public int Position { get; set; }

    /// <summary>A short name for the moment, e.g. "Arrival at the college".</summary>
    public string Moment { get; set; } = "";

    public string Text { get; set; } = "";

    /// <summary>When in the day it is expected to go (UTC), as a guide; it goes when fired.</summary>
    public DateTime? PlannedAt { get; set; }

    /// <summary>Whether a photo taken on the day is expected with it.</summary>
    public bool PhotoSlot { get; set; }

    /// <summary>What the photo should show, e.g. "Minister with the apprentices".</summary>
    public string PhotoNote { get; set; } = "";

    /// <summary>The text as the approver approved it; a post fired with exactly this text needs no further approval.</summary>
    public string? ApprovedText { get; set; }

    /// <summary>The post made from this item (created when a photo is added or when it is fired).</summary>
    public int? DraftId { get; set; }

    public DateTime? FiredAt { get; set; }

    public string? FiredByName { get; set; }
}

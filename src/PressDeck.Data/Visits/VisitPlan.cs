namespace PressDeck.Data.Visits;

/// <summary>
/// A minister's visit or a launch prepared in advance: its hashtag, the accounts it is covered from, a sequence of
/// drafted posts (with photo slots) and approved quotes, the contacts to brief before it, and, once approved, the posts
/// an officer fires one click at a time on the day.
/// </summary>
public sealed class VisitPlan
{
    public int Id { get; set; }

    public string Title { get; set; } = "";

    /// <summary>The event hashtag without <c>#</c>, e.g. <c>SkillsBill</c>.</summary>
    public string Hashtag { get; set; } = "";

    public string Place { get; set; } = "";

    /// <summary>When the visit starts (UTC).</summary>
    public DateTime StartsAt { get; set; }

    /// <summary>When it ends (UTC); results are counted up to a day after it.</summary>
    public DateTime? EndsAt { get; set; }

    public string Notes { get; set; } = "";

    public VisitPlanState State { get; set; }

    public string CreatedByUserId { get; set; } = "";

    public string CreatedByName { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public string? ApprovedByUserId { get; set; }

    public string? ApprovedByName { get; set; }

    public DateTime? ApprovedAt { get; set; }

    /// <summary>What the approver said when sending the plan back.</summary>
    public string? SentBackComment { get; set; }

    public List<VisitPlanAccount> Accounts { get; set; } = [];

    public List<VisitPlanItem> Items { get; set; } = [];

    public List<VisitPlanQuote> Quotes { get; set; } = [];

    public List<VisitPlanContact> Contacts { get; set; } = [];
}

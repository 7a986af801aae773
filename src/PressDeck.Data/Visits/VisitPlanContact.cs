namespace PressDeck.Data.Visits;

/// <summary>Someone to brief before the launch (a journalist, a stakeholder, a partner account), and when they were briefed.</summary>
public sealed class VisitPlanContact
{
    public int Id { get; set; }

    public int PlanId { get; set; }

    public string Name { get; set; } = "";

    public string Outlet { get; set; } = "";

    /// <summary>Their handle on a network, e.g. <c>@ft_reporter</c>.</summary>
    public string Handle { get; set; } = "";

    /// <summary>When they should be briefed by (UTC).</summary>
    public DateTime? BriefBy { get; set; }

    public DateTime? BriefedAt { get; set; }

    public string? BriefedByName { get; set; }

    public string Notes { get; set; } = "";
}

using PressDeck.Data.Visits;

namespace PressDeck.Publishing.Visits;

/// <summary>What the plan's header holds: the event, its hashtag, where and when, and the accounts covering it.</summary>
public sealed record VisitPlanForm
{
    public string Title { get; init; } = "";

    /// <summary>The hashtag, with or without <c>#</c>.</summary>
    public string Hashtag { get; init; } = "";

    public string Place { get; init; } = "";

    /// <summary>When it starts (UTC).</summary>
    public DateTime StartsAt { get; init; }

    public DateTime? EndsAt { get; init; }

    public string Notes { get; init; } = "";

    public IReadOnlyList<AccountChoice> Accounts { get; init; } = [];
}

/// <summary>One post of the sequence as the planner writes it.</summary>
public sealed record VisitItemForm
{
    public string Moment { get; init; } = "";

    public string Text { get; init; } = "";

    public DateTime? PlannedAt { get; init; }

    public bool PhotoSlot { get; init; }

    public string PhotoNote { get; init; } = "";
}

/// <summary>Someone to brief before the launch.</summary>
public sealed record VisitContactForm
{
    public string Name { get; init; } = "";

    public string Outlet { get; init; } = "";

    public string Handle { get; init; } = "";

    public DateTime? BriefBy { get; init; }

    public string Notes { get; init; } = "";
}

/// <summary>What happened when an item was fired: the problems that stopped it (empty when it was submitted), and where it went.</summary>
public sealed record VisitFireResult(IReadOnlyList<string> Problems, bool WentStraightOut, int? DraftId)
{
    public bool Fired => Problems.Count == 0;
}

/// <summary>A visit afterwards: each post and where it went, and how the event was received in the archive.</summary>
public sealed record VisitResults(IReadOnlyList<VisitItemResult> Items, IReadOnlyList<VisitReception> Reception, DateTime From, DateTime To);

public sealed record VisitItemResult(VisitPlanItem Item, IReadOnlyList<Data.Publishing.DraftTarget> Targets);

/// <summary>One measure of reception: a name, the query it counts (so a person can open it as a column), and the count.</summary>
public sealed record VisitReception(string Measure, string Query, int Count, bool AtLeast);

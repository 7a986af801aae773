namespace PressDeck.Publishing;

/// <summary>
/// What a draft needs before it goes out, from the policies of all its accounts together: the approval steps in order,
/// whether an urgent post may go first and be reviewed after, and the propriety checks that apply.
/// </summary>
public sealed record ApprovalPlan(IReadOnlyList<PlannedStep> Steps, bool GoesFirst, string? ElectionPeriod, bool AsksAboutParliament)
{
    public string Summary => Steps.Count == 0
        ? "no approval needed"
        : (GoesFirst ? "urgent: goes out first, reviewed after by " : "needs ") + string.Join(", then ", Steps.Select(s => s.Describe()))
            + (ElectionPeriod is { } period ? $" (election period: {period})" : "");
}

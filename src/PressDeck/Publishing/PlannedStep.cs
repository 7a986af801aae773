namespace PressDeck.Publishing;

/// <summary>One approval step: any approver, or any or all of a named group.</summary>
public sealed record PlannedStep(int? GroupId, string GroupName, bool RequiresAll)
{
    public string Describe() => GroupId is null ? "any approver" : (RequiresAll ? "all of " : "one of ") + GroupName;
}

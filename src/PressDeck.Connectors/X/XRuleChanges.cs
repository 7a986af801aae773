namespace PressDeck.Connectors.X;

/// <summary>What must change on X for its rules to be the wanted ones: rules to add, PressDeck rules to delete, and the ones already right.</summary>
public sealed record XRuleChanges(IReadOnlyList<XRule> ToAdd, IReadOnlyList<XStreamRule> ToDelete, IReadOnlyList<XStreamRule> Kept)
{
    public bool IsEmpty => ToAdd.Count == 0 && ToDelete.Count == 0;
}

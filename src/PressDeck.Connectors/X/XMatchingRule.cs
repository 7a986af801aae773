namespace PressDeck.Connectors.X;

/// <summary>A stream rule that matched a delivered post (<c>matching_rules[]</c>); the tag says which queries it serves (<see cref="XRuleTag"/>).</summary>
public sealed record XMatchingRule(string Id, string? Tag);

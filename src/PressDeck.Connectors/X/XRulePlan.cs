namespace PressDeck.Connectors.X;

/// <summary>The stream rules that serve a set of standing queries within a tier's limits, and what became of each query.</summary>
public sealed record XRulePlan(IReadOnlyList<XRule> Rules, IReadOnlyList<XQueryTranslation> Queries);

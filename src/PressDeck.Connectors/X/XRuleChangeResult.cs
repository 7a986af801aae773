namespace PressDeck.Connectors.X;

/// <summary>
/// What X did with an add or delete of rules: the rules it created (with ids; validated only, with a dry run), how
/// many it deleted, and the problems it reported per rule (<c>duplicate-rules</c>, <c>invalid-rules</c>, <c>rule-cap</c>).
/// </summary>
public sealed record XRuleChangeResult(IReadOnlyList<XStreamRule> Created, int Deleted, IReadOnlyList<XProblem> Problems);

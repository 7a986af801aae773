namespace PressDeck.Connectors.X;

/// <summary>
/// What became of one standing query: the outcome, the rule values that serve it (one, or several when it was split
/// at its top-level ORs to fit the rule length), what could not be translated, and why it was refused.
/// </summary>
public sealed record XQueryTranslation(string QueryId, XTranslationOutcome Outcome, IReadOnlyList<string> RuleValues, IReadOnlyList<string> Notes, string? Reason = null);

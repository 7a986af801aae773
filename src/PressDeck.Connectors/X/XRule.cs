namespace PressDeck.Connectors.X;

/// <summary>A stream rule PressDeck wants: its value in X's rule syntax (protocols.md 3.4) and its tag (<see cref="XRuleTag"/>).</summary>
public sealed record XRule(string Value, string Tag);

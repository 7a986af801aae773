namespace PressDeck.Connectors.X;

/// <summary>A stream rule as X holds it, with the id X gave it.</summary>
public sealed record XStreamRule(string Id, string Value, string? Tag);

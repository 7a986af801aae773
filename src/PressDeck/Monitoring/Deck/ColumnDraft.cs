namespace PressDeck.Monitoring.Deck;

/// <summary>What the column editor submits: a name, the query, and the simple-field form it was written from (if any).</summary>
public sealed record ColumnDraft(string Name, string Query, string Kind = "search", string? FormJson = null);

using PressDeck.Core.Query;

namespace PressDeck.Monitoring.Deck;

/// <summary>A saved column, or the error that stopped it being saved.</summary>
public sealed record ColumnSaveResult(ColumnView? Column, QueryError? Error);

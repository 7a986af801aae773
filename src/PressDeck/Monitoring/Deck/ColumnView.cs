using PressDeck.Data.Decks;

namespace PressDeck.Monitoring.Deck;

public sealed record ColumnView(int Id, string Name, string Query, string Kind, ColumnWidth Width, bool IsCollapsed, string? FormJson);

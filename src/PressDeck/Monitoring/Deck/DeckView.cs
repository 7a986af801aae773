namespace PressDeck.Monitoring.Deck;

public sealed record DeckView(int Id, string Name, IReadOnlyList<ColumnView> Columns);

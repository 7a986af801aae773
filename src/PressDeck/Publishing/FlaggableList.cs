namespace PressDeck.Publishing;

public sealed record FlaggableList(int Id, string Name, bool IsFlagged);

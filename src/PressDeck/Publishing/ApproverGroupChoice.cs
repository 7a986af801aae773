namespace PressDeck.Publishing;

public sealed record ApproverGroupChoice(int Id, string Name);

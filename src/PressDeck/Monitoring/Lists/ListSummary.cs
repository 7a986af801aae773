namespace PressDeck.Monitoring.Lists;

public sealed record ListSummary(int Id, string Name, string Description, int MemberCount);

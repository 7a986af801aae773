using PressDeck.Core.Posts;

namespace PressDeck.Monitoring.Lists;

public sealed record ListMemberView(int Id, string PersonName, Network Network, string Handle, string? Note);

using PressDeck.Core.Posts;

namespace PressDeck.Monitoring.Lists;

/// <summary>One account on a list, joined to the contacts directory by its handle (<paramref name="ContactId"/> null when the handle is not in Contacts).</summary>
public sealed record ListMemberView(int Id, string PersonName, Network Network, string Handle, string? Note, int? ContactId = null, string? Outlet = null);

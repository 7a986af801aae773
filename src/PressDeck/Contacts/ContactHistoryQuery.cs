using PressDeck.Core.Posts;

namespace PressDeck.Contacts;

/// <summary>What a <see cref="IContactHistorySource"/> is asked: the contact, its handles, and how much history.</summary>
/// <param name="Since">Only entries at or after this instant (UTC), when given.</param>
/// <param name="Limit">At most this many entries, the newest.</param>
public sealed record ContactHistoryQuery(int ContactId, IReadOnlyList<(Network Network, string Handle)> Handles, DateTime? Since, int Limit);

namespace PressDeck.Core.Lists;

/// <summary>A list on a network.</summary>
/// <param name="Id">The network's id: the list's AT-URI (Bluesky), the list id (Mastodon, X).</param>
/// <param name="Url">Where a person can open it, when the network has a web address for it.</param>
/// <param name="MemberCount">How many members the network says it has, when it says.</param>
/// <param name="IsPrivate">X's private flag; Bluesky lists are always public (false); Mastodon lists are only the owner's (true).</param>
public sealed record RemoteList(string Id, string Name, string Description, string OwnerHandle, Uri? Url, int? MemberCount, bool IsPrivate);

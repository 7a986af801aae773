namespace PressDeck.Core.Lists;

/// <summary>One account on a network's list.</summary>
/// <param name="RemoteId">The network's id for the account: a DID (Bluesky), an account id (Mastodon, X).</param>
/// <param name="Handle">Lower case, no <c>@</c>: <c>alice.bsky.social</c>, <c>user</c> or <c>user@server</c> (Mastodon, as the archive stores it), <c>username</c> (X).</param>
/// <param name="MembershipId">The membership record's id where the network needs it to remove the member (Bluesky's listitem AT-URI); null elsewhere.</param>
public sealed record RemoteListMember(string RemoteId, string Handle, string DisplayName, string? MembershipId = null);

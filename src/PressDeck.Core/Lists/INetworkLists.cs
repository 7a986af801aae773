using PressDeck.Core.Posts;
using PressDeck.Core.Publishing;

namespace PressDeck.Core.Lists;

/// <summary>
/// A network's own lists, read to import one into PressDeck and written when the office opts in to pushing a PressDeck
/// list to the network. Every method either succeeds or throws <see cref="NetworkListException"/> with the network's own
/// words; nothing is retried on its own. Handles are lower case without a leading <c>@</c>, as the archive stores them.
/// </summary>
public interface INetworkLists
{
    Network Network { get; }

    /// <summary>The lists the account owns (curation lists only on Bluesky), at most 1,000.</summary>
    Task<IReadOnlyList<RemoteList>> GetOwnListsAsync(PublishingAccount account, CancellationToken cancellationToken);

    /// <summary>
    /// The list a person pasted or typed: a list address as the network's web app shows it (a <c>bsky.app/profile/…/lists/…</c>
    /// or <c>at://…/app.bsky.graph.list/…</c> address, an <c>x.com/i/lists/…</c> address) or the list's id. Null when the text is not a
    /// list address of this network or the list does not exist.
    /// </summary>
    Task<RemoteList?> FindListAsync(PublishingAccount account, string addressOrId, CancellationToken cancellationToken);

    /// <summary>Every member of the list, following the network's pages, up to <paramref name="max"/>.</summary>
    Task<IReadOnlyList<RemoteListMember>> GetMembersAsync(PublishingAccount account, string listId, int max, CancellationToken cancellationToken);

    /// <summary>Creates a list owned by the account and returns it. <paramref name="isPrivate"/> is honoured where the network has private lists (X).</summary>
    Task<RemoteList> CreateListAsync(PublishingAccount account, string name, string description, bool isPrivate, CancellationToken cancellationToken);

    /// <summary>The network's account for a handle, or null when there is none.</summary>
    Task<RemoteListMember?> ResolveAsync(PublishingAccount account, string handle, CancellationToken cancellationToken);

    /// <summary>
    /// Puts the account on the list. On Mastodon the office's account follows the member first, as the server requires.
    /// Adding one already on the list succeeds.
    /// </summary>
    Task AddMemberAsync(PublishingAccount account, string listId, RemoteListMember member, CancellationToken cancellationToken);

    /// <summary>Takes the account off the list. Removing one who is not on it succeeds. Mastodon's follow is left as it is.</summary>
    Task RemoveMemberAsync(PublishingAccount account, string listId, RemoteListMember member, CancellationToken cancellationToken);
}

using PressDeck.Core.Lists;
using PressDeck.Core.Posts;
using PressDeck.Core.Query;

namespace PressDeck.Data.Archive;

/// <summary>
/// The archive of every post seen: unique on network + remote id, with a full-text index of the token stream that
/// Core's normaliser produces, so archive search and live matching agree. One implementation per database provider.
/// </summary>
public interface IPostArchive
{
    /// <summary>
    /// Stores the posts that are not stored yet, in one transaction, and returns only those (with their ids). A post
    /// already stored that comes again with a later <see cref="Post.EditedAt"/> replaces it; the earlier version is kept
    /// in <see cref="PostVersion"/> and the post is returned with <see cref="StoredPost.IsEdit"/>. Deleted posts stay deleted.
    /// </summary>
    Task<IReadOnlyList<StoredPost>> AddAsync(IReadOnlyList<ArchiveEntry> entries, CancellationToken cancellationToken);

    /// <summary>
    /// Hides the posts their networks say were deleted and removes their text, earlier versions and index entries from
    /// the archive (snapshots that rebuttals or enquiries took as evidence are theirs and stay). Returns the archive ids
    /// of the posts that were visible until now; posts never stored are ignored.
    /// </summary>
    Task<IReadOnlyList<long>> DeleteAsync(IReadOnlyList<PostKey> posts, DateTime deletedAt, CancellationToken cancellationToken);

    /// <summary>The earlier versions of an edited post, oldest first.</summary>
    Task<IReadOnlyList<PostVersion>> GetVersionsAsync(long postId, CancellationToken cancellationToken);

    /// <summary>Posts matching <paramref name="query"/> (all posts when null), newest first, within the date range.</summary>
    Task<ArchiveSearchPage> SearchAsync(ArchiveSearch search, IListDirectory lists, CancellationToken cancellationToken);

    /// <summary>How many posts are stored and visible (deleted posts are not counted).</summary>
    Task<int> CountAsync(CancellationToken cancellationToken);

    /// <summary>How many posts the search matches, counting no further than <paramref name="limit"/>.</summary>
    Task<int> CountMatchesAsync(ArchiveSearch search, IListDirectory lists, int limit, CancellationToken cancellationToken);

    /// <summary>Deletes the posts of <paramref name="network"/> created before <paramref name="before"/>, text index included.</summary>
    Task<int> PurgeAsync(Network network, DateTime before, CancellationToken cancellationToken);
}

using PressDeck.Core.Posts;

namespace PressDeck.Core.Publishing;

/// <summary>
/// Publishes posts to one network. Every method either succeeds or throws <see cref="PublishException"/> saying whether
/// retrying is safe; implementations never retry a request whose outcome is unknown on their own.
/// </summary>
public interface IPostPublisher
{
    Network Network { get; }

    /// <summary>Uploads the images (with their alt text) and creates the post. Sending the same <see cref="OutgoingPost.RequestKey"/> again never creates a second post where the network allows it to be prevented.</summary>
    Task<PublishedPost> PublishAsync(PublishingAccount account, OutgoingPost post, CancellationToken cancellationToken);

    /// <summary>
    /// Looks on the network for <paramref name="post"/> after an attempt whose outcome is unknown: the record with its key
    /// (Bluesky), or the account's own recent posts since <see cref="OutgoingPost.CreatedAt"/> with the same text (X).
    /// Null when it is certainly not there.
    /// </summary>
    Task<PublishedPost?> FindPublishedAsync(PublishingAccount account, OutgoingPost post, CancellationToken cancellationToken);

    /// <summary>Deletes a post the office published. Deleting one that is already gone succeeds.</summary>
    Task DeleteAsync(PublishingAccount account, string remoteId, CancellationToken cancellationToken);
}

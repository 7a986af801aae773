using PressDeck.Core.Posts;
using PressDeck.Core.Publishing;

namespace PressDeck.Connectors.Demo;

/// <summary>
/// Publishes to the demo network: the post joins the simulated world's stream and reaches the deck like any other, and
/// nothing leaves the process. The request key is the demo network's request id, so a post is never published twice,
/// even when it is sent again after a restart. A repost carries the original's content, as the network's own reposts do.
/// </summary>
public sealed class DemoPublisher(DemoNetwork network, IDemoMediaStore media) : IPostPublisher
{
    public Network Network => Network.Demo;

    public async Task<PublishedPost> PublishAsync(PublishingAccount account, OutgoingPost post, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(post);
        if (post.RepostProblem() is { } problem)
        {
            throw new PublishException(PublishFailureKind.Refused, problem);
        }

        if (post.RepostOf is { } repostOf)
        {
            return await RepostAsync(account, post, repostOf, cancellationToken);
        }

        if (post.Images.Any(image => string.IsNullOrWhiteSpace(image.AltText)))
        {
            throw new PublishException(PublishFailureKind.Refused, "Every image needs a description (alt text) before it is published.");
        }

        var items = new List<MediaItem>(post.Images.Count);
        foreach (var image in post.Images)
        {
            items.Add(new MediaItem(MediaType.Image, await media.SaveAsync(image.Content, image.MediaType, cancellationToken), image.AltText));
        }

        var outgoing = new Post
        {
            Network = Network.Demo,
            RemoteId = post.RequestKey,
            Author = AuthorFor(account),
            Text = post.Text,
            CreatedAt = post.CreatedAt,
            Kind = post.Quote is not null ? PostKind.Quote : post.ReplyTo is not null ? PostKind.Reply : PostKind.Post,
            ReplyToHandle = post.ReplyTo is { } reply ? network.AuthorOf(reply.RemoteId) : null,
            QuoteOfId = post.Quote?.RemoteId,
            Languages = post.Language is { } language ? [language] : [],
            Media = items,
        };
        var published = await network.PublishAsync(outgoing, cancellationToken);
        return new PublishedPost(published.RemoteId, published.Url, published.CreatedAt);
    }

    /// <summary>
    /// A repost as the demo network's own reposts are made (<see cref="DemoPostFactory.Create"/>): the original's text,
    /// entities and media, with the office as author and the original's author as <see cref="Post.RepostOfHandle"/>.
    /// </summary>
    private async Task<PublishedPost> RepostAsync(PublishingAccount account, OutgoingPost post, PostReference repostOf, CancellationToken cancellationToken)
    {
        var original = network.Find(repostOf.RemoteId)
            ?? throw new PublishException(PublishFailureKind.Refused, $"The post to repost ({repostOf.RemoteId}) is not on the demo network any more.");
        var repost = original with
        {
            RemoteId = post.RequestKey,
            Author = AuthorFor(account),
            CreatedAt = post.CreatedAt,
            Kind = PostKind.Repost,
            Url = null,
            ReplyToHandle = null,
            QuoteOfId = null,
            RepostOfHandle = original.Author.Handle,
            EditedAt = null,
        };
        var published = await network.PublishAsync(repost, cancellationToken);
        return new PublishedPost(published.RemoteId, published.Url, published.CreatedAt);
    }

    private Author AuthorFor(PublishingAccount account)
    {
        var office = network.World.OfficeAccount;
        return string.Equals(account.Handle, office.Handle, StringComparison.OrdinalIgnoreCase) ? office.Author : new Author(account.Handle, account.Handle);
    }

    public Task<PublishedPost?> FindPublishedAsync(PublishingAccount account, OutgoingPost post, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(network.FindPublished(post.RequestKey) is { } found ? new PublishedPost(found.RemoteId, found.Url, found.CreatedAt) : null);
    }

    public Task DeleteAsync(PublishingAccount account, string remoteId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(remoteId);
        cancellationToken.ThrowIfCancellationRequested();
        network.Delete(remoteId);
        return Task.CompletedTask;
    }
}

using PressDeck.Core.Posts;
using PressDeck.Core.Publishing;

namespace PressDeck.Connectors.Demo;

/// <summary>
/// Publishes to the demo network: the post joins the simulated world's stream and reaches the deck like any other, and
/// nothing leaves the process. The request key is the demo network's request id, so a post is never published twice,
/// even when it is sent again after a restart.
/// </summary>
public sealed class DemoPublisher(DemoNetwork network, IDemoMediaStore media) : IPostPublisher
{
    public Network Network => Network.Demo;

    public async Task<PublishedPost> PublishAsync(PublishingAccount account, OutgoingPost post, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(post);
        if (post.Images.Any(image => string.IsNullOrWhiteSpace(image.AltText)))
        {
            throw new PublishException(PublishFailureKind.Refused, "Every image needs a description (alt text) before it is published.");
        }

        var items = new List<MediaItem>(post.Images.Count);
        foreach (var image in post.Images)
        {
            items.Add(new MediaItem(MediaType.Image, await media.SaveAsync(image.Content, image.MediaType, cancellationToken), image.AltText));
        }

        var office = network.World.OfficeAccount;
        var author = string.Equals(account.Handle, office.Handle, StringComparison.OrdinalIgnoreCase) ? office.Author : new Author(account.Handle, account.Handle);
        var outgoing = new Post
        {
            Network = Network.Demo,
            RemoteId = post.RequestKey,
            Author = author,
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

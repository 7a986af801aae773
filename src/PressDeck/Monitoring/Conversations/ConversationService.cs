using Microsoft.Extensions.Options;
using PressDeck.Accounts;
using PressDeck.Connectors.Bluesky;
using PressDeck.Connectors.Mastodon;
using PressDeck.Connectors.X;
using PressDeck.Core.Posts;

namespace PressDeck.Monitoring.Conversations;

/// <summary>
/// Fetches the conversation around a post from its network, so an officer sees what a question replies to before
/// answering it: Bluesky's <c>getPostThread</c> (public), the Mastodon context through the office's connected Mastodon
/// account (its server finds the post by its URI), and X's conversation search with the app bearer token.
/// </summary>
public sealed class ConversationService(
    BlueskyAppViewClient bluesky,
    IBlueskyHandles handles,
    XApiClient x,
    IOptions<XOptions> xOptions,
    ConnectedAccountService accounts,
    IHttpClientFactory httpClients,
    TimeProvider time)
{
    /// <summary>Pages of X's conversation search read at most (100 posts a page).</summary>
    private const int XPages = 2;

    public static bool IsAvailableFor(Network network) => network is Network.Bluesky or Network.Mastodon or Network.X;

    public async Task<Conversation> GetAsync(Post post, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        try
        {
            return post.Network switch
            {
                Network.Bluesky => await BlueskyAsync(post, cancellationToken),
                Network.Mastodon => await MastodonAsync(post, cancellationToken),
                Network.X => await XAsync(post, cancellationToken),
                Network.Rss => Conversation.Unavailable("News feed items have no conversation; open the article to read the comments."),
                _ => Conversation.Unavailable("Demo posts have no conversation to fetch."),
            };
        }
        catch (HttpRequestException exception)
        {
            return Conversation.Unavailable($"The conversation could not be fetched: {exception.Message.TrimEnd('.')}.");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Conversation.Unavailable("The network did not answer in time; try again in a moment.");
        }
    }

    private async Task<Conversation> BlueskyAsync(Post post, CancellationToken cancellationToken)
    {
        if (!AtUri.TryParse(post.RemoteId, out var uri))
        {
            return Conversation.Unavailable("This post has no Bluesky address to look up.");
        }

        var posts = await bluesky.GetPostThreadAsync(uri!, handles, cancellationToken);
        return Focus(posts, post);
    }

    private async Task<Conversation> MastodonAsync(Post post, CancellationToken cancellationToken)
    {
        var connected = await accounts.CredentialsAsync(Network.Mastodon, cancellationToken);
        if (connected.Count == 0)
        {
            return Conversation.Unavailable("Connect the office's Mastodon account on the sources page to see Mastodon conversations.");
        }

        var account = connected[0];
        var api = new MastodonApiClient(
            httpClients.CreateClient(AccountVerifier.TypedAddressClient),
            new MastodonServerOptions { BaseUrl = account.Server, AccessToken = account.Secret },
            time);
        if (await api.ResolveStatusAsync(post.RemoteId, cancellationToken) is not { } status)
        {
            return Conversation.Unavailable($"{account.Server.Host} cannot find this post; it may have been deleted.");
        }

        var context = await api.GetContextAsync(status.Id, cancellationToken);
        return Focus([.. context.Ancestors.Select(item => item.Post), status.Post, .. context.Descendants.Select(item => item.Post)], post);
    }

    private async Task<Conversation> XAsync(Post post, CancellationToken cancellationToken)
    {
        if (XBearerToken.FromOptions(xOptions.Value) is not { } token)
        {
            return Conversation.Unavailable("X is not configured (X:BearerToken), so X conversations cannot be fetched.");
        }

        var result = await x.GetConversationAsync(post.RemoteId, XPages, token, cancellationToken);
        return Focus([.. result.Posts.OrderBy(item => item.CreatedAt)], post);
    }

    private static Conversation Focus(IReadOnlyList<Post> posts, Post post)
    {
        var index = posts.ToList().FindIndex(item => item.RemoteId == post.RemoteId);
        return index >= 0 ? new Conversation(posts, index) : new Conversation([.. posts, post], posts.Count);
    }
}

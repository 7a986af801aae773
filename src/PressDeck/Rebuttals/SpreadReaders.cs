using Microsoft.Extensions.Options;
using PressDeck.Accounts;
using PressDeck.Connectors.Bluesky;
using PressDeck.Connectors.Demo;
using PressDeck.Connectors.Mastodon;
using PressDeck.Connectors.X;
using PressDeck.Core.Posts;

namespace PressDeck.Rebuttals;

/// <summary>How far a post has spread, as its network counts it.</summary>
public sealed record SpreadReading(int Reposts, int Quotes, int Replies);

/// <summary>Reads a post's spread on one network. Each read is one request, so the tracker keeps within the network's limits.</summary>
public interface ISpreadReader
{
    Network Network { get; }

    /// <summary>The counts now, or null when the network cannot say (the post is gone, or the network is not reachable).</summary>
    Task<SpreadReading?> ReadAsync(string remoteId, DateTime postedAt, bool isOfficeResponse, CancellationToken cancellationToken);
}

/// <summary>The demo network simulates the spread (<see cref="DemoSpread"/>), so the whole RESIST flow can be practised.</summary>
public sealed class DemoSpreadReader(TimeProvider time) : ISpreadReader
{
    public Network Network => Network.Demo;

    public Task<SpreadReading?> ReadAsync(string remoteId, DateTime postedAt, bool isOfficeResponse, CancellationToken cancellationToken)
    {
        var (reposts, quotes, replies) = DemoSpread.At(remoteId, time.GetUtcNow().UtcDateTime - postedAt, isOfficeResponse);
        return Task.FromResult<SpreadReading?>(new SpreadReading(reposts, quotes, replies));
    }
}

/// <summary>Bluesky: the public AppView's counts for the post (<c>app.bsky.feed.getPosts</c>), one request per reading.</summary>
public sealed class BlueskySpreadReader(BlueskyAppViewClient appView) : ISpreadReader
{
    public Network Network => Network.Bluesky;

    public async Task<SpreadReading?> ReadAsync(string remoteId, DateTime postedAt, bool isOfficeResponse, CancellationToken cancellationToken) =>
        AtUri.TryParse(remoteId, out var uri) && await appView.GetCountsAsync(uri!, cancellationToken) is { } counts
            ? new SpreadReading(counts.Reposts, counts.Quotes, counts.Replies)
            : null;
}

/// <summary>Mastodon: the counts the office's server knows for the post, through the office's connected Mastodon account.</summary>
public sealed class MastodonSpreadReader(IServiceScopeFactory scopeFactory, IHttpClientFactory httpClients, TimeProvider time) : ISpreadReader
{
    public Network Network => Network.Mastodon;

    public async Task<SpreadReading?> ReadAsync(string remoteId, DateTime postedAt, bool isOfficeResponse, CancellationToken cancellationToken)
    {
        IReadOnlyList<AccountCredentials> connected;
        await using (var scope = scopeFactory.CreateAsyncScope())
        {
            connected = await scope.ServiceProvider.GetRequiredService<ConnectedAccountService>().CredentialsAsync(Network.Mastodon, cancellationToken);
        }

        if (connected.Count == 0)
        {
            return null;
        }

        var api = new MastodonApiClient(
            httpClients.CreateClient(AccountVerifier.TypedAddressClient),
            new MastodonServerOptions { BaseUrl = connected[0].Server, AccessToken = connected[0].Secret },
            time);
        try
        {
            return await api.GetCountsAsync(remoteId, cancellationToken) is { } counts ? new SpreadReading(counts.Reposts, counts.Quotes, counts.Replies) : null;
        }
        catch (MastodonApiException exception)
        {
            throw new HttpRequestException(exception.Message, exception);
        }
    }
}

/// <summary>X: the post's public metrics with the app's bearer token (X:BearerToken); nothing when X is not configured.</summary>
public sealed class XSpreadReader(XApiClient x, IOptions<XOptions> options) : ISpreadReader
{
    public Network Network => Network.X;

    public async Task<SpreadReading?> ReadAsync(string remoteId, DateTime postedAt, bool isOfficeResponse, CancellationToken cancellationToken)
    {
        if (XBearerToken.FromOptions(options.Value) is not { } token || remoteId.StartsWith("retweet:", StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            return await x.GetCountsAsync(remoteId, token, cancellationToken) is { } counts ? new SpreadReading(counts.Reposts, counts.Quotes, counts.Replies) : null;
        }
        catch (XApiException exception)
        {
            throw new HttpRequestException(exception.Message, exception);
        }
    }
}

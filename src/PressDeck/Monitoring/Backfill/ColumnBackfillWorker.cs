using Microsoft.Extensions.Options;
using PressDeck.Accounts;
using PressDeck.Connectors.Bluesky;
using PressDeck.Connectors.Mastodon;
using PressDeck.Connectors.X;
using PressDeck.Core.Posts;
using PressDeck.Core.Query;
using PressDeck.Monitoring.Ingest;

namespace PressDeck.Monitoring.Backfill;

/// <summary>
/// Fills new columns with recent posts: for each search a column's query gives (<see cref="BackfillSearches"/>), Bluesky's
/// <c>searchPosts</c> through the office's connected Bluesky account, the search of its connected Mastodon account, and
/// X's recent search when X is configured. What is found goes through the ingest pipeline like any post (the archive
/// drops what it has), so the column shows it and any other column it matches does too. A network that fails is
/// logged and skipped; it never stops the others.
/// </summary>
internal sealed partial class ColumnBackfillWorker(
    ColumnBackfill backfill,
    IServiceScopeFactory scopeFactory,
    BlueskySessions blueskySessions,
    IBlueskyHandles handles,
    XApiClient x,
    IOptions<XOptions> xOptions,
    IHttpClientFactory httpClients,
    IngestChannel channel,
    TimeProvider time,
    ILogger<ColumnBackfillWorker> logger) : BackgroundService
{
    public const string SourceName = "column-backfill";

    /// <summary>Posts asked of each network for each search.</summary>
    public const int PostsPerSearch = 50;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var query in backfill.Requests.ReadAllAsync(stoppingToken))
            {
                var searches = BackfillSearches.From(query);
                IReadOnlyList<AccountCredentials> bluesky, mastodon;
                await using (var scope = scopeFactory.CreateAsyncScope())
                {
                    var accounts = scope.ServiceProvider.GetRequiredService<ConnectedAccountService>();
                    bluesky = await accounts.CredentialsAsync(Network.Bluesky, stoppingToken);
                    mastodon = await accounts.CredentialsAsync(Network.Mastodon, stoppingToken);
                }

                foreach (var search in searches)
                {
                    if (search.IsFor(Network.Bluesky) && bluesky.Count > 0)
                    {
                        await RunAsync(Network.Bluesky, search, token => BlueskyAsync(bluesky[0], search.Text, token), stoppingToken);
                    }

                    if (search.IsFor(Network.Mastodon) && mastodon.Count > 0)
                    {
                        await RunAsync(Network.Mastodon, search, token => MastodonAsync(mastodon[0], search.Text, token), stoppingToken);
                    }
                }

                if (XBearerToken.FromOptions(xOptions.Value) is { } token && searches.Count > 0)
                {
                    await RunAsync(Network.X, searches[0], cancellationToken => XAsync(query, token, cancellationToken), stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RunAsync(Network network, BackfillSearch search, Func<CancellationToken, Task<IReadOnlyList<Post>>> find, CancellationToken cancellationToken)
    {
        try
        {
            var posts = await find(cancellationToken);
            foreach (var post in posts)
            {
                await channel.WriteAsync(IngestItem.FromPost(SourceName, post), cancellationToken);
            }

            LogFound(network, search, posts.Count);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogFailed(network, search, exception.Message);
        }
    }

    private async Task<IReadOnlyList<Post>> BlueskyAsync(AccountCredentials account, string text, CancellationToken cancellationToken)
    {
        var session = await blueskySessions.GetAsync(account, cancellationToken);
        try
        {
            return await blueskySessions.Client.SearchPostsAsync(account.Server, session, text, PostsPerSearch, handles, cancellationToken);
        }
        catch (XrpcException exception) when (exception.Error is "ExpiredToken" or "InvalidToken" or "AuthenticationRequired")
        {
            blueskySessions.Forget(account.AccountId);
            session = await blueskySessions.GetAsync(account, cancellationToken);
            return await blueskySessions.Client.SearchPostsAsync(account.Server, session, text, PostsPerSearch, handles, cancellationToken);
        }
    }

    private async Task<IReadOnlyList<Post>> MastodonAsync(AccountCredentials account, string text, CancellationToken cancellationToken)
    {
        var api = new MastodonApiClient(
            httpClients.CreateClient(AccountVerifier.TypedAddressClient),
            new MastodonServerOptions { BaseUrl = account.Server, AccessToken = account.Secret },
            time);
        var found = await api.SearchStatusesAsync(text, 1, cancellationToken);
        return [.. found.Items.Select(status => status.Post)];
    }

    /// <summary>X searches with the same translation as its stream rules, so what it finds is what the stream would have sent.</summary>
    private async Task<IReadOnlyList<Post>> XAsync(QueryNode query, IXTokenSource token, CancellationToken cancellationToken)
    {
        var translation = new XRuleTranslator(XRuleLimits.From(xOptions.Value) with { MaxRuleLength = XApiClient.MaxSearchQueryLength }).Translate("backfill", query);
        var posts = new List<Post>();
        foreach (var value in translation.RuleValues.Take(BackfillSearches.MaxSearches))
        {
            var page = await x.SearchRecentAsync(value, null, null, PostsPerSearch, token, cancellationToken);
            posts.AddRange(page.Posts);
        }

        return posts;
    }

    [LoggerMessage(EventId = 4501, Level = LogLevel.Information, Message = "Column backfill: {Network} found {Count} posts for {Search}")]
    private partial void LogFound(Network network, BackfillSearch search, int count);

    [LoggerMessage(EventId = 4502, Level = LogLevel.Warning, Message = "Column backfill: {Network} could not search for {Search}: {Reason}")]
    private partial void LogFailed(Network network, BackfillSearch search, string reason);
}

using System.Globalization;
using Microsoft.Extensions.Options;
using PressDeck.Accounts;
using PressDeck.Connectors.Bluesky;
using PressDeck.Connectors.Mastodon;
using PressDeck.Connectors.X;
using PressDeck.Core.Posts;
using PressDeck.Monitoring.Ingest;
using PressDeck.Monitoring.Sources;

namespace PressDeck.Monitoring.Mentions;

/// <summary>
/// What is written to the office, polled for the inbox: the notifications of each connected Bluesky account that are
/// posts (mentions, replies, quotes; <c>listNotifications</c>), the mention and quote notifications of each connected
/// Mastodon account (its stream brings them too, but only while connected), and the mentions of each connected X account
/// (<c>/2/users/:id/mentions</c> with the account's user token), each as a source of its own with state and pause. Every
/// post is marked as written to the office. Each resumes from the newest item committed (Bluesky's <c>indexedAt</c>,
/// Mastodon's notification id, X's post id), so a restart misses nothing and repeats little.
/// </summary>
internal sealed partial class OfficeMentionsSource(
    IServiceScopeFactory scopeFactory,
    ConnectedAccountDirectory accounts,
    SourceRegistry sources,
    BlueskySessions blueskySessions,
    IBlueskyHandles handles,
    IHttpClientFactory httpClients,
    IngestChannel channel,
    IOptions<MentionsOptions> options,
    TimeProvider time,
    ILogger<OfficeMentionsSource> logger) : BackgroundService
{
    /// <summary>Pages read at most in one poll when many notifications came in since the last one.</summary>
    private const int MaxPagesPerPoll = 3;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var set = new SourceSet<AccountCredentials>(LoadAsync, SourceNameOf, FollowAsync, sources);
        accounts.Changed += set.NotifyChanged;
        try
        {
            await set.RunAsync(stoppingToken);
        }
        finally
        {
            accounts.Changed -= set.NotifyChanged;
        }
    }

    private static string SourceNameOf(AccountCredentials account) => string.Create(
        CultureInfo.InvariantCulture,
        $"{account.Network switch { Network.Bluesky => "bluesky-notifications", Network.Mastodon => "mastodon-notifications", _ => "x-mentions" }}:{account.AccountId}");

    private async Task<IReadOnlyList<AccountCredentials>> LoadAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<ConnectedAccountService>();
        return
        [
            .. await service.CredentialsAsync(Network.Bluesky, cancellationToken),
            .. await service.CredentialsAsync(Network.Mastodon, cancellationToken),
            .. await service.CredentialsAsync(Network.X, cancellationToken),
        ];
    }

    private async Task FollowAsync(AccountCredentials account, CancellationToken cancellationToken)
    {
        var name = SourceNameOf(account);
        var loop = new PollingLoop(time, options.Value.Interval);
        var title = account.Network switch
        {
            Network.Bluesky => $"Bluesky: mentions, replies and quotes of @{account.Handle}",
            Network.Mastodon => $"Mastodon: mentions and quotes of @{account.Handle}",
            _ => $"X: mentions of @{account.Handle}",
        };
        using var control = new SourceControl(name, title, account.Network, time, () => loop.State);
        try
        {
            await sources.RegisterAsync(control, cancellationToken);
            await control.RunAsync(
                async token =>
                {
                    var newest = await SourceCheckpoints.ReadTextAsync(scopeFactory, name, token);
                    Func<CancellationToken, Task> poll = account.Network switch
                    {
                        Network.Bluesky => async pollToken => newest = await PollBlueskyAsync(account, name, newest, pollToken),
                        Network.Mastodon => async pollToken => newest = await PollMastodonAsync(account, name, newest, pollToken),
                        _ => async pollToken => newest = await PollXAsync(account, name, newest, pollToken),
                    };
                    await loop.RunAsync(poll, RequestedWait, token);
                },
                cancellationToken,
                exception => LogFailed(exception, name, SourceControl.RestartAfterFault.TotalSeconds));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private static TimeSpan? RequestedWait(Exception exception) => exception switch
    {
        XrpcException xrpc => xrpc.RetryAfter,
        XApiException x => x.RetryAfter,
        MastodonApiException mastodon => mastodon.RetryAfter,
        _ => null,
    };

    /// <summary>Reads the notifications newer than <paramref name="newest"/> and hands them on oldest first; returns the newest now.</summary>
    private async Task<string?> PollBlueskyAsync(AccountCredentials account, string name, string? newest, CancellationToken cancellationToken)
    {
        var since = newest is not null && DateTimeOffset.TryParse(newest, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : (DateTimeOffset?)null;
        var session = await blueskySessions.GetAsync(account, cancellationToken);
        var fresh = new List<(Post Post, DateTimeOffset IndexedAt)>();
        string? cursor = null;
        try
        {
            for (var page = 0; page < MaxPagesPerPoll; page++)
            {
                var (posts, next) = await blueskySessions.Client.ListNotificationsAsync(account.Server, session, cursor, 50, handles, cancellationToken);
                fresh.AddRange(posts.Where(item => since is null || item.IndexedAt > since));
                if (next is null || posts.Count == 0 || since is null || posts[^1].IndexedAt <= since)
                {
                    break;
                }

                cursor = next;
            }
        }
        catch (XrpcException exception) when (exception.Error is "ExpiredToken" or "InvalidToken")
        {
            blueskySessions.Forget(account.AccountId);
            throw;
        }

        foreach (var (post, indexedAt) in fresh.OrderBy(item => item.IndexedAt))
        {
            newest = indexedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
            await channel.WriteAsync(IngestItem.FromPost(name, post, newest) with { AddressedTo = account.Handle }, cancellationToken);
        }

        return newest;
    }

    /// <summary>
    /// Reads the account's mention and quote notifications after <paramref name="newest"/> (a notification id) and hands
    /// their posts on oldest first. The account's stream brings them too while it is connected; this catches what a
    /// dropped stream missed, and the archive's key keeps each post once.
    /// </summary>
    private async Task<string?> PollMastodonAsync(AccountCredentials account, string name, string? newest, CancellationToken cancellationToken)
    {
        var api = new MastodonApiClient(httpClients.CreateClient(AccountVerifier.TypedAddressClient), new MastodonServerOptions { BaseUrl = account.Server, AccessToken = account.Secret }, time);
        var batch = await api.GetNotificationsAfterAsync(newest, MastodonNotification.InboxTypes, MaxPagesPerPoll, cancellationToken);
        foreach (var notification in batch.Items)
        {
            newest = notification.Id;
            if (notification.Status is { } status)
            {
                await channel.WriteAsync(IngestItem.FromPost(name, status.Post, newest) with { AddressedTo = account.Handle }, cancellationToken);
            }
            else
            {
                await channel.WriteAsync(IngestItem.ResumePoint(name, newest), cancellationToken);
            }
        }

        return newest;
    }

    /// <summary>Reads the mentions after <paramref name="newest"/> (X's <c>since_id</c>) and hands them on oldest first.</summary>
    private async Task<string?> PollXAsync(AccountCredentials account, string name, string? newest, CancellationToken cancellationToken)
    {
        var api = new XApiClient(httpClients.CreateClient(AccountVerifier.TypedAddressClient), Options.Create(new XOptions { ApiUrl = account.Server }), time);
        var result = await api.GetMentionsAsync(account.RemoteAccountId, newest, null, 100, new XBearerToken(account.Secret), cancellationToken);
        foreach (var post in result.Posts.OrderBy(post => post.RemoteId.Length).ThenBy(post => post.RemoteId, StringComparer.Ordinal))
        {
            newest = post.RemoteId;
            await channel.WriteAsync(IngestItem.FromPost(name, post, newest) with { AddressedTo = account.Handle }, cancellationToken);
        }

        return result.Meta?.NewestId ?? newest;
    }

    [LoggerMessage(EventId = 4601, Level = LogLevel.Error, Message = "{SourceName} failed; starting again in {Seconds} s")]
    private partial void LogFailed(Exception exception, string sourceName, double seconds);
}

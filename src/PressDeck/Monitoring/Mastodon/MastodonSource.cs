using Microsoft.Extensions.Options;
using PressDeck.Accounts;
using PressDeck.Connectors;
using PressDeck.Connectors.Mastodon;
using PressDeck.Core.Posts;
using PressDeck.Data.Archive;
using PressDeck.Monitoring.Ingest;
using PressDeck.Monitoring.Sources;

namespace PressDeck.Monitoring.Mastodon;

/// <summary>
/// Follows every connected Mastodon account's own stream: its home timeline (the accounts the office follows, such as
/// its journalists) and its notifications (mentions, replies and quotes of the office), each account as its own source
/// with state and pause. Where the server offers no streaming, its REST timeline is polled instead. Edits replace posts;
/// deletes hide them. The resume point is the newest status id: after a restart, or a reconnect, the gap is filled over
/// REST from it, and the archive drops what comes twice.
/// </summary>
internal sealed partial class MastodonSource(
    IServiceScopeFactory scopeFactory,
    ConnectedAccountDirectory accounts,
    SourceRegistry sources,
    IngestChannel channel,
    IHttpClientFactory httpClients,
    IOptions<MastodonStreamOptions> streamOptions,
    IOptions<MastodonPollOptions> pollOptions,
    TimeProvider time,
    ILoggerFactory loggers,
    ILogger<MastodonSource> logger) : BackgroundService
{
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

    private static string SourceNameOf(AccountCredentials account) =>
        "mastodon:" + account.AccountId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task<IReadOnlyList<AccountCredentials>> LoadAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ConnectedAccountService>().CredentialsAsync(Network.Mastodon, cancellationToken);
    }

    private async Task FollowAsync(AccountCredentials account, CancellationToken cancellationToken)
    {
        var name = SourceNameOf(account);
        var server = new MastodonServerOptions { BaseUrl = account.Server, AccessToken = account.Secret };
        var http = httpClients.CreateClient(AccountsServiceCollectionExtensions.StreamingClient);
        var api = new MastodonApiClient(httpClients.CreateClient(AccountVerifier.TypedAddressClient), server, time);
        var reader = new MastodonLiveReader(
            new MastodonStreamClient(http, server, streamOptions.Value, time, loggers.CreateLogger<MastodonStreamClient>()),
            new MastodonTimelinePoller(api, pollOptions.Value, time, loggers.CreateLogger<MastodonTimelinePoller>()));
        using var control = new SourceControl(name, $"Mastodon: @{account.Handle} (home and notifications)", Network.Mastodon, time, () => reader.State);
        try
        {
            await sources.RegisterAsync(control, cancellationToken);
            await control.RunAsync(
                token => ReadAsync(name, reader, token),
                cancellationToken,
                exception => LogFailed(exception, account.Handle, SourceControl.RestartAfterFault.TotalSeconds));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task ReadAsync(string name, MastodonLiveReader reader, CancellationToken cancellationToken)
    {
        var resumeAfter = await SourceCheckpoints.ReadTextAsync(scopeFactory, name, cancellationToken);
        await foreach (var streamEvent in reader.ReadAsync(MastodonTimeline.User(), resumeAfter, cancellationToken))
        {
            var item = streamEvent switch
            {
                MastodonStatusEvent status => IngestItem.FromPost(name, status.Status.Post, reader.LastStatusId),
                MastodonNotificationEvent { Notification.Status: { } notified } => IngestItem.FromPost(name, notified.Post, reader.LastStatusId),
                MastodonDeleteEvent { RemoteId: { } deleted } => IngestItem.FromDeletion(name, new PostKey(Network.Mastodon, deleted), reader.LastStatusId),
                MastodonRefusedEvent refused => Refused(refused),
                _ => null,
            };
            if (item is not null)
            {
                await channel.WriteAsync(item, cancellationToken);
            }
        }
    }

    private IngestItem? Refused(MastodonRefusedEvent refused)
    {
        LogRefused(refused.Reason);
        return null;
    }

    [LoggerMessage(EventId = 4401, Level = LogLevel.Warning, Message = "Mastodon: skipped an event PressDeck cannot read: {Reason}")]
    private partial void LogRefused(string reason);

    [LoggerMessage(EventId = 4402, Level = LogLevel.Error, Message = "Mastodon: following @{Handle} failed; starting again in {Seconds} s")]
    private partial void LogFailed(Exception exception, string handle, double seconds);
}

using Microsoft.Extensions.Options;
using PressDeck.Accounts;
using PressDeck.Connectors;
using PressDeck.Connectors.Mastodon;
using PressDeck.Core.Posts;
using PressDeck.Data.Archive;
using PressDeck.Monitoring.Ingest;
using PressDeck.Monitoring.Live;
using PressDeck.Monitoring.Sources;

namespace PressDeck.Monitoring.Mastodon;

/// <summary>
/// Follows, through every connected Mastodon account, the streams of the lists the account has made, the hashtag streams
/// of the hashtags the columns look for (up to <see cref="MaxHashtagStreams"/>, changing as the columns change) and the
/// account's own stream: its home timeline (the accounts the office follows, such as
/// its journalists) and its notifications (mentions, replies and quotes of the office), each account as its own source
/// with state and pause. Where the server offers no streaming, its REST timeline is polled instead. Edits replace posts;
/// deletes hide them. The resume point is the newest status id: after a restart, or a reconnect, the gap is filled over
/// REST from it, and the archive drops what comes twice.
/// </summary>
internal sealed partial class MastodonSource(
    IServiceScopeFactory scopeFactory,
    ConnectedAccountDirectory accounts,
    StandingQueries standingQueries,
    SourceRegistry sources,
    IngestChannel channel,
    IHttpClientFactory httpClients,
    IOptions<MastodonStreamOptions> streamOptions,
    IOptions<MastodonPollOptions> pollOptions,
    TimeProvider time,
    ILoggerFactory loggers,
    ILogger<MastodonSource> logger) : BackgroundService
{
    /// <summary>Hashtag streams followed at most per account (each is a connection to the office's server).</summary>
    public const int MaxHashtagStreams = 10;

    /// <summary>List streams followed at most per account.</summary>
    public const int MaxListStreams = 10;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var set = new SourceSet<MastodonStream>(LoadAsync, SourceNameOf, FollowAsync, sources);
        accounts.Changed += set.NotifyChanged;
        standingQueries.Changed += set.NotifyChanged;
        try
        {
            await set.RunAsync(stoppingToken);
        }
        finally
        {
            accounts.Changed -= set.NotifyChanged;
            standingQueries.Changed -= set.NotifyChanged;
        }
    }

    private static string SourceNameOf(MastodonStream stream) =>
        "mastodon:" + stream.Account.AccountId.ToString(System.Globalization.CultureInfo.InvariantCulture)
        + (stream.Timeline.Kind == MastodonTimelineKind.User ? "" : ":" + stream.Timeline);

    /// <summary>
    /// Each connected account's own stream, the streams of the lists it has made (its journalists, its stakeholders),
    /// and the hashtag streams of the columns' hashtags on its server.
    /// </summary>
    private async Task<IReadOnlyList<MastodonStream>> LoadAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<AccountCredentials> connected;
        await using (var scope = scopeFactory.CreateAsyncScope())
        {
            connected = await scope.ServiceProvider.GetRequiredService<ConnectedAccountService>().CredentialsAsync(Network.Mastodon, cancellationToken);
        }

        var hashtags = ColumnHashtags.For(standingQueries.Queries.Select(query => query.Value), Network.Mastodon, MaxHashtagStreams);
        var streams = new List<MastodonStream>();
        foreach (var account in connected)
        {
            streams.Add(new MastodonStream(account, MastodonTimeline.User(), $"Mastodon: @{account.Handle} (home and notifications)"));
            streams.AddRange((await ListsOfAsync(account, cancellationToken)).Select(list =>
                new MastodonStream(account, MastodonTimeline.List(list.Id), $"Mastodon: list “{list.Title}” of @{account.Handle}")));
            streams.AddRange(hashtags.Select(tag => new MastodonStream(account, MastodonTimeline.Hashtag(tag), $"Mastodon: #{tag} on {account.Server.Host}")));
        }

        return streams;
    }

    /// <summary>The account's lists, or none when the server cannot say now (they are asked for again at the next change).</summary>
    private async Task<IReadOnlyList<MastodonList>> ListsOfAsync(AccountCredentials account, CancellationToken cancellationToken)
    {
        var api = new MastodonApiClient(
            httpClients.CreateClient(AccountVerifier.TypedAddressClient),
            new MastodonServerOptions { BaseUrl = account.Server, AccessToken = account.Secret },
            time);
        try
        {
            return [.. (await api.GetListsAsync(cancellationToken)).Take(MaxListStreams)];
        }
        catch (HttpRequestException exception)
        {
            LogListsFailed(account.Handle, exception.Message);
            return [];
        }
    }

    private async Task FollowAsync(MastodonStream stream, CancellationToken cancellationToken)
    {
        var (account, timeline, title) = stream;
        var name = SourceNameOf(stream);
        var server = new MastodonServerOptions { BaseUrl = account.Server, AccessToken = account.Secret };
        var http = httpClients.CreateClient(AccountsServiceCollectionExtensions.StreamingClient);
        var api = new MastodonApiClient(httpClients.CreateClient(AccountVerifier.TypedAddressClient), server, time);
        var reader = new MastodonLiveReader(
            new MastodonStreamClient(http, server, streamOptions.Value, time, loggers.CreateLogger<MastodonStreamClient>()),
            new MastodonTimelinePoller(api, pollOptions.Value, time, loggers.CreateLogger<MastodonTimelinePoller>()));
        using var control = new SourceControl(name, title, Network.Mastodon, time, () => reader.State);
        try
        {
            await sources.RegisterAsync(control, cancellationToken);
            await control.RunAsync(
                token => ReadAsync(name, account.Handle, reader, timeline, token),
                cancellationToken,
                exception => LogFailed(exception, account.Handle, SourceControl.RestartAfterFault.TotalSeconds));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task ReadAsync(string name, string officeHandle, MastodonLiveReader reader, MastodonTimeline timeline, CancellationToken cancellationToken)
    {
        var resumeAfter = await SourceCheckpoints.ReadTextAsync(scopeFactory, name, cancellationToken);
        await foreach (var streamEvent in reader.ReadAsync(timeline, resumeAfter, cancellationToken))
        {
            var item = streamEvent switch
            {
                MastodonStatusEvent status => IngestItem.FromPost(name, status.Status.Post, reader.LastStatusId),
                MastodonNotificationEvent { Notification: { Status: { } notified } notification } => IngestItem.FromPost(name, notified.Post, reader.LastStatusId) with
                {
                    AddressedTo = MastodonNotification.InboxTypes.Contains(notification.Type, StringComparer.Ordinal) ? officeHandle : null,
                },
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

    [LoggerMessage(EventId = 4403, Level = LogLevel.Warning, Message = "Mastodon: the lists of @{Handle} could not be read: {Reason}")]
    private partial void LogListsFailed(string handle, string reason);

    [LoggerMessage(EventId = 4401, Level = LogLevel.Warning, Message = "Mastodon: skipped an event PressDeck cannot read: {Reason}")]
    private partial void LogRefused(string reason);

    [LoggerMessage(EventId = 4402, Level = LogLevel.Error, Message = "Mastodon: following @{Handle} failed; starting again in {Seconds} s")]
    private partial void LogFailed(Exception exception, string handle, double seconds);

    /// <summary>One stream followed through a connected account, and what the sources page calls it.</summary>
    private readonly record struct MastodonStream(AccountCredentials Account, MastodonTimeline Timeline, string Title);
}

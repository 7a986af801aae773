using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PressDeck.Audit;
using PressDeck.Connectors.Feeds;
using PressDeck.Connectors.Net;
using PressDeck.Data;
using PressDeck.Data.Feeds;
using PressDeck.Team;

namespace PressDeck.Monitoring.Feeds;

/// <summary>
/// The news feeds an admin adds and removes. A feed is read once before it is added, so a wrong address, a page that is
/// not a feed or an address inside the office's network is refused in words instead of failing later in silence.
/// </summary>
public sealed partial class NewsFeedService(
    AppDbContext db,
    NewsFeedDirectory directory,
    IHttpClientFactory httpClients,
    IOptions<FeedPollerOptions> pollerOptions,
    IOptions<OutboundHttpOptions> outbound,
    TimeProvider time,
    ILoggerFactory loggers,
    PermissionGate gate,
    AuditLog auditLog,
    ILogger<NewsFeedService> logger)
{
    /// <summary>The named HttpClient for feeds: SSRF-guarded, redirects followed by the poller hop by hop.</summary>
    public const string HttpClientName = "feeds";

    public static IReadOnlyList<int> PollChoices { get; } = [5, 15, 30, 60];

    public async Task<IReadOnlyList<NewsFeedView>> ListAsync(CancellationToken cancellationToken) =>
        await db.NewsFeeds.AsNoTracking().OrderBy(feed => feed.Title)
            .Select(feed => new NewsFeedView(feed.Id, feed.Url, feed.Handle, feed.Title, feed.PollMinutes, feed.AddedAt, feed.AddedBy))
            .ToListAsync(cancellationToken);

    public async Task<NewsFeedAddResult> AddAsync(string url, string? shortName, int pollMinutes, CancellationToken cancellationToken)
    {
        var admin = await gate.DemandAsync(Permissions.ManageSources, "add feed " + url);
        var addedBy = admin.Name;
        if (OutboundAddressPolicy.CheckTypedUrl(url, allowedPrivateHosts: outbound.Value.AllowedPrivateHosts) is { } problem)
        {
            return new NewsFeedAddResult(null, problem);
        }

        if (shortName is { Length: > 0 } && FeedHandle.FromName(shortName) is null)
        {
            return new NewsFeedAddResult(null, $"\"{shortName}\" cannot be a feed's short name: use letters, digits and hyphens.");
        }

        var address = new Uri(url.Trim());
        if (await db.NewsFeeds.AnyAsync(feed => feed.Url == address.AbsoluteUri, cancellationToken))
        {
            return new NewsFeedAddResult(null, "That feed is already being followed.");
        }

        var interval = TimeSpan.FromMinutes(Math.Clamp(pollMinutes, 1, 24 * 60));
        var probe = CreatePoller(new FeedSubscription(address, FeedHandle.For(shortName, null, address), interval));
        var result = await probe.PollAsync(FeedResumePoint.Empty, cancellationToken);
        if (result.Outcome is not FeedPollOutcome.Read)
        {
            return new NewsFeedAddResult(null, result.Error is { } error ? $"The feed could not be read: {error.TrimEnd('.')}." : $"The feed could not be read ({result.Outcome}).");
        }

        var title = result.Posts.Select(post => post.Author.DisplayName).FirstOrDefault(name => !string.IsNullOrWhiteSpace(name)) ?? address.Host;
        var handle = FeedHandle.For(shortName, title, address);
        if (await db.NewsFeeds.AnyAsync(feed => feed.Handle == handle, cancellationToken))
        {
            return new NewsFeedAddResult(null, $"Another feed is already called \"{handle}\"; give this one a different short name.");
        }

        var feed = new NewsFeed
        {
            Url = (result.MovedTo ?? address).AbsoluteUri,
            Handle = handle,
            Title = title,
            PollMinutes = (int)interval.TotalMinutes,
            AddedAt = time.GetUtcNow().UtcDateTime,
            AddedBy = addedBy,
        };
        db.NewsFeeds.Add(feed);
        await db.SaveChangesAsync(cancellationToken);
        directory.NotifyChanged();
        LogAdded(feed.Url, handle, addedBy);
        await auditLog.WriteAsync(admin.Actor, AuditActions.FeedAdded, feed.Url, "as " + handle);
        var latest = result.Posts.OrderByDescending(post => post.CreatedAt).Select(post => post.Title ?? post.Text).FirstOrDefault();
        return new NewsFeedAddResult(
            new NewsFeedView(feed.Id, feed.Url, feed.Handle, feed.Title, feed.PollMinutes, feed.AddedAt, feed.AddedBy),
            null,
            result.Posts.Count,
            latest);
    }

    public async Task<bool> RemoveAsync(int id, CancellationToken cancellationToken)
    {
        var admin = await gate.DemandAsync(Permissions.ManageSources, $"remove feed {id}");
        var removedBy = admin.Name;
        var feed = await db.NewsFeeds.FindAsync([id], cancellationToken);
        if (feed is null)
        {
            return false;
        }

        db.NewsFeeds.Remove(feed);
        await db.SourceCheckpoints.Where(checkpoint => checkpoint.SourceName == FeedSourceNames.For(id)).ExecuteDeleteAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        directory.NotifyChanged();
        LogRemoved(feed.Url, removedBy);
        await auditLog.WriteAsync(admin.Actor, AuditActions.FeedRemoved, feed.Url);
        return true;
    }

    /// <summary>A poller for one feed on the guarded client.</summary>
    public FeedPoller CreatePoller(FeedSubscription subscription) =>
        new(httpClients.CreateClient(HttpClientName), subscription, pollerOptions.Value, time, loggers.CreateLogger<FeedPoller>());

    [LoggerMessage(EventId = 470, Level = LogLevel.Information, Message = "Feed {Url} added as {Handle} by {Person}")]
    private partial void LogAdded(string url, string handle, string person);

    [LoggerMessage(EventId = 471, Level = LogLevel.Information, Message = "Feed {Url} removed by {Person}")]
    private partial void LogRemoved(string url, string person);
}

using Microsoft.EntityFrameworkCore;
using PressDeck.Connectors;
using PressDeck.Connectors.Feeds;
using PressDeck.Core.Posts;
using PressDeck.Data;
using PressDeck.Monitoring.Ingest;
using PressDeck.Monitoring.Sources;

namespace PressDeck.Monitoring.Feeds;

/// <summary>
/// Polls every news feed the office follows, each as its own source on the sources page (state, pause), and feeds the
/// new and edited items into the ingest pipeline. Each feed's resume point (ETag, Last-Modified, items seen) goes in
/// with its last item, or alone when a poll found nothing new, so it is saved only once what came before is committed:
/// after a crash the feed is read again from the last committed point and the archive drops what comes twice. Feeds
/// added or removed on the sources page start or stop at once.
/// </summary>
internal sealed partial class FeedsSource(
    IServiceScopeFactory scopeFactory,
    NewsFeedDirectory directory,
    SourceRegistry sources,
    IngestChannel channel,
    TimeProvider time,
    ILogger<FeedsSource> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var feeds = new SourceSet<NewsFeedView>(LoadFeedsAsync, feed => feed.SourceName, FollowAsync, sources);
        directory.Changed += feeds.NotifyChanged;
        try
        {
            await feeds.RunAsync(stoppingToken);
        }
        finally
        {
            directory.Changed -= feeds.NotifyChanged;
        }
    }

    private async Task<IReadOnlyList<NewsFeedView>> LoadFeedsAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<NewsFeedService>().ListAsync(cancellationToken);
    }

    /// <summary>Follows one feed until it is removed or PressDeck stops; a fault is logged and the feed started again after a pause.</summary>
    private async Task FollowAsync(NewsFeedView feed, CancellationToken cancellationToken)
    {
        FeedPoller? poller = null;
        var starting = time.GetUtcNow();
        using var control = new SourceControl(
            feed.SourceName,
            $"News feed: {feed.Title}",
            Network.Rss,
            time,
            () => poller?.State ?? new SourceState(SourceActivity.Connecting, starting));
        try
        {
            await sources.RegisterAsync(control, cancellationToken);
            await control.RunAsync(
                async token =>
                {
                    await using (var scope = scopeFactory.CreateAsyncScope())
                    {
                        poller = scope.ServiceProvider.GetRequiredService<NewsFeedService>()
                            .CreatePoller(new FeedSubscription(new Uri(feed.Url), feed.Handle, TimeSpan.FromMinutes(feed.PollMinutes)));
                    }

                    await PollAsync(feed, poller, token);

                    // The feed is gone (410): its state says so until it is removed or PressDeck restarts.
                    await Task.Delay(Timeout.InfiniteTimeSpan, time, token);
                },
                cancellationToken,
                exception => LogFailed(exception, feed.Url, SourceControl.RestartAfterFault.TotalSeconds));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task PollAsync(NewsFeedView feed, FeedPoller poller, CancellationToken cancellationToken)
    {
        var current = FeedResumePoint.FromToken(await SourceCheckpoints.ReadTextAsync(scopeFactory, feed.SourceName, cancellationToken));
        await foreach (var result in poller.FollowAsync(() => current, cancellationToken))
        {
            foreach (var refusal in result.Refusals)
            {
                LogRefused(feed.Url, refusal.Line, refusal.Refusal ?? "");
            }

            if (result.MovedTo is { } moved)
            {
                await MoveAsync(feed.Id, moved, cancellationToken);
            }

            var checkpoint = result.Resume.ToToken();
            for (var index = 0; index < result.Posts.Count; index++)
            {
                var isLast = index == result.Posts.Count - 1;
                await channel.WriteAsync(IngestItem.FromPost(feed.SourceName, result.Posts[index], isLast ? checkpoint : null), cancellationToken);
            }

            if (result.Posts.Count == 0 && result.Outcome is FeedPollOutcome.Read or FeedPollOutcome.NotModified or FeedPollOutcome.Unchanged
                && checkpoint != current.ToToken())
            {
                await channel.WriteAsync(IngestItem.ResumePoint(feed.SourceName, checkpoint), cancellationToken);
            }

            current = result.Resume;
        }
    }

    private async Task MoveAsync(int feedId, Uri moved, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.NewsFeeds.Where(feed => feed.Id == feedId).ExecuteUpdateAsync(feed => feed.SetProperty(f => f.Url, moved.AbsoluteUri), cancellationToken);
        LogMoved(feedId, moved);
    }

    [LoggerMessage(EventId = 4301, Level = LogLevel.Warning, Message = "Feed {Url}: skipped item {Item}: {Reason}")]
    private partial void LogRefused(string url, long item, string reason);

    [LoggerMessage(EventId = 4302, Level = LogLevel.Information, Message = "Feed {FeedId} moved permanently to {Url}")]
    private partial void LogMoved(int feedId, Uri url);

    [LoggerMessage(EventId = 4303, Level = LogLevel.Error, Message = "Feed {Url} failed; starting it again in {Seconds} s")]
    private partial void LogFailed(Exception exception, string url, double seconds);
}

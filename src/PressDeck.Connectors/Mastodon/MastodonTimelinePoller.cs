using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using PressDeck.Connectors.Net;

namespace PressDeck.Connectors.Mastodon;

/// <summary>
/// Polls a REST timeline (protocols.md 2.5, 2.6) where the server offers no streaming: each poll asks for what came
/// after the last status it has (<c>min_id</c>, then the <c>rel="prev"</c> links), so nothing is skipped and nothing
/// comes twice; a poll that reaches <see cref="MastodonPollOptions.MaxPagesPerPoll"/> goes on at once from where it
/// stopped. A 429, or a response saying no requests remain, makes it wait until the server's reset
/// (<see cref="SourceActivity.RateLimited"/>); other failures back off with jitter. One reader at a time.
/// </summary>
public sealed partial class MastodonTimelinePoller(MastodonApiClient api, MastodonPollOptions options, TimeProvider time, ILogger<MastodonTimelinePoller> logger)
{
    private SourceState _state = new(SourceActivity.Stopped, time.GetUtcNow());
    private string? _lastStatusId;

    public SourceState State => Volatile.Read(ref _state);

    /// <summary>The newest status id read: the resume point to store.</summary>
    public string? LastStatusId => Volatile.Read(ref _lastStatusId);

    /// <summary>How many polls succeeded.</summary>
    public int Polls { get; private set; }

    /// <summary>Why the last poll failed, or null when none has.</summary>
    public string? LastFailure { get; private set; }

    /// <summary>
    /// Yields the timeline's statuses, oldest first, until <paramref name="cancellationToken"/> is cancelled. With no
    /// <paramref name="resumeAfterStatusId"/> the first poll yields the newest page; with one, everything after it.
    /// </summary>
    public async IAsyncEnumerable<MastodonStreamEvent> ReadAsync(MastodonTimeline timeline, string? resumeAfterStatusId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        if (resumeAfterStatusId is not null && !MastodonId.IsValid(resumeAfterStatusId))
        {
            throw new ArgumentException($"\"{resumeAfterStatusId}\" is not a Mastodon id.", nameof(resumeAfterStatusId));
        }

        Volatile.Write(ref _lastStatusId, MastodonId.Max(_lastStatusId, resumeAfterStatusId));
        var failures = 0;
        try
        {
            SetState(SourceActivity.Connecting, null, null);
            while (!cancellationToken.IsCancellationRequested)
            {
                MastodonBatch<MastodonStatus>? batch = null;
                TimeSpan delay;
                try
                {
                    batch = await api.GetTimelineAfterAsync(timeline, LastStatusId, options.PageLimit, options.MaxPagesPerPoll, cancellationToken);
                    failures = 0;
                    Polls++;
                    var now = time.GetUtcNow();
                    delay = batch.IsComplete ? options.Interval : TimeSpan.Zero;
                    if (api.RateLimitedUntil is { } until && until - now > delay)
                    {
                        delay = until - now;
                        SetState(SourceActivity.RateLimited, "no requests remain until the server's rate limit resets", until);
                    }
                    else
                    {
                        SetState(SourceActivity.Connected, null, null);
                    }
                }
                catch (MastodonApiException exception) when (!cancellationToken.IsCancellationRequested)
                {
                    failures++;
                    LastFailure = exception.Message;
                    var requested = exception.RetryAfter ?? (exception.IsRateLimited ? RetryDelay.Backoff(options.InitialBackoff, options.MaximumBackoff, failures) : null);
                    delay = requested ?? RetryDelay.Backoff(options.InitialBackoff, options.MaximumBackoff, failures);
                    SetState(requested is null ? SourceActivity.Reconnecting : SourceActivity.RateLimited, exception.Message, time.GetUtcNow() + delay);
                    LogPollFailed(api.Server.ServerHost, exception.Message, delay.TotalSeconds);
                }

                if (batch is not null)
                {
                    foreach (var refusal in batch.Refusals)
                    {
                        yield return new MastodonRefusedEvent(refusal);
                    }

                    foreach (var status in batch.Items)
                    {
                        Volatile.Write(ref _lastStatusId, MastodonId.Max(_lastStatusId, status.Id));
                        yield return new MastodonStatusEvent(status, false, FromRest: true);
                    }
                }

                try
                {
                    await Task.Delay(delay, time, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
        finally
        {
            SetState(SourceActivity.Stopped, null, null);
        }
    }

    private void SetState(SourceActivity activity, string? error, DateTimeOffset? retryAt) =>
        Volatile.Write(ref _state, new SourceState(activity, time.GetUtcNow(), error, retryAt));

    [LoggerMessage(EventId = 4211, Level = LogLevel.Warning, Message = "Polling Mastodon server {Server} failed ({Reason}); trying again in {Seconds:F1} s")]
    private partial void LogPollFailed(string server, string reason, double seconds);
}

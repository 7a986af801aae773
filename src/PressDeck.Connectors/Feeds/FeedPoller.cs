using System.Buffers;
using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using PressDeck.Connectors.Net;
using PressDeck.Core.Posts;

namespace PressDeck.Connectors.Feeds;

/// <summary>
/// Polls one feed (protocols.md 4.4): conditional GET with the stored <c>ETag</c> and <c>Last-Modified</c>, redirects
/// followed hop by hop (a permanent one reported so the caller stores the new address), a size limit enforced while
/// reading and a timeout on the whole fetch, 410 Gone stops polling, 429/503 with Retry-After waits exactly that long
/// (<see cref="SourceActivity.RateLimited"/>), other failures back off exponentially with jitter. Each poll returns the
/// items not delivered before (and items the feed dates a later edit for), with the resume point to store after them.
/// The <see cref="HttpClient"/> must be built on <see cref="OutboundHttp.CreateHandler"/> (feed addresses are typed in
/// by people), with automatic redirects off (<see cref="OutboundHttpOptions.MaxRedirects"/> = 0) so that this class
/// sees each hop; each hop is checked by the handler again. One poll at a time per instance.
/// </summary>
public sealed partial class FeedPoller(HttpClient http, FeedSubscription feed, FeedPollerOptions options, TimeProvider time, ILogger<FeedPoller> logger)
{
    private const string Accept = "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5";

    private SourceState _state = new(SourceActivity.Stopped, time.GetUtcNow());
    private int _failures;

    public FeedSubscription Feed { get; } = feed;

    /// <summary>What polling this feed is doing now, for the admin page.</summary>
    public SourceState State => Volatile.Read(ref _state);

    /// <summary>
    /// Polls until <paramref name="cancellationToken"/> is cancelled or the feed is gone, yielding every poll's result.
    /// <paramref name="resume"/> is read before each poll: the resume point the caller has stored last.
    /// </summary>
    public async IAsyncEnumerable<FeedPollResult> FollowAsync(Func<FeedResumePoint> resume, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resume);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                FeedPollResult result;
                try
                {
                    result = await PollAsync(resume(), cancellationToken);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    yield break;
                }

                yield return result;
                if (result.Outcome == FeedPollOutcome.Gone)
                {
                    yield break;
                }

                var wait = result.NextPollAt - time.GetUtcNow();
                if (wait > TimeSpan.Zero && !await DelayAsync(wait, cancellationToken))
                {
                    yield break;
                }
            }
        }
        finally
        {
            if (State.Activity != SourceActivity.Stopped)
            {
                SetState(SourceActivity.Stopped, State.Activity == SourceActivity.Connected ? null : State.LastError, null);
            }
        }
    }

    /// <summary>
    /// Polls once (also what "test the connection" uses). Never throws for network or document faults: they come back
    /// as <see cref="FeedPollOutcome.Failed"/> with the reason, and <see cref="State"/> says when the next try is due.
    /// </summary>
    public async Task<FeedPollResult> PollAsync(FeedResumePoint resume, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resume);
        var address = resume.Url ?? Feed.Url;
        SetState(SourceActivity.Connecting, null, null);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.RequestTimeout);
        try
        {
            var (response, finalAddress, movedTo) = await SendAsync(address, resume, timeout.Token);
            using (response)
            {
                return await ReadResponseAsync(response, finalAddress, movedTo, resume, timeout.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed(resume, $"no complete answer within {options.RequestTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s");
        }
        catch (OutboundAddressRefusedException exception)
        {
            return Failed(resume, exception.Message);
        }
        catch (HttpRequestException exception)
        {
            return Failed(resume, exception.InnerException is { } inner && exception.InnerException is not OutboundAddressRefusedException
                ? $"{exception.Message} ({inner.Message})"
                : exception.InnerException?.Message ?? exception.Message);
        }
        catch (IOException exception)
        {
            return Failed(resume, $"the connection broke while reading ({exception.Message})");
        }
    }

    private async Task<(HttpResponseMessage Response, Uri Address, Uri? MovedTo)> SendAsync(Uri address, FeedResumePoint resume, CancellationToken cancellationToken)
    {
        var permanent = true;
        for (var hop = 0; ; hop++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, address);
            request.Headers.TryAddWithoutValidation("Accept", Accept);
            request.Headers.TryAddWithoutValidation("User-Agent", options.UserAgent);

            // Validators go back verbatim (protocols.md 4.4), and only to the address they came from or its redirect target.
            if (resume.ETag is { } etag)
            {
                request.Headers.TryAddWithoutValidation("If-None-Match", etag);
            }

            if (resume.LastModified is { } lastModified)
            {
                request.Headers.TryAddWithoutValidation("If-Modified-Since", lastModified);
            }

            var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;
            if (status is not (301 or 302 or 303 or 307 or 308) || response.Headers.Location is not { } location)
            {
                // A handler that followed redirects itself hides whether they were permanent: then nothing is moved.
                var final = response.RequestMessage?.RequestUri ?? address;
                return (response, final, hop > 0 && permanent && final == address ? address : null);
            }

            response.Dispose();
            if (hop >= options.MaxRedirects)
            {
                throw new HttpRequestException($"more than {options.MaxRedirects.ToString(CultureInfo.InvariantCulture)} redirects");
            }

            var next = location.IsAbsoluteUri ? location : new Uri(address, location);
            if (next.Scheme != Uri.UriSchemeHttp && next.Scheme != Uri.UriSchemeHttps)
            {
                throw new HttpRequestException($"redirected to {next.Scheme}://, which is not a web address");
            }

            permanent &= status is 301 or 308;
            LogRedirected(Feed.Handle, address, next, status);
            address = next;
        }
    }

    private async Task<FeedPollResult> ReadResponseAsync(HttpResponseMessage response, Uri address, Uri? movedTo, FeedResumePoint resume, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var moved = movedTo is null ? resume : resume with { Url = movedTo };
        switch (response.StatusCode)
        {
            case HttpStatusCode.NotModified:
                return Succeeded(FeedPollOutcome.NotModified, [], [], moved with { ETag = response.Headers.ETag?.ToString() ?? resume.ETag }, NextPoll(response, null), movedTo, null);
            case HttpStatusCode.Gone:
                var gone = $"the feed is gone (HTTP 410 from {address})";
                SetState(SourceActivity.Stopped, gone, null);
                LogGone(Feed.Handle, address);
                return new FeedPollResult(FeedPollOutcome.Gone, [], [], moved, DateTimeOffset.MaxValue, movedTo, gone);
            case HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable when RetryDelay.Requested(response, now) is { } wait:
                var retryAt = now + wait;
                var reason = $"the server asked to wait (HTTP {((int)response.StatusCode).ToString(CultureInfo.InvariantCulture)}, Retry-After {wait.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s)";
                SetState(SourceActivity.RateLimited, reason, retryAt);
                LogRateLimited(Feed.Handle, wait.TotalSeconds);
                return new FeedPollResult(FeedPollOutcome.RateLimited, [], [], moved, retryAt, movedTo, reason);
        }

        if (!response.IsSuccessStatusCode)
        {
            return Failed(moved, $"the server answered {((int)response.StatusCode).ToString(CultureInfo.InvariantCulture)} {response.ReasonPhrase}", movedTo);
        }

        var (body, tooLarge) = await ReadLimitedAsync(response, cancellationToken);
        if (tooLarge)
        {
            return Failed(moved, $"the feed is larger than the {options.MaxResponseBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes allowed", movedTo);
        }

        var validated = moved with
        {
            ETag = response.Headers.ETag?.ToString(),
            LastModified = response.Content.Headers.TryGetValues("Last-Modified", out var values) ? values.FirstOrDefault() : null,
            BodyHash = Convert.ToHexStringLower(SHA256.HashData(body)),
        };
        if (validated.BodyHash == resume.BodyHash)
        {
            return Succeeded(FeedPollOutcome.Unchanged, [], [], validated, NextPoll(response, null), movedTo, null);
        }

        if (!FeedDocumentParser.TryParse(body, response.Content.Headers.ContentType?.CharSet, out var document, out var error))
        {
            return Failed(moved, error!, movedTo);
        }

        // TryParse returned true, so the document is set.
        var items = FeedItemReader.Read(document!, address, Feed.Handle, now.UtcDateTime);
        var (posts, seen) = NewItems(items, resume.Seen);
        if (document!.Recovery is { } recovery)
        {
            LogRecovered(Feed.Handle, recovery);
        }

        LogPolled(Feed.Handle, posts.Count, items.Count);
        return Succeeded(
            FeedPollOutcome.Read,
            posts,
            [.. items.Where(item => item.Refusal is not null)],
            validated with { Seen = seen },
            NextPoll(response, document.TimeToLive),
            movedTo,
            document.Recovery);
    }

    /// <summary>The posts not delivered before (or with a later edit), oldest first, and the items to remember: this document's, then earlier ones, up to the limit.</summary>
    private (List<Post> Posts, List<FeedSeenItem> Seen) NewItems(IReadOnlyList<RecordedItem> items, IReadOnlyList<FeedSeenItem> previouslySeen)
    {
        var seenBefore = new Dictionary<string, DateTime?>(StringComparer.Ordinal);
        foreach (var item in previouslySeen)
        {
            seenBefore.TryAdd(item.RemoteId, item.EditedAt);
        }

        var posts = new List<Post>();
        var current = new List<FeedSeenItem>();
        var inDocument = new HashSet<string>(StringComparer.Ordinal);
        foreach (var post in items.Select(item => item.Post).OfType<Post>())
        {
            if (!inDocument.Add(post.RemoteId))
            {
                continue;
            }

            var isNew = !seenBefore.TryGetValue(post.RemoteId, out var editedBefore);
            var isEdited = !isNew && post.EditedAt is { } edited && (editedBefore is null || edited > editedBefore);
            if (isNew || isEdited)
            {
                posts.Add(post);
            }

            current.Add(new FeedSeenItem(post.RemoteId, isNew || isEdited ? post.EditedAt : editedBefore));
        }

        var limit = Math.Max(options.RememberedItems, current.Count);
        var seen = current.Concat(previouslySeen.Where(item => !inDocument.Contains(item.RemoteId))).Take(limit).ToList();
        return ([.. posts.OrderBy(post => post.CreatedAt)], seen);
    }

    private async Task<(byte[] Body, bool TooLarge)> ReadLimitedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var limit = options.MaxResponseBytes;
        if (response.Content.Headers.ContentLength > limit)
        {
            return ([], true);
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var body = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (body.Length + read > limit)
                {
                    return ([], true);
                }

                await body.WriteAsync(chunk.AsMemory(0, read), cancellationToken);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return (body.ToArray(), false);
    }

    /// <summary>The subscription's interval, no shorter than the minimum, the feed's <c>ttl</c> or <c>max-age</c>, and no longer than the maximum.</summary>
    private DateTimeOffset NextPoll(HttpResponseMessage response, TimeSpan? timeToLive)
    {
        var interval = Feed.Interval < options.MinimumInterval ? options.MinimumInterval : Feed.Interval;
        if (timeToLive is { } ttl && ttl > interval)
        {
            interval = ttl;
        }

        if (response.Headers.CacheControl?.MaxAge is { } maxAge && maxAge > interval)
        {
            interval = maxAge;
        }

        return time.GetUtcNow() + (interval > options.MaximumInterval ? options.MaximumInterval : interval);
    }

    private FeedPollResult Succeeded(FeedPollOutcome outcome, List<Post> posts, List<RecordedItem> refusals, FeedResumePoint resume, DateTimeOffset nextPollAt, Uri? movedTo, string? recovery)
    {
        _failures = 0;
        SetState(SourceActivity.Connected, null, null);
        return new FeedPollResult(outcome, posts, refusals, resume, nextPollAt, movedTo, null, recovery);
    }

    private FeedPollResult Failed(FeedResumePoint resume, string error, Uri? movedTo = null)
    {
        _failures++;
        var delay = RetryDelay.Backoff(options.InitialBackoff, options.MaximumBackoff, _failures);
        var retryAt = time.GetUtcNow() + delay;
        SetState(SourceActivity.Reconnecting, error, retryAt);
        LogFailed(Feed.Handle, error, delay.TotalSeconds);
        return new FeedPollResult(FeedPollOutcome.Failed, [], [], resume, retryAt, movedTo, error);
    }

    private async Task<bool> DelayAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(wait, time, cancellationToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private void SetState(SourceActivity activity, string? error, DateTimeOffset? retryAt) =>
        Volatile.Write(ref _state, new SourceState(activity, time.GetUtcNow(), error, retryAt));

    [LoggerMessage(EventId = 4401, Level = LogLevel.Debug, Message = "Feed {FeedHandle}: {NewPosts} new or edited of {Items} items")]
    private partial void LogPolled(string feedHandle, int newPosts, int items);

    [LoggerMessage(EventId = 4402, Level = LogLevel.Warning, Message = "Feed {FeedHandle} failed ({Reason}); trying again in {Seconds:F0} s")]
    private partial void LogFailed(string feedHandle, string reason, double seconds);

    [LoggerMessage(EventId = 4403, Level = LogLevel.Warning, Message = "Feed {FeedHandle} is rate limited; waiting {Seconds:F0} s as asked")]
    private partial void LogRateLimited(string feedHandle, double seconds);

    [LoggerMessage(EventId = 4404, Level = LogLevel.Error, Message = "Feed {FeedHandle} is gone (HTTP 410 from {Address}); polling stopped")]
    private partial void LogGone(string feedHandle, Uri address);

    [LoggerMessage(EventId = 4405, Level = LogLevel.Information, Message = "Feed {FeedHandle} redirected from {From} to {To} ({Status})")]
    private partial void LogRedirected(string feedHandle, Uri from, Uri to, int status);

    [LoggerMessage(EventId = 4406, Level = LogLevel.Warning, Message = "Feed {FeedHandle} was not well-formed and was read leniently: {Recovery}")]
    private partial void LogRecovered(string feedHandle, string recovery);
}

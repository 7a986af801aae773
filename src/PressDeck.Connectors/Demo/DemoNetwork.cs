using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PressDeck.Core.Posts;

namespace PressDeck.Connectors.Demo;

/// <summary>
/// The demo network as a source and a publishing target: paces <see cref="DemoPostFactory"/>'s posts in time and
/// carries posts published to it back into its stream; nothing ever leaves the process.
/// <para>
/// One cursor (<see cref="NextSequence"/>) is shared by <see cref="Backfill"/> and every stream, so each generated
/// post is handed out once. One consumer at a time is the intended use; a second concurrent stream would get
/// its own pacing and take posts from the same cursor. Thread-safe.
/// </para>
/// </summary>
public sealed class DemoNetwork
{
    /// <summary>How far back <see cref="Backfill"/> spreads its posts.</summary>
    public static readonly TimeSpan BackfillSpan = TimeSpan.FromHours(6);

    /// <summary>The shortest sleep between batches; at high rates each wake-up emits every post that fell due.</summary>
    private static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(10);

    /// <summary>When the consumer falls further behind than this, the stream skips rather than floods.</summary>
    private static readonly TimeSpan MaximumBacklog = TimeSpan.FromSeconds(2);

    private const int RememberedPublications = 10_000;

    private readonly DemoPostFactory _factory;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<DemoNetwork> _logger;
    private readonly ConcurrentQueue<Post> _published = new();
    private readonly Lock _publicationsLock = new();
    private readonly Dictionary<string, Post> _publicationsByRequestId = new(StringComparer.Ordinal);
    private readonly Queue<string> _publicationOrder = new();
    private TaskCompletionSource _wake = NewWake();
    private long _nextSequence;
    private double _postsPerSecond;
    private int _rateVersion;

    public DemoNetwork(DemoPostFactory factory, IOptions<DemoOptions> options, TimeProvider timeProvider, ILogger<DemoNetwork> logger)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _factory = factory;
        _timeProvider = timeProvider;
        _logger = logger;
        _postsPerSecond = CheckedRate(options.Value.PostsPerSecond);
    }

    public DemoWorld World => _factory.World;

    public DemoPostFactory Factory => _factory;

    public double PostsPerSecond => Volatile.Read(ref _postsPerSecond);

    /// <summary>The sequence number of the next generated post; persist it (or derive it from the archive) to resume.</summary>
    public long NextSequence => Interlocked.Read(ref _nextSequence);

    /// <summary>Changes the pace of running streams at once.</summary>
    public void ChangeRate(double postsPerSecond)
    {
        Volatile.Write(ref _postsPerSecond, CheckedRate(postsPerSecond));
        Interlocked.Increment(ref _rateVersion);
        Log.DemoRateChanged(_logger, postsPerSecond);
        Wake();
    }

    /// <summary>
    /// Continues after a restart from <paramref name="nextSequence"/>, e.g. one past the newest archived post's
    /// <see cref="DemoPostFactory.TryGetSequence"/>, so that the stream does not repeat posts the archive already has.
    /// </summary>
    public void ResumeAt(long nextSequence)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nextSequence);
        Interlocked.Exchange(ref _nextSequence, nextSequence);
    }

    /// <summary>
    /// Takes the next <paramref name="count"/> posts and dates them evenly over the <see cref="BackfillSpan"/> that
    /// ends at <paramref name="until"/> (UTC), so a first start does not show an empty deck.
    /// </summary>
    public IReadOnlyList<Post> Backfill(int count, DateTime until)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (until.Kind == DateTimeKind.Local)
        {
            throw new ArgumentException("Post instants are UTC.", nameof(until));
        }

        until = DateTime.SpecifyKind(until, DateTimeKind.Utc);
        var first = Interlocked.Add(ref _nextSequence, count) - count;
        var posts = new Post[count];
        for (var i = 0; i < count; i++)
        {
            var offset = TimeSpan.FromTicks(BackfillSpan.Ticks / Math.Max(count, 1) * (count - 1 - i));
            posts[i] = _factory.Create(first + i, until - offset);
        }

        Log.DemoBackfilled(_logger, count, first);
        return posts;
    }

    /// <summary>
    /// Posts at <see cref="PostsPerSecond"/>, paced by the injected clock, with posts published to the network
    /// in between as soon as they are published. A generated post's <c>CreatedAt</c> is the instant it fell due.
    /// Ends only when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public async IAsyncEnumerable<Post> StreamAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var rateVersion = Volatile.Read(ref _rateVersion);
        var rate = PostsPerSecond;
        var periodStart = _timeProvider.GetUtcNow();
        long emittedInPeriod = 0;
        Log.DemoStreamStarted(_logger, NextSequence, rate);

        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();

            // Taken before looking at the queue, so a post published after the look still ends the wait below.
            var wake = Volatile.Read(ref _wake).Task;
            while (_published.TryDequeue(out var published))
            {
                yield return published;
            }

            var now = _timeProvider.GetUtcNow();
            var currentVersion = Volatile.Read(ref _rateVersion);
            if (currentVersion != rateVersion)
            {
                rateVersion = currentVersion;
                rate = PostsPerSecond;
                periodStart = now;
                emittedInPeriod = 0;
            }

            var due = (long)Math.Floor((now - periodStart).Ticks * rate / TimeSpan.TicksPerSecond) - emittedInPeriod;
            var maximumDue = Math.Max(1, (long)Math.Ceiling(rate * MaximumBacklog.TotalSeconds));
            if (due > maximumDue)
            {
                Log.DemoPostsSkipped(_logger, due - maximumDue);
                emittedInPeriod += due - maximumDue;
                due = maximumDue;
            }

            if (due > 0)
            {
                for (var i = 0; i < due && _published.IsEmpty; i++)
                {
                    emittedInPeriod++;
                    var dueAt = periodStart + TicksFor(emittedInPeriod, rate);
                    var createdAt = (dueAt < now ? dueAt : now).UtcDateTime;
                    var sequence = Interlocked.Increment(ref _nextSequence) - 1;
                    yield return _factory.Create(sequence, createdAt);
                }

                continue;
            }

            var wait = periodStart + TicksFor(emittedInPeriod + 1, rate) - now;
            using var delayCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = Task.Delay(wait > MinimumWait ? wait : MinimumWait, _timeProvider, delayCancellation.Token);
            await Task.WhenAny(delay, wake);

            // Releases the timer when a publication or a rate change ended the wait early.
            await delayCancellation.CancelAsync();
        }
    }

    /// <summary>
    /// Publishes to the demo network: the post gets the network's own id and URL and the current time, and
    /// appears in the stream promptly whatever the rate. <paramref name="post"/>.RemoteId is the caller's
    /// idempotency key: publishing the same key again returns the first result and does not post twice, and the post's id
    /// depends only on the key.
    /// </summary>
    public Task<Post> PublishAsync(Post post, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        cancellationToken.ThrowIfCancellationRequested();
        if (post.Network != Network.Demo)
        {
            throw new ArgumentException($"A {post.Network} post cannot be published to the demo network.", nameof(post));
        }

        Post published;
        lock (_publicationsLock)
        {
            if (_publicationsByRequestId.TryGetValue(post.RemoteId, out var earlier))
            {
                return Task.FromResult(earlier);
            }

            var now = _timeProvider.GetUtcNow();
            var id = PublishedIdFor(post.RemoteId);
            published = post with
            {
                RemoteId = "demo:" + World.Seed.ToString(CultureInfo.InvariantCulture) + ":" + id,
                CreatedAt = now.UtcDateTime,
                Url = DemoPostFactory.PostUrlPrefix + post.Author.Handle + "/posts/" + id,
            };
            _publicationsByRequestId.Add(post.RemoteId, published);
            _publicationOrder.Enqueue(post.RemoteId);
            if (_publicationOrder.Count > RememberedPublications)
            {
                _publicationsByRequestId.Remove(_publicationOrder.Dequeue());
            }

            _published.Enqueue(published);
        }

        Log.DemoPostPublished(_logger, published.RemoteId, published.Author.Handle);
        Wake();
        return Task.FromResult(published);
    }

    /// <summary>The post published with request id <paramref name="requestId"/>, while this network still remembers it.</summary>
    public Post? FindPublished(string requestId)
    {
        lock (_publicationsLock)
        {
            return _publicationsByRequestId.GetValueOrDefault(requestId);
        }
    }

    /// <summary>The handle of the author of a demo post (generated or published), or null when it is not a demo post this network knows.</summary>
    public string? AuthorOf(string remoteId) => Find(remoteId)?.Author.Handle;

    /// <summary>
    /// A demo post by its remote id: one published here while the network remembers it, or a generated one (its content;
    /// its time is not the one it was streamed with). Null when it is not a demo post this network knows.
    /// </summary>
    public Post? Find(string remoteId)
    {
        ArgumentNullException.ThrowIfNull(remoteId);
        lock (_publicationsLock)
        {
            var published = _publicationsByRequestId.Values.FirstOrDefault(post => post.RemoteId == remoteId);
            if (published is not null)
            {
                return published;
            }
        }

        return _factory.TryGetSequence(remoteId, out var sequence) ? _factory.Create(sequence, DateTime.UnixEpoch) : null;
    }

    /// <summary>Deletes a published post: the network forgets it, and its request id can no longer find it.</summary>
    public void Delete(string remoteId)
    {
        ArgumentNullException.ThrowIfNull(remoteId);
        lock (_publicationsLock)
        {
            foreach (var (key, post) in _publicationsByRequestId.Where(pair => pair.Value.RemoteId == remoteId).ToList())
            {
                _publicationsByRequestId.Remove(key);
                Log.DemoPostDeleted(_logger, post.RemoteId);
            }
        }
    }

    /// <summary>
    /// The id a publication gets, derived from its request id alone, so that sending the same request again after a
    /// restart (when this in-memory network has forgotten it) gives the same post, which the archive keeps once.
    /// </summary>
    internal static string PublishedIdFor(string requestId)
    {
        var readable = requestId.Length is > 0 and <= 64 && requestId.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
        return "out-" + (readable
            ? requestId
            : Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(requestId)))[..32]);
    }

    private static TimeSpan TicksFor(long posts, double rate) =>
        TimeSpan.FromTicks((long)Math.Ceiling(posts * (double)TimeSpan.TicksPerSecond / rate));

    private static double CheckedRate(double postsPerSecond)
    {
        if (double.IsNaN(postsPerSecond) || postsPerSecond < DemoOptions.MinimumPostsPerSecond || postsPerSecond > DemoOptions.MaximumPostsPerSecond)
        {
            throw new ArgumentOutOfRangeException(
                nameof(postsPerSecond),
                postsPerSecond,
                $"The demo rate is between {DemoOptions.MinimumPostsPerSecond} and {DemoOptions.MaximumPostsPerSecond} posts per second.");
        }

        return postsPerSecond;
    }

    private static TaskCompletionSource NewWake() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void Wake() => Interlocked.Exchange(ref _wake, NewWake()).TrySetResult();
}

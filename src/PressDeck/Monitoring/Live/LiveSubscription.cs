using System.Collections.Concurrent;
using PressDeck.Data.Archive;

namespace PressDeck.Monitoring.Live;

/// <summary>
/// One open column's inbox of new posts. The ingest thread offers, the column drains on its own redraw timer; when the
/// column falls behind by more than the capacity, the oldest waiting posts are dropped (they remain in the archive).
/// </summary>
public sealed class LiveSubscription : IDisposable
{
    private readonly LiveFeed _feed;
    private readonly int _capacity;
    private readonly ConcurrentQueue<StoredPost> _pending = new();
    private int _count;

    internal LiveSubscription(LiveFeed feed, int columnId, int capacity)
    {
        _feed = feed;
        ColumnId = columnId;
        _capacity = capacity;
    }

    public int ColumnId { get; }

    public bool HasPending => !_pending.IsEmpty;

    /// <summary>Posts dropped because the column did not keep up.</summary>
    public long Overflowed { get; private set; }

    public void Offer(StoredPost post)
    {
        _pending.Enqueue(post);
        if (Interlocked.Increment(ref _count) > _capacity && _pending.TryDequeue(out _))
        {
            Interlocked.Decrement(ref _count);
            Overflowed++;
        }
    }

    /// <summary>Takes every waiting post, oldest first.</summary>
    public List<StoredPost> Drain()
    {
        var posts = new List<StoredPost>();
        while (_pending.TryDequeue(out var post))
        {
            Interlocked.Decrement(ref _count);
            posts.Add(post);
        }

        return posts;
    }

    public void Dispose() => _feed.Unsubscribe(this);
}

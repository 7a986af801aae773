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
    private readonly ConcurrentQueue<long> _retracted = new();
    private int _count;

    internal LiveSubscription(LiveFeed feed, int columnId, int capacity)
    {
        _feed = feed;
        ColumnId = columnId;
        _capacity = capacity;
    }

    public int ColumnId { get; }

    public bool HasPending => !_pending.IsEmpty || !_retracted.IsEmpty;

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

    /// <summary>A post was deleted on its network: the column takes it away if it shows it.</summary>
    public void Retract(long postId)
    {
        // Bounded like the posts: a flood of deletes drops the oldest notices, not memory.
        _retracted.Enqueue(postId);
        if (_retracted.Count > _capacity)
        {
            _retracted.TryDequeue(out _);
        }
    }

    /// <summary>Takes the ids of every post deleted since the last call.</summary>
    public HashSet<long> DrainRetracted()
    {
        var ids = new HashSet<long>();
        while (_retracted.TryDequeue(out var id))
        {
            ids.Add(id);
        }

        return ids;
    }

    public void Dispose() => _feed.Unsubscribe(this);
}

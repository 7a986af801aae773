using System.Collections.Concurrent;
using System.Collections.Immutable;
using PressDeck.Data.Archive;

namespace PressDeck.Monitoring.Live;

/// <summary>
/// In-process fan-out from the ingest worker to the open columns, keyed by column id. Delivery never blocks:
/// each subscriber buffers into its own bounded queue, so a slow or gone browser cannot slow ingest.
/// </summary>
public sealed class LiveFeed
{
    private readonly ConcurrentDictionary<int, ImmutableArray<LiveSubscription>> _subscriptions = new();

    public LiveSubscription Subscribe(int columnId, int capacity = 500)
    {
        var subscription = new LiveSubscription(this, columnId, capacity);
        _subscriptions.AddOrUpdate(columnId, [subscription], (_, existing) => existing.Add(subscription));
        return subscription;
    }

    public int SubscriberCount => _subscriptions.Values.Sum(s => s.Length);

    public void Publish(int columnId, StoredPost post)
    {
        if (_subscriptions.TryGetValue(columnId, out var subscribers))
        {
            foreach (var subscriber in subscribers)
            {
                subscriber.Offer(post);
            }
        }
    }

    /// <summary>Tells every open column that these posts were deleted, so any column that shows one takes it away.</summary>
    public void Retract(IReadOnlyCollection<long> postIds)
    {
        ArgumentNullException.ThrowIfNull(postIds);
        if (postIds.Count == 0)
        {
            return;
        }

        foreach (var subscribers in _subscriptions.Values)
        {
            foreach (var subscriber in subscribers)
            {
                foreach (var id in postIds)
                {
                    subscriber.Retract(id);
                }
            }
        }
    }

    internal void Unsubscribe(LiveSubscription subscription)
    {
        while (_subscriptions.TryGetValue(subscription.ColumnId, out var existing))
        {
            var updated = existing.Remove(subscription);
            var replaced = updated.IsEmpty
                ? _subscriptions.TryRemove(new KeyValuePair<int, ImmutableArray<LiveSubscription>>(subscription.ColumnId, existing))
                : _subscriptions.TryUpdate(subscription.ColumnId, updated, existing);
            if (replaced)
            {
                return;
            }
        }
    }
}

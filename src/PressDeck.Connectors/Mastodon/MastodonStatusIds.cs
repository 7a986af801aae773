namespace PressDeck.Connectors.Mastodon;

/// <summary>
/// The URIs (PressDeck's remote ids) of the statuses recently read from one server, by that server's status id: a
/// <c>delete</c> event names only the server's id, so this turns it back into the remote id. Bounded: the oldest
/// entries are forgotten first. Thread-safe.
/// </summary>
public sealed class MastodonStatusIds(int capacity = 50_000)
{
    private readonly Dictionary<string, string> _uris = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private readonly Lock _lock = new();

    public void Learn(string statusId, string remoteId)
    {
        ArgumentNullException.ThrowIfNull(statusId);
        ArgumentNullException.ThrowIfNull(remoteId);
        lock (_lock)
        {
            if (_uris.TryAdd(statusId, remoteId))
            {
                _order.Enqueue(statusId);
                while (_order.Count > capacity && _order.TryDequeue(out var oldest))
                {
                    _uris.Remove(oldest);
                }
            }
        }
    }

    /// <summary>The remote id of the status with this server id, or null when it was not read recently.</summary>
    public string? Find(string statusId)
    {
        lock (_lock)
        {
            return _uris.GetValueOrDefault(statusId);
        }
    }
}

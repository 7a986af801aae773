using System.Collections.Concurrent;
namespace PressDeck.Connectors.Bluesky;

/// <summary>
/// A bounded in-memory map from DID to handle. When it is full, it starts again from empty (the handles of active
/// accounts return with their next identity event or profile lookup). Thread-safe.
/// </summary>
public sealed class BlueskyHandleCache(int capacity = 200_000) : IBlueskyHandles
{
    private readonly ConcurrentDictionary<string, string> _handles = new(StringComparer.Ordinal);

    public int Count => _handles.Count;

    public string? Find(string did)
    {
        ArgumentNullException.ThrowIfNull(did);
        return _handles.TryGetValue(did, out var handle) ? handle : null;
    }

    public void Learn(string did, string handle)
    {
        ArgumentNullException.ThrowIfNull(did);
        ArgumentNullException.ThrowIfNull(handle);
        var normal = BlueskyHandle.Normalise(handle);
        if (!did.StartsWith("did:", StringComparison.Ordinal) || normal is null or "handle.invalid")
        {
            return;
        }

        if (_handles.Count >= capacity && !_handles.ContainsKey(did))
        {
            _handles.Clear();
        }

        _handles[did] = normal;
    }
}

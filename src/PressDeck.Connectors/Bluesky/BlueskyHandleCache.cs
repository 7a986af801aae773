using System.Collections.Concurrent;

namespace PressDeck.Connectors.Bluesky;

/// <summary>
/// A bounded in-memory map from DID to profile. When it is full, it starts again from empty (the profiles of active
/// accounts return with their next lookup). Thread-safe.
/// </summary>
public sealed class BlueskyHandleCache(int capacity = 200_000) : IBlueskyHandles
{
    private readonly ConcurrentDictionary<string, BlueskyProfile> _profiles = new(StringComparer.Ordinal);

    public int Count => _profiles.Count;

    public string? Find(string did) => FindProfile(did)?.Handle;

    public BlueskyProfile? FindProfile(string did)
    {
        ArgumentNullException.ThrowIfNull(did);
        return _profiles.TryGetValue(did, out var profile) ? profile : null;
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

        // A new handle for a known account keeps its name and avatar.
        var known = FindProfile(did);
        Store(known is null ? new BlueskyProfile(did, normal, null, null) : known with { Handle = normal });
    }

    public void Learn(BlueskyProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (profile.Did.StartsWith("did:", StringComparison.Ordinal) && BlueskyHandle.Normalise(profile.Handle) is { } normal and not "handle.invalid")
        {
            Store(profile with { Handle = normal });
        }
    }

    private void Store(BlueskyProfile profile)
    {
        if (_profiles.Count >= capacity && !_profiles.ContainsKey(profile.Did))
        {
            _profiles.Clear();
        }

        _profiles[profile.Did] = profile;
    }
}

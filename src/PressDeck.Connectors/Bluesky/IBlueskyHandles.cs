namespace PressDeck.Connectors.Bluesky;

/// <summary>
/// What PressDeck knows of Bluesky accounts, by DID (Jetstream events carry DIDs only). A lookup never waits on the
/// network: unknown DIDs are resolved in batches by <see cref="BlueskyIdentityResolver"/>.
/// </summary>
public interface IBlueskyHandles
{
    /// <summary>The handle of <paramref name="did"/>, lower case, or null when it is not known (yet).</summary>
    string? Find(string did);

    /// <summary>The profile of <paramref name="did"/> (handle, and the name and avatar when a profile lookup gave them), or null.</summary>
    BlueskyProfile? FindProfile(string did);

    /// <summary>Records that <paramref name="did"/> has <paramref name="handle"/> (an identity event, a mention facet).</summary>
    void Learn(string did, string handle);

    /// <summary>Records a profile from the AppView.</summary>
    void Learn(BlueskyProfile profile);
}

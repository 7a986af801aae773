namespace PressDeck.Connectors.Bluesky;

/// <summary>
/// What PressDeck knows of Bluesky accounts' handles, by DID (Jetstream events carry DIDs only). A lookup never
/// waits on the network: an unknown DID is resolved in the background by the live source.
/// </summary>
public interface IBlueskyHandles
{
    /// <summary>The handle of <paramref name="did"/>, lower case, or null when it is not known (yet).</summary>
    string? Find(string did);

    /// <summary>Records that <paramref name="did"/> has <paramref name="handle"/> (an identity event, a profile, a mention facet).</summary>
    void Learn(string did, string handle);
}

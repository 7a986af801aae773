namespace PressDeck.Connectors.Feeds;

/// <summary>What one poll of a feed found.</summary>
public enum FeedPollOutcome
{
    /// <summary>A new document was read; <see cref="FeedPollResult.Posts"/> holds its new and edited items (possibly none).</summary>
    Read,

    /// <summary>304 Not Modified: nothing changed.</summary>
    NotModified,

    /// <summary>200 with the same body as last time (a server that ignores validators): nothing changed.</summary>
    Unchanged,

    /// <summary>The fetch or the document failed; polling backs off (see <see cref="FeedPollResult.Error"/>).</summary>
    Failed,

    /// <summary>The server asked PressDeck to wait (429 or 503 with Retry-After) until <see cref="FeedPollResult.NextPollAt"/>.</summary>
    RateLimited,

    /// <summary>410 Gone: the feed no longer exists and polling stops.</summary>
    Gone,
}

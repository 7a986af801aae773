namespace PressDeck.Core.Publishing;

/// <summary>What a failed attempt to publish means for the next step.</summary>
public enum PublishFailureKind
{
    /// <summary>The network refused the post (too long, bad token, duplicate, suspended account): retrying the same request will not help; a person must act.</summary>
    Refused,

    /// <summary>Nothing was created (the request never reached the network, or it answered 429/5xx to a request it deduplicates): retry after <see cref="PublishException.RetryAfter"/>.</summary>
    Transient,

    /// <summary>The request may have reached the network and no answer came: look for the post (<see cref="IPostPublisher.FindPublishedAsync"/>) before anything else.</summary>
    OutcomeUnknown,
}

namespace PressDeck.Core.Publishing;

/// <summary>
/// One post to publish from one account. <see cref="RequestKey"/> is chosen once, committed before the network is called,
/// and sent again unchanged on every retry, so a post is never published twice: it becomes the Bluesky record key, the
/// Mastodon <c>Idempotency-Key</c> and the demo network's request id; X has no such key (see
/// <see cref="IPostPublisher.FindPublishedAsync"/>).
/// </summary>
public sealed record OutgoingPost
{
    /// <summary>The post's text as the person wrote it; links, mentions and hashtags are turned into the network's form by the publisher.</summary>
    public required string Text { get; init; }

    /// <summary>A stable key that is a valid Bluesky record key; PressDeck uses an AT Protocol TID (13 characters of base32-sortable).</summary>
    public required string RequestKey { get; init; }

    public IReadOnlyList<OutgoingImage> Images { get; init; } = [];

    public PostReference? ReplyTo { get; init; }

    public PostReference? Quote { get; init; }

    /// <summary>BCP-47 language of the text (e.g. <c>en</c>), when known.</summary>
    public string? Language { get; init; }

    /// <summary>When the post was committed to be sent (UTC): the Bluesky record's <c>createdAt</c>, and the earliest time a lookup for it searches from.</summary>
    public required DateTime CreatedAt { get; init; }
}

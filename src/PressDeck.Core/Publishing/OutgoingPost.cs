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

    /// <summary>
    /// Set for a repost (Bluesky repost, Mastodon boost, X retweet) of that post on the same network. <see cref="Text"/>
    /// is then empty and ignored, and a repost carries no images, reply or quote: a publisher refuses such a combination
    /// with <see cref="PublishFailureKind.Refused"/> and a clear message (<see cref="RepostProblem"/>). The request key
    /// still names the attempt, so a resend never reposts twice where the network allows it to be prevented.
    /// </summary>
    public PostReference? RepostOf { get; init; }

    /// <summary>True when this is a repost of <see cref="RepostOf"/>.</summary>
    public bool IsRepost => RepostOf is not null;

    /// <summary>BCP-47 language of the text (e.g. <c>en</c>), when known.</summary>
    public string? Language { get; init; }

    /// <summary>When the post was committed to be sent (UTC): the Bluesky record's <c>createdAt</c>, and the earliest time a lookup for it searches from.</summary>
    public required DateTime CreatedAt { get; init; }

    /// <summary>
    /// Why this repost cannot be sent as it is (text, images, a reply or a quote given with <see cref="RepostOf"/>), in
    /// words for the author; null when it is not a repost or is a valid one.
    /// </summary>
    public string? RepostProblem()
    {
        if (RepostOf is null)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(RepostOf.RemoteId))
        {
            return "The repost does not name the post to repost.";
        }

        var extras = new List<string>(4);
        if (!string.IsNullOrWhiteSpace(Text))
        {
            extras.Add("text");
        }

        if (Images.Count > 0)
        {
            extras.Add("images");
        }

        if (ReplyTo is not null)
        {
            extras.Add("a reply");
        }

        if (Quote is not null)
        {
            extras.Add("a quote");
        }

        return extras.Count == 0
            ? null
            : $"A repost only shares another post; it cannot also carry {string.Join(" or ", extras)}. Write a quote post to add words or images.";
    }
}

using PressDeck.Core.Posts;

namespace PressDeck.Connectors.Feeds;

/// <summary>
/// One poll's result: the posts to store (new items, and items the feed dates a later edit for; oldest first), the
/// items refused with their reasons, and the <see cref="Resume"/> point to store once the posts are stored.
/// <see cref="MovedTo"/> is set when every redirect was permanent (301/308): store it as the feed's address.
/// <see cref="Recovery"/> says what was repaired to read a broken document. <see cref="NextPollAt"/> is when to poll again.
/// </summary>
public sealed record FeedPollResult(
    FeedPollOutcome Outcome,
    IReadOnlyList<Post> Posts,
    IReadOnlyList<RecordedItem> Refusals,
    FeedResumePoint Resume,
    DateTimeOffset NextPollAt,
    Uri? MovedTo = null,
    string? Error = null,
    string? Recovery = null);

using PressDeck.Core.Posts;

namespace PressDeck.Monitoring.Conversations;

/// <summary>
/// The posts around one post, oldest first: what it replies to, the post itself (at <see cref="FocusIndex"/>), and the
/// replies to it; or, when they cannot be fetched, <see cref="Problem"/> says why in words.
/// </summary>
public sealed record Conversation(IReadOnlyList<Post> Posts, int FocusIndex, string? Problem = null)
{
    public static Conversation Unavailable(string problem) => new([], -1, problem);
}

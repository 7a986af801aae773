using PressDeck.Core.Posts;

namespace PressDeck.Core.Ingest;

/// <summary>The outcome of <see cref="PostSanitiser.Check"/>: the post to use (null when refused) and what was wrong.</summary>
public sealed record PostCheck(Post? Post, string? Problem)
{
    public bool IsAccepted => Post is not null;

    public static PostCheck Accepted(Post post, string? change) => new(post, change);

    public static PostCheck Refused(string reason) => new(null, reason);
}

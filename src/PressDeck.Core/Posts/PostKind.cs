namespace PressDeck.Core.Posts;

/// <summary>The primary kind of a post. A reply that also quotes is <see cref="Reply"/> with <see cref="Post.QuoteOfId"/> set.</summary>
public enum PostKind
{
    Post,
    Reply,
    Repost,
    Quote,
}

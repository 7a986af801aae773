namespace PressDeck.Core.Query;

/// <summary>The values of <c>is:</c>; a post can be a reply and a quote at once, a repost is only a repost.</summary>
public enum IsFilter
{
    Reply,

    Quote,

    /// <summary><c>is:repost</c>, alias <c>is:retweet</c>.</summary>
    Repost,
}

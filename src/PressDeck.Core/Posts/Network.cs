namespace PressDeck.Core.Posts;

/// <summary>A network PressDeck monitors. The names are the values of the query language's <c>network:</c> operator.</summary>
public enum Network
{
    Demo,
    Bluesky,
    Mastodon,
    X,
    Rss,
}

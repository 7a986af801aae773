using PressDeck.Core.Posts;

namespace PressDeck.Core.Tests.Support;

/// <summary>Small builder for test posts: a Bluesky post by alice.bsky.social unless told otherwise.</summary>
internal static class PostBuilder
{
    public static Post Post(
        string text,
        string author = "alice.bsky.social",
        PostKind kind = PostKind.Post,
        Network network = Network.Bluesky,
        string? replyTo = null,
        string? quoteOf = null,
        string? repostOf = null,
        string? title = null,
        IReadOnlyList<string>? languages = null,
        IReadOnlyList<string>? links = null,
        IReadOnlyList<string>? hashtags = null,
        IReadOnlyList<string>? mentions = null,
        IReadOnlyList<MediaItem>? media = null) => new()
        {
            Network = network,
            RemoteId = "p1",
            Author = new Author(author, author),
            Text = text,
            CreatedAt = new DateTime(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc),
            Kind = kind,
            ReplyToHandle = replyTo,
            QuoteOfId = quoteOf,
            RepostOfHandle = repostOf,
            Title = title,
            Languages = languages ?? [],
            Links = links ?? [],
            Hashtags = hashtags ?? [],
            Mentions = mentions ?? [],
            Media = media ?? [],
        };
}

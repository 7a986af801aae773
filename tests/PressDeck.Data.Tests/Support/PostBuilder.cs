using PressDeck.Core.Posts;
using PressDeck.Core.Text;
using PressDeck.Data.Archive;

namespace PressDeck.Data.Tests.Support;

/// <summary>Small builders for archive test data: a Bluesky post by alice.bsky.social unless told otherwise.</summary>
internal static class PostBuilder
{
    public static readonly DateTime Start = new(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc);

    public static Post Post(
        string text,
        string remoteId = "p1",
        string author = "alice.bsky.social",
        Network network = Network.Bluesky,
        DateTime? createdAt = null,
        PostKind kind = PostKind.Post,
        string? replyTo = null,
        IReadOnlyList<string>? languages = null,
        IReadOnlyList<string>? links = null,
        IReadOnlyList<string>? hashtags = null,
        IReadOnlyList<string>? mentions = null,
        IReadOnlyList<MediaItem>? media = null) => new()
        {
            Network = network,
            RemoteId = remoteId,
            Author = new Author(author, author),
            Text = text,
            CreatedAt = createdAt ?? Start,
            Kind = kind,
            ReplyToHandle = replyTo,
            Languages = languages ?? [],
            Links = links ?? [],
            Hashtags = hashtags ?? [],
            Mentions = mentions ?? [],
            Media = media ?? [],
        };

    public static ArchiveEntry Entry(Post post) => new(post, PostAnalyzer.Analyze(post), post.CreatedAt.AddSeconds(5));

    public static IReadOnlyList<ArchiveEntry> Entries(IEnumerable<Post> posts) => posts.Select(Entry).ToList();
}

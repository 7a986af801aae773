using PressDeck.Core.Posts;

namespace PressDeck.Data.Archive;

/// <summary>
/// A post as stored in the archive: unique on (<see cref="Network"/>, <see cref="RemoteId"/>). The canonical post is kept
/// whole as JSON so archive search can re-check candidates with the same evaluator the live matcher uses.
/// </summary>
public sealed class ArchivedPost
{
    public long Id { get; set; }

    public Network Network { get; set; }

    public string RemoteId { get; set; } = "";

    public string AuthorHandle { get; set; } = "";

    public string AuthorName { get; set; } = "";

    public string Text { get; set; } = "";

    public PostKind Kind { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime ReceivedAt { get; set; }

    public string? Url { get; set; }

    public string PostJson { get; set; } = "";

    /// <summary>When the author last edited the post; its earlier versions are in <see cref="PostVersion"/>.</summary>
    public DateTime? EditedAt { get; set; }

    /// <summary>
    /// When the network said the post was deleted. The row stays, without its text, as a tombstone: it hides the post
    /// from search and columns and stops a replayed or late copy from bringing it back.
    /// </summary>
    public DateTime? DeletedAt { get; set; }
}

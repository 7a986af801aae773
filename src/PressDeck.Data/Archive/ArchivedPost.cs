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
}

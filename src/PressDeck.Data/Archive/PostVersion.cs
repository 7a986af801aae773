namespace PressDeck.Data.Archive;

/// <summary>An earlier version of an archived post, kept when the author edited it (issue 4: an edit keeps its earlier versions).</summary>
public sealed class PostVersion
{
    public long Id { get; set; }

    /// <summary>The archived post this was a version of.</summary>
    public long PostId { get; set; }

    public string Text { get; set; } = "";

    /// <summary>The whole canonical post as it was, like <see cref="ArchivedPost.PostJson"/>.</summary>
    public string PostJson { get; set; } = "";

    /// <summary>When this version was written (the post's creation or its previous edit).</summary>
    public DateTime WrittenAt { get; set; }

    /// <summary>When the newer version replaced it in the archive.</summary>
    public DateTime ReplacedAt { get; set; }
}

namespace PressDeck.Core.Posts;

/// <summary>
/// The canonical post every source adapter produces. Instants are UTC. For a repost, <see cref="Author"/> is the
/// person who reposted and <see cref="Text"/>, entities and media are those of the original post.
/// </summary>
public sealed record Post
{
    public required Network Network { get; init; }

    /// <summary>The network's own id or URI; unique together with <see cref="Network"/>.</summary>
    public required string RemoteId { get; init; }

    public required Author Author { get; init; }

    /// <summary>Plain text (HTML already turned into text by the normaliser's HTML step where the network sends HTML).</summary>
    public required string Text { get; init; }

    public required DateTime CreatedAt { get; init; }

    public PostKind Kind { get; init; } = PostKind.Post;

    /// <summary>Link to the post on its network, if it has one.</summary>
    public string? Url { get; init; }

    /// <summary>The handle this post replies to; set also makes the post a reply.</summary>
    public string? ReplyToHandle { get; init; }

    /// <summary>The remote id of the quoted post; set also makes the post a quote.</summary>
    public string? QuoteOfId { get; init; }

    /// <summary>For a repost: the handle of the original author.</summary>
    public string? RepostOfHandle { get; init; }

    /// <summary>Language codes declared by the network or detected (e.g. <c>en</c>, <c>en-GB</c>).</summary>
    public IReadOnlyList<string> Languages { get; init; } = [];

    /// <summary>Links the network supplied (facets, entities, feed item link); links in the text are found by the normaliser.</summary>
    public IReadOnlyList<string> Links { get; init; } = [];

    public IReadOnlyList<MediaItem> Media { get; init; } = [];

    /// <summary>Hashtags the network supplied that may not be visible in <see cref="Text"/> (without <c>#</c>).</summary>
    public IReadOnlyList<string> Hashtags { get; init; } = [];

    /// <summary>Mentioned handles the network supplied that may not be visible in <see cref="Text"/> (without <c>@</c>).</summary>
    public IReadOnlyList<string> Mentions { get; init; } = [];

    /// <summary>When the author last edited the post, if the network says it was edited; the post then replaces the earlier version.</summary>
    public DateTime? EditedAt { get; init; }

    /// <summary>For a feed item: its title (the text is title and summary).</summary>
    public string? Title { get; init; }

    /// <summary>A repost is only a repost, never also the original's reply or quote status (QUERY-LANGUAGE.md section 7).</summary>
    public bool IsReply => Kind != PostKind.Repost && (Kind == PostKind.Reply || ReplyToHandle is not null);

    public bool IsQuote => Kind != PostKind.Repost && (Kind == PostKind.Quote || QuoteOfId is not null);

    public bool IsRepost => Kind == PostKind.Repost;
}

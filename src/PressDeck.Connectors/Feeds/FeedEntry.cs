namespace PressDeck.Connectors.Feeds;

/// <summary>
/// One item or entry of a feed, as the feed wrote it. <see cref="Summary"/> and <see cref="Content"/> are HTML (or
/// text, which reads the same); <see cref="Published"/> and <see cref="Updated"/> are the raw date strings, parsed
/// leniently by <see cref="FeedDates"/>.
/// </summary>
public sealed record FeedEntry
{
    /// <summary>RSS <c>guid</c>, RSS 1.0 <c>rdf:about</c>, Atom <c>id</c> or JSON Feed <c>id</c>.</summary>
    public string? Id { get; init; }

    public string? Title { get; init; }

    /// <summary>The item's own address: RSS <c>link</c>, Atom <c>link rel="alternate"</c>, JSON Feed <c>url</c>.</summary>
    public string? Link { get; init; }

    /// <summary>Further addresses the feed gives for the item (Atom <c>related</c>/<c>via</c> links, JSON Feed <c>external_url</c>, a permalink guid).</summary>
    public IReadOnlyList<string> OtherLinks { get; init; } = [];

    public string? Summary { get; init; }

    public string? Content { get; init; }

    public string? Published { get; init; }

    public string? Updated { get; init; }

    /// <summary>The item's own language (<c>xml:lang</c>, <c>dc:language</c>, JSON Feed <c>language</c>), if it has one.</summary>
    public string? Language { get; init; }

    public IReadOnlyList<FeedEntryMedia> Media { get; init; } = [];
}

namespace PressDeck.Connectors.Feeds;

/// <summary>The kind of feed document (protocols.md 4.1–4.3); RSS covers 0.91, 0.92, 1.0 (RDF) and 2.0.</summary>
public enum FeedFormat
{
    Rss,
    Atom,
    JsonFeed,
}

namespace PressDeck.Connectors.Feeds;

/// <summary>
/// A file attached to a feed item (RSS <c>enclosure</c>, Media RSS <c>media:content</c>/<c>media:thumbnail</c>, Atom
/// <c>link rel="enclosure"</c>, JSON Feed <c>image</c>/<c>attachments</c>): its address, MIME type or Media RSS medium
/// as given, and the description the feed gives for it (<c>media:description</c>, <c>media:title</c>, attachment title).
/// </summary>
public sealed record FeedEntryMedia(string Url, string? MimeType, string? Medium, string? Description);

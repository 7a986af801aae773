namespace PressDeck.Connectors.Feeds;

/// <summary>A feed document's bytes as text: the encoding used, and how it was chosen when the document's own word could not be taken.</summary>
public sealed record DecodedFeedText(string Text, string EncodingName, string? Recovery);

namespace PressDeck.Connectors.Html;

/// <summary>
/// HTML turned into plain text: <paramref name="Text"/> holds no markup, only words and line breaks, and
/// <paramref name="Links"/> the absolute http(s) targets of its anchors, in document order without duplicates.
/// </summary>
public sealed record HtmlTextResult(string Text, IReadOnlyList<string> Links);

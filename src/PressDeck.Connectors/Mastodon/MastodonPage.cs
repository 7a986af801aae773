namespace PressDeck.Connectors.Mastodon;

/// <summary>
/// One page of a list endpoint: its items in the server's order (newest first), the <c>Link</c> header's
/// <c>rel="next"</c> (older) and <c>rel="prev"</c> (newer) addresses, and the items that could not be read, with why.
/// </summary>
public sealed record MastodonPage<T>(IReadOnlyList<T> Items, Uri? Next, Uri? Previous, IReadOnlyList<string> Refusals);

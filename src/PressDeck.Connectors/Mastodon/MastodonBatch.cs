namespace PressDeck.Connectors.Mastodon;

/// <summary>
/// Items gathered over several pages, oldest first, with the items that could not be read; <see cref="IsComplete"/> is
/// false when the page limit stopped the reading before the end.
/// </summary>
public sealed record MastodonBatch<T>(IReadOnlyList<T> Items, IReadOnlyList<string> Refusals, bool IsComplete);

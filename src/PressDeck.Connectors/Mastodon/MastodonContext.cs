namespace PressDeck.Connectors.Mastodon;

/// <summary>The conversation around a status (<c>/api/v1/statuses/:id/context</c>): what it replies to, oldest first, and the replies to it.</summary>
public sealed record MastodonContext(IReadOnlyList<MastodonStatus> Ancestors, IReadOnlyList<MastodonStatus> Descendants);

namespace PressDeck.Connectors.Mastodon;

/// <summary>One of the account's own lists (<c>/api/v1/lists</c>): journalists, stakeholders, and so on.</summary>
public sealed record MastodonList(string Id, string Title);

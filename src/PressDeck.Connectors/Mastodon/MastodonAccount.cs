namespace PressDeck.Connectors.Mastodon;

/// <summary>An account as a server shows it; <see cref="Handle"/> is always <c>user@instance</c>.</summary>
public sealed record MastodonAccount(string Id, string Handle, string DisplayName, string? AvatarUrl, string? Url);

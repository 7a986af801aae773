namespace PressDeck.Core.Posts;

/// <summary>
/// The account that published a post. <paramref name="Handle"/> follows QUERY-LANGUAGE.md section 1
/// (X username, Bluesky handle, Mastodon <c>user@instance</c>, feed short name), compared case-insensitively.
/// </summary>
public sealed record Author(string Handle, string DisplayName, string? AvatarUrl = null);

namespace PressDeck.Connectors.Mastodon;

/// <summary>
/// A status was deleted. The stream names only the server's own id (<see cref="StatusId"/>); <see cref="RemoteId"/> is
/// the post's remote id when the status was read recently from the same server, else null (the archive then has to
/// find it by the server id, or cannot).
/// </summary>
public sealed record MastodonDeleteEvent(string StatusId, string? RemoteId) : MastodonStreamEvent;

namespace PressDeck.Connectors.Mastodon;

/// <summary>
/// A new status (<c>update</c>), an edited one (<c>status.update</c>: same remote id, <see cref="Core.Posts.Post.EditedAt"/>
/// set, the post replaces the earlier version), or one fetched over REST to fill a gap (<see cref="FromRest"/>).
/// </summary>
public sealed record MastodonStatusEvent(MastodonStatus Status, bool IsEdit, bool FromRest = false) : MastodonStreamEvent;

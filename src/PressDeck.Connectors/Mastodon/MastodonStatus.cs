using PressDeck.Core.Posts;

namespace PressDeck.Connectors.Mastodon;

/// <summary>A status read from one server: <see cref="Id"/> is that server's id (for paging and resuming), <see cref="Post"/> the canonical post.</summary>
public sealed record MastodonStatus(string Id, Post Post);

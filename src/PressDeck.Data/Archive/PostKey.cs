using PressDeck.Core.Posts;

namespace PressDeck.Data.Archive;

/// <summary>A post's identity in the archive: its network and the network's own id or URI.</summary>
public readonly record struct PostKey(Network Network, string RemoteId);

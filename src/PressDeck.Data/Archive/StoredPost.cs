using PressDeck.Core.Posts;

namespace PressDeck.Data.Archive;

/// <summary>A post with its archive id. <paramref name="IsEdit"/> when it replaced an earlier version of the same post.</summary>
public sealed record StoredPost(long Id, Post Post, bool IsEdit = false);

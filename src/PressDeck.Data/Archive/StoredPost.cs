using PressDeck.Core.Posts;

namespace PressDeck.Data.Archive;

/// <summary>A post with its archive id.</summary>
public sealed record StoredPost(long Id, Post Post);

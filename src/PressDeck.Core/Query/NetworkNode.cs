using PressDeck.Core.Posts;

namespace PressDeck.Core.Query;

/// <summary><c>network:name</c>: the post comes from <see cref="Network"/>.</summary>
public sealed record NetworkNode(Network Network) : ClauseNode;

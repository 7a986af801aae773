namespace PressDeck.Core.Query;

/// <summary><c>#tag</c>: the post has the hashtag whose normalised body is <see cref="Tag"/> (without <c>#</c>).</summary>
public sealed record HashtagNode(string Tag) : ClauseNode;

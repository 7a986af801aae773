namespace PressDeck.Core.Query;

/// <summary><c>to:handle</c>: the post is a reply to <see cref="Handle"/> (lower case, without <c>@</c>).</summary>
public sealed record ToNode(string Handle) : ClauseNode;

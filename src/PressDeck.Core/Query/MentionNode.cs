namespace PressDeck.Core.Query;

/// <summary><c>@handle</c>: the post mentions exactly <see cref="Handle"/> (lower case, without <c>@</c>).</summary>
public sealed record MentionNode(string Handle) : ClauseNode;

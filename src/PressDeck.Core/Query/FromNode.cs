namespace PressDeck.Core.Query;

/// <summary><c>from:handle</c>: the author's handle is <see cref="Handle"/> (lower case, without <c>@</c>).</summary>
public sealed record FromNode(string Handle) : ClauseNode;

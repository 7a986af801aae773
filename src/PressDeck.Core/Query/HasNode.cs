namespace PressDeck.Core.Query;

/// <summary><c>has:links</c>, <c>has:media</c>, <c>has:images</c> or <c>has:video</c>.</summary>
public sealed record HasNode(HasFilter Filter) : ClauseNode;

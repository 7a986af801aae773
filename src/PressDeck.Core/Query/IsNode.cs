namespace PressDeck.Core.Query;

/// <summary><c>is:reply</c>, <c>is:quote</c> or <c>is:repost</c>.</summary>
public sealed record IsNode(IsFilter Filter) : ClauseNode;

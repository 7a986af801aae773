namespace PressDeck.Core.Query;

/// <summary><c>lang:xx</c>: one of the post's languages has the primary subtag <see cref="Code"/> (ISO 639-1, lower case).</summary>
public sealed record LangNode(string Code) : ClauseNode;

namespace PressDeck.Core.Query;

/// <summary><c>-clause</c> or <c>-(group)</c>: the operand does not match. The parser never nests a NOT directly in a NOT.</summary>
public sealed record NotNode(QueryNode Operand) : QueryNode;

namespace PressDeck.Core.Query;

/// <summary>
/// A node of a parsed query (QUERY-LANGUAGE.md sections 3 and 4). Nodes are immutable records with value equality;
/// clause values are already normalised, so they can be compared with an <see cref="Text.AnalyzedPost"/> directly or
/// translated to full-text search terms. <see cref="ToString"/> is the canonical query text (<see cref="QueryPrinter.Print"/>).
/// </summary>
public abstract record QueryNode
{
    public sealed override string ToString() => QueryPrinter.Print(this);
}

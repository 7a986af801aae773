namespace PressDeck.Core.Query;

/// <summary>A leaf clause: one term, phrase or operator. The 256-clause limit counts these.</summary>
public abstract record ClauseNode : QueryNode;

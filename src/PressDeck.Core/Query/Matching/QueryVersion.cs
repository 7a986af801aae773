namespace PressDeck.Core.Query.Matching;

/// <summary>
/// One version of a standing query as indexed: its compiled predicate, its presearch plan, and the slot its postings
/// name. Immutable; a slot is reused only after every reader that could have seen its postings has finished.
/// </summary>
internal sealed class QueryVersion(QueryHandle handle, QueryNode query, PostPredicate predicate, PresearchPlan plan, int slot)
{
    public QueryHandle Handle { get; } = handle;

    public QueryNode Query { get; } = query;

    public PostPredicate Predicate { get; } = predicate;

    public PresearchPlan Plan { get; } = plan;

    /// <summary>What a candidate that hit every pass and passed the attribute check must still satisfy; null: nothing.</summary>
    /// <remarks>When nothing was decided by the presearch, the residual is the whole query and shares its predicate.</remarks>
    public PostPredicate? ResidualPredicate { get; } = plan.Residual switch
    {
        [] => null,
        var operands when operands.Length == (query is AndNode conjunction ? conjunction.Operands.Length : 1) => predicate,
        [var operand] => PostPredicate.Compile(operand),
        var operands => PostPredicate.Compile(new AndNode(operands)),
    };

    public int Slot { get; } = slot;
}

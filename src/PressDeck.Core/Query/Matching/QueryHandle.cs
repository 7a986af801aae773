namespace PressDeck.Core.Query.Matching;

/// <summary>
/// One standing query across its edits. <see cref="Current"/> switches from one version to the next in a single
/// write, so a reader evaluates either the old or the new version of a query for a post, never both and never
/// neither. <see cref="Index"/> is dense (reused after removal) so that readers can mark queries already evaluated
/// in a per-thread array.
/// </summary>
internal sealed class QueryHandle(int queryId, int index)
{
    private volatile QueryVersion? _current;

    public int QueryId { get; } = queryId;

    public int Index { get; } = index;

    /// <summary>The version to evaluate, or null once the query is removed.</summary>
    public QueryVersion? Current
    {
        get => _current;
        set => _current = value;
    }
}

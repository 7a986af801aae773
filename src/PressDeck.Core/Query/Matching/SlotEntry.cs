namespace PressDeck.Core.Query.Matching;

/// <summary>
/// What evaluating a candidate needs of the query version in a slot, kept side by side in one array so that a
/// candidate costs one memory access before its predicate runs, not a walk through version, handle and plan objects
/// (at 100,000 queries those walks were the matcher's main cost).
/// </summary>
internal struct SlotEntry
{
    public QueryVersion? Version;

    /// <summary>The version's residual predicate: null when hitting every pass and the attribute check is a match.</summary>
    public PostPredicate? Predicate;

    public AttributeSet RequiredAttributes;

    public AttributeSet ForbiddenAttributes;

    public int HandleIndex;

    public int QueryId;

    /// <summary>
    /// 1 once the version is no longer its query's current one (edited or removed); readers then follow
    /// <see cref="QueryHandle.Current"/> instead of trusting this entry. Written with <see cref="Volatile"/>.
    /// </summary>
    public int Superseded;

    public static SlotEntry For(QueryVersion version) => new()
    {
        Version = version,
        Predicate = version.ResidualPredicate,
        RequiredAttributes = version.Plan.RequiredAttributes,
        ForbiddenAttributes = version.Plan.ForbiddenAttributes,
        HandleIndex = version.Handle.Index,
        QueryId = version.Handle.QueryId,
    };
}

namespace PressDeck.Core.Query.Matching;

/// <summary>
/// What evaluating a candidate needs of the query version in a slot, kept side by side in one array so that a
/// candidate costs one memory access before its predicate runs, not a walk through version, handle and plan objects
/// (at 100,000 queries those walks were the matcher's main cost). 32 bytes, two to a cache line; the attribute bits,
/// which most queries do not have, are in a separate array.
/// </summary>
internal struct SlotEntry
{
    public QueryVersion? Version;

    /// <summary>The version's residual predicate: null when hitting every pass and the attribute check is a match.</summary>
    public PostPredicate? Predicate;

    public int HandleIndex;

    public int QueryId;

    /// <summary>
    /// 1 once the version is no longer its query's current one (edited or removed); readers then follow
    /// <see cref="QueryHandle.Current"/> instead of trusting this entry. Written with <see cref="Volatile"/>.
    /// </summary>
    public int Superseded;

    /// <summary>1 when the version requires or forbids attributes (kept in the matcher's attribute array, by slot).</summary>
    public int HasAttributes;

    public static SlotEntry For(QueryVersion version) => new()
    {
        Version = version,
        Predicate = version.ResidualPredicate,
        HasAttributes = version.Plan.RequiredAttributes.IsEmpty && version.Plan.ForbiddenAttributes.IsEmpty ? 0 : 1,
        HandleIndex = version.Handle.Index,
        QueryId = version.Handle.QueryId,
    };
}

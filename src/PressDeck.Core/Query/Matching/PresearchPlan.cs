using System.Collections.Immutable;

namespace PressDeck.Core.Query.Matching;

/// <summary>
/// How one query is found by the presearcher. Each pass is a set of terms of which every matching post holds at
/// least one; a post is a candidate only when it hits every pass (Luwak's multipass presearcher), and when its
/// attributes include <see cref="RequiredAttributes"/> and exclude <see cref="ForbiddenAttributes"/>. A plan with no
/// pass is checked against every post.
/// </summary>
internal sealed class PresearchPlan(
    ImmutableArray<ImmutableArray<Term>> passes,
    AttributeSet requiredAttributes,
    AttributeSet forbiddenAttributes,
    ImmutableArray<QueryNode> residual)
{
    public ImmutableArray<ImmutableArray<Term>> Passes { get; } = passes;

    public AttributeSet RequiredAttributes { get; } = requiredAttributes;

    public AttributeSet ForbiddenAttributes { get; } = forbiddenAttributes;

    public bool IsAlwaysChecked => Passes.IsEmpty;

    /// <summary>
    /// The operands of the query (read as an AND) that a candidate still has to be checked against once it has hit
    /// every pass and passed the attribute check: operands that a single-term pass or an attribute decides exactly are
    /// left out. Empty: every candidate matches, and nothing is evaluated. Holds the whole query when it has no pass.
    /// </summary>
    public ImmutableArray<QueryNode> Residual { get; } = residual;
}

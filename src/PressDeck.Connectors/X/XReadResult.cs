using PressDeck.Core.Posts;

namespace PressDeck.Connectors.X;

/// <summary>
/// What one API v2 response document or stream line held: the posts read, the posts refused with reasons, the
/// problems X reported beside them (partial errors, stream disconnect notices), <c>meta</c> and, for the stream,
/// the rules that matched.
/// </summary>
public sealed record XReadResult(
    IReadOnlyList<Post> Posts,
    IReadOnlyList<XRefusal> Refusals,
    IReadOnlyList<XProblem> Problems,
    XMeta? Meta,
    IReadOnlyList<XMatchingRule> MatchingRules)
{
    /// <summary>X says it is closing the stream connection (<c>operational-disconnect</c>).</summary>
    public bool IsDisconnectNotice => Problems.Any(problem => problem.IsOperationalDisconnect);
}

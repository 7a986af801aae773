namespace PressDeck.Connectors.X;

/// <summary>One line of the filtered stream: what it held (posts, matching rules, notices), or why it was refused.</summary>
public sealed record XStreamItem(XReadResult? Result, string? RefusedBecause)
{
    public static XStreamItem Refused(string reason) => new(null, reason);
}

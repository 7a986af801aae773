using PressDeck.Core.Posts;

namespace PressDeck.Connectors;

/// <summary>
/// One payload read from a recorded file for <c>pressdeck import</c>: a post (new or edited), a delete of a post by its
/// remote id, or a refusal with the reason. <paramref name="Line"/> is the 1-based line (for line formats) or item
/// number (for documents) that the payload came from, so the refusal can say where.
/// </summary>
public sealed record RecordedItem(long Line, Post? Post = null, string? DeletedRemoteId = null, string? Refusal = null)
{
    public static RecordedItem Refused(long line, string reason) => new(line, Refusal: reason);
}

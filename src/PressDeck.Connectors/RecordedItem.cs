using PressDeck.Core.Posts;

namespace PressDeck.Connectors;

/// <summary>
/// One payload read from a recorded file for <c>pressdeck import</c>: a post (new or edited), a delete of a post by its
/// remote id on <paramref name="Network"/>, a refusal with the reason, or (none of these) a payload that is readable
/// but carries no post (a like, a follow, a heartbeat). <paramref name="Line"/> is the 1-based line (for line formats)
/// or item number (for documents) that the payload came from, so the refusal can say where.
/// </summary>
public sealed record RecordedItem(long Line, Post? Post = null, string? DeletedRemoteId = null, string? Refusal = null, Network? Network = null)
{
    public static RecordedItem Refused(long line, string reason) => new(line, Refusal: reason);

    public static RecordedItem Deleted(long line, Network network, string remoteId) => new(line, DeletedRemoteId: remoteId, Network: network);

    public static RecordedItem Skipped(long line) => new(line);
}

using PressDeck.Core.Posts;
using PressDeck.Data.Archive;

namespace PressDeck.Monitoring.Ingest;

/// <summary>
/// One thing a source hands to the pipeline: a post it already decoded, a raw payload in the batch-tool post format
/// (one JSON object, QUERY-LANGUAGE.md section 6) for the pipeline to decode, or the network's word that a post was
/// deleted. <see cref="Checkpoint"/> is the source's resume point just after this item; it is saved only once the item is
/// committed to the archive.
/// </summary>
public sealed record IngestItem(string SourceName, Post? Post, ReadOnlyMemory<byte> Payload, string? Checkpoint = null, PostKey? Deletion = null)
{
    /// <summary>Only a new resume point (a feed's new ETag with no new item): saved in turn with the items before it.</summary>
    public static IngestItem ResumePoint(string sourceName, string checkpoint) => new(sourceName, null, ReadOnlyMemory<byte>.Empty, checkpoint);

    /// <summary>
    /// The handle of the office account the network says this post was written to (it came as that account's
    /// notification or mention), so it belongs in the inbox whatever its text says; null for any other post.
    /// </summary>
    public string? AddressedTo { get; init; }

    public bool IsResumePointOnly => Post is null && Payload.IsEmpty && Deletion is null;

    public static IngestItem FromDeletion(string sourceName, PostKey deleted, string? checkpoint = null) => new(sourceName, null, ReadOnlyMemory<byte>.Empty, checkpoint, deleted);

    public static IngestItem FromPost(string sourceName, Post post, string? checkpoint = null) => new(sourceName, post, ReadOnlyMemory<byte>.Empty, checkpoint);

    public static IngestItem FromPayload(string sourceName, ReadOnlyMemory<byte> payload, string? checkpoint = null) => new(sourceName, null, payload, checkpoint);
}

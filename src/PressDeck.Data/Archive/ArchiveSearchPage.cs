namespace PressDeck.Data.Archive;

/// <summary>One page of archive results, newest first; <see cref="Next"/> is null on the last page.</summary>
public sealed record ArchiveSearchPage(IReadOnlyList<StoredPost> Posts, ArchiveCursor? Next);

namespace PressDeck.Data.Archive;

/// <summary>Keyset position for paging newest first: the next page holds posts strictly before this one.</summary>
public sealed record ArchiveCursor(DateTime CreatedAt, long Id);

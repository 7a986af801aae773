using PressDeck.Core.Query;

namespace PressDeck.Data.Archive;

/// <summary>
/// A search of the archive: a parsed query (null: everything), an optional date range (UTC, <see cref="From"/>
/// inclusive, <see cref="To"/> exclusive), a page size and the cursor of the page before.
/// </summary>
public sealed record ArchiveSearch(QueryNode? Query, DateTime? From = null, DateTime? To = null, ArchiveCursor? After = null, int PageSize = 50);

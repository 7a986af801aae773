using PressDeck.Core.Posts;
using PressDeck.Core.Text;

namespace PressDeck.Data.Archive;

/// <summary>A post to archive, with the analysis (token stream, entities) the full-text index is fed from.</summary>
public sealed record ArchiveEntry(Post Post, AnalyzedPost Analysis, DateTime ReceivedAt);

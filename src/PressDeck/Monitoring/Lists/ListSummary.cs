using PressDeck.Core.Posts;

namespace PressDeck.Monitoring.Lists;

/// <summary>A list as the lists page shows it, with where it was imported from, when it was.</summary>
public sealed record ListSummary(
    int Id,
    string Name,
    string Description,
    int MemberCount,
    Network? SourceNetwork = null,
    string? SourceDescription = null,
    string? SourceUrl = null,
    DateTime? ImportedAt = null);

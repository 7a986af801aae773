using PressDeck.Core.Posts;

namespace PressDeck.Contacts;

/// <summary>A contact as the directory's table shows it.</summary>
public sealed record ContactSummary(
    int Id,
    string Name,
    string Outlet,
    string Beat,
    string Email,
    IReadOnlyList<(Network Network, string Handle)> Handles,
    DateTime CreatedAt,
    DateTime? LastInteractionAt);

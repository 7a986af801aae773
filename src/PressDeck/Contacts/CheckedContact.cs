using PressDeck.Core.Posts;

namespace PressDeck.Contacts;

/// <summary>A contact whose fields passed <see cref="ContactRules.Check"/>: trimmed, within their lengths, handles normalised and distinct.</summary>
public sealed record CheckedContact(
    string Name,
    string Outlet,
    string Beat,
    string Email,
    string Phone,
    string Notes,
    IReadOnlyList<(Network Network, string Handle)> Handles);

using PressDeck.Core.Posts;

namespace PressDeck.Contacts;

/// <summary>A contact as an officer types it (or as a CSV row gives it); <see cref="ContactRules.Check"/> says whether it may be stored.</summary>
public sealed record ContactForm
{
    public string Name { get; init; } = "";

    public string Outlet { get; init; } = "";

    public string Beat { get; init; } = "";

    public string Email { get; init; } = "";

    public string Phone { get; init; } = "";

    public string Notes { get; init; } = "";

    public IReadOnlyList<ContactHandleForm> Handles { get; init; } = [];
}

using PressDeck.Data.Contacts;

namespace PressDeck.Contacts;

/// <summary>An interaction an officer logs by hand.</summary>
public sealed record InteractionForm
{
    /// <summary>When it happened (UTC); not in the future.</summary>
    public DateTime At { get; init; }

    public ContactInteractionKind Kind { get; init; } = ContactInteractionKind.Phone;

    public string Summary { get; init; } = "";
}

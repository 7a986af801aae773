namespace PressDeck.Data.Contacts;

/// <summary>How a hand-logged interaction took place. Stored by name.</summary>
public enum ContactInteractionKind
{
    Phone,
    Email,
    Meeting,
    Briefing,
    Other,
}

namespace PressDeck.Data.Inbox;

public enum InboxLogKind
{
    /// <summary>An internal note for colleagues; never sent.</summary>
    Note,

    /// <summary>What was said to the journalist (on the phone, by email, or the published reply).</summary>
    Said,

    /// <summary>What happened: arrived, routed, taken, assigned, status changed.</summary>
    Event,
}

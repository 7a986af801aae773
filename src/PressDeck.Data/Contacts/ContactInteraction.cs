namespace PressDeck.Data.Contacts;

/// <summary>Something that passed between the office and a contact away from the networks, logged by hand ("phoned about the levy").</summary>
public sealed class ContactInteraction
{
    public const int SummaryLength = 2000;

    public int Id { get; set; }

    public int ContactId { get; set; }

    public Contact? Contact { get; set; }

    /// <summary>When it happened (UTC), which may be before it was logged.</summary>
    public DateTime At { get; set; }

    public ContactInteractionKind Kind { get; set; }

    public string Summary { get; set; } = "";

    public string ByUserId { get; set; } = "";

    public string ByName { get; set; } = "";
}

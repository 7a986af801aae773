namespace PressDeck.Data.Inbox;

/// <summary>One line of an item's history: an internal note, what was said to the journalist, or what happened to it.</summary>
public sealed class InboxLogEntry
{
    public int Id { get; set; }

    public int ItemId { get; set; }

    public InboxItem? Item { get; set; }

    public InboxLogKind Kind { get; set; }

    public string Text { get; set; } = "";

    public DateTime At { get; set; }

    public string? ByUserId { get; set; }

    public string ByName { get; set; } = "";
}

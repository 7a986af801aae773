namespace PressDeck.Data.Team;

/// <summary>A desk of the office (business, consumer, energy …) that people, enquiries and columns can belong to.</summary>
public sealed class Desk
{
    public int Id { get; set; }

    public string Name { get; set; } = "";

    public string Description { get; set; } = "";

    /// <summary>The desk's lead, who is told when the desk's enquiries are about to miss their target.</summary>
    public string? LeadUserId { get; set; }
}

namespace PressDeck.Data.Rebuttals;

/// <summary>One moment in a case's timeline, from first sight to publication and after.</summary>
public sealed class RebuttalEvent
{
    public int Id { get; set; }

    public int RebuttalId { get; set; }

    public Rebuttal? Rebuttal { get; set; }

    public DateTime At { get; set; }

    /// <summary>What happened, as a short key: seen, opened, claim, assessed, drafted, submitted, approved, published, closed.</summary>
    public string Kind { get; set; } = "";

    public string Text { get; set; } = "";

    public string ByName { get; set; } = "";
}

namespace PressDeck.Data.Publishing;

/// <summary>One thing that happened to a draft on its way out: submitted, approved, sent back, edited, escalated.</summary>
public sealed class DraftReview
{
    public int Id { get; set; }

    public int DraftId { get; set; }

    public int Step { get; set; }

    public string UserId { get; set; } = "";

    public string UserName { get; set; } = "";

    public ReviewDecision Decision { get; set; }

    public string Comment { get; set; } = "";

    public DateTime At { get; set; }
}

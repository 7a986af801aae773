namespace PressDeck.Data.Visits;

/// <summary>A quote approved for use in the visit's posts, with who said it.</summary>
public sealed class VisitPlanQuote
{
    public int Id { get; set; }

    public int PlanId { get; set; }

    public string Speaker { get; set; } = "";

    public string Text { get; set; } = "";
}

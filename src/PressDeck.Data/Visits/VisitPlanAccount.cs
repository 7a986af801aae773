using PressDeck.Core.Posts;

namespace PressDeck.Data.Visits;

/// <summary>An account the visit is covered from (null <see cref="ConnectedAccountId"/>: the demo network's office account).</summary>
public sealed class VisitPlanAccount
{
    public int Id { get; set; }

    public int PlanId { get; set; }

    public Network Network { get; set; }

    public int? ConnectedAccountId { get; set; }

    public string Handle { get; set; } = "";
}

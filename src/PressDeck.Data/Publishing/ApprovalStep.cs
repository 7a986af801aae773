namespace PressDeck.Data.Publishing;

/// <summary>One step of an approval policy: any (or all) of an approver group, or any approver when no group is named.</summary>
public sealed class ApprovalStep
{
    public int Id { get; set; }

    public int PolicyId { get; set; }

    public int Position { get; set; }

    public int? ApproverGroupId { get; set; }

    /// <summary>Every member of the group must approve, not just one.</summary>
    public bool RequiresAll { get; set; }
}

namespace PressDeck.Publishing;

public sealed class PolicyStepForm
{
    /// <summary>Null: any approver.</summary>
    public int? GroupId { get; set; }

    public bool RequiresAll { get; set; }
}

namespace PressDeck.Data.Publishing;

/// <summary>
/// A pre-election period: from the first to the last day (the office's dates, inclusive) every post needs approval,
/// whatever the account's policy, and a banner says so.
/// </summary>
public sealed class ElectionPeriod
{
    public int Id { get; set; }

    public string Name { get; set; } = "";

    public DateOnly StartsOn { get; set; }

    public DateOnly EndsOn { get; set; }
}

namespace PressDeck.Data.Rebuttals;

/// <summary>The officer's assessment of how far the claim reaches and could do harm.</summary>
public enum RebuttalReach
{
    NotAssessed,
    Low,
    Moderate,
    High,
    Severe,
}

namespace PressDeck.Data.Rebuttals;

/// <summary>Where a case is in RESIST: recognised, assessed, a response waiting to go out, published, or closed.</summary>
public enum RebuttalStage
{
    Recognised,
    Assessed,
    Responding,
    Published,
    Closed,
}

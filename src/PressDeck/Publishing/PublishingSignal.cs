namespace PressDeck.Publishing;

/// <summary>Wakes the publishing worker at once when a post becomes due now (approved, sent again by a person).</summary>
public sealed class PublishingSignal : WakeSignal;

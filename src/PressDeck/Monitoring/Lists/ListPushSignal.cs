namespace PressDeck.Monitoring.Lists;

/// <summary>Wakes the list pusher at once when a push becomes due (chosen, changed, or asked for again).</summary>
public sealed class ListPushSignal : WakeSignal;

namespace PressDeck.Publishing;

/// <summary>
/// Tells open pages at once that a draft changed (submitted, approved, sent back, published, failed), so the author and
/// the approvers see it without reloading. In-process; pages re-read the database when told.
/// </summary>
public sealed class PublishingEvents
{
    public event Action<int>? DraftChanged;

    /// <summary>A visit plan changed (submitted, approved, a post fired, a contact briefed).</summary>
    public event Action<int>? VisitChanged;

    public void NotifyDraftChanged(int draftId) => DraftChanged?.Invoke(draftId);

    public void NotifyVisitChanged(int planId) => VisitChanged?.Invoke(planId);
}

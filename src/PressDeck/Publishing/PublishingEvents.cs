namespace PressDeck.Publishing;

/// <summary>
/// Tells open pages at once that a draft changed (submitted, approved, sent back, published, failed), so the author and
/// the approvers see it without reloading. In-process; pages re-read the database when told.
/// </summary>
public sealed class PublishingEvents
{
    public event Action<int>? DraftChanged;

    public void NotifyDraftChanged(int draftId) => DraftChanged?.Invoke(draftId);
}

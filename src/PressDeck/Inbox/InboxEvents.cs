namespace PressDeck.Inbox;

/// <summary>Tells open pages at once when an inbox item arrives or changes, and tells one person something in the app.</summary>
public sealed class InboxEvents
{
    public event Action<int>? ItemChanged;

    public event Action<InboxNotice>? Notice;

    public void NotifyItemChanged(int itemId) => ItemChanged?.Invoke(itemId);

    public void Tell(InboxNotice notice) => Notice?.Invoke(notice);
}

/// <summary>Something one person is told in the app (an item given to them, a target about to be missed).</summary>
public sealed record InboxNotice(string UserId, int ItemId, string Text, bool IsUrgent);

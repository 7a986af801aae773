using System.Collections.Concurrent;

namespace PressDeck.Inbox;

/// <summary>
/// Who has an inbox item open right now, and who is writing a reply to it, so two officers never answer the same
/// question unknowingly. Each open page registers under its own key and leaves when it closes or moves on.
/// </summary>
public sealed class InboxPresence(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Presence> _byPage = new(StringComparer.Ordinal);

    /// <summary>Raised with the item whose watchers changed.</summary>
    public event Action<int>? Changed;

    /// <summary>The page <paramref name="pageKey"/> shows <paramref name="itemId"/> (or nothing, when null) to the person.</summary>
    public void Look(string pageKey, int? itemId, string userId, string name) => Set(pageKey, itemId, userId, name, drafting: false);

    /// <summary>The page's person is writing a reply to the item (or stopped, when <paramref name="drafting"/> is false).</summary>
    public void Draft(string pageKey, int itemId, string userId, string name, bool drafting) => Set(pageKey, itemId, userId, name, drafting);

    public void Leave(string pageKey)
    {
        if (_byPage.TryRemove(pageKey, out var gone))
        {
            Changed?.Invoke(gone.ItemId);
        }
    }

    /// <summary>The other people with the item open, each once (drafting wins over looking), earliest first.</summary>
    public IReadOnlyList<Presence> At(int itemId, string exceptUserId) =>
        [.. _byPage.Values.Where(p => p.ItemId == itemId && p.UserId != exceptUserId)
            .GroupBy(p => p.UserId, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(p => p.Drafting).ThenBy(p => p.Since).First())
            .OrderBy(p => p.Since)];

    private void Set(string pageKey, int? itemId, string userId, string name, bool drafting)
    {
        if (itemId is null)
        {
            Leave(pageKey);
            return;
        }

        var before = _byPage.TryGetValue(pageKey, out var was) ? was : null;
        if (before is not null && before.ItemId == itemId && before.Drafting == drafting)
        {
            return;
        }

        _byPage[pageKey] = new Presence(itemId.Value, userId, name, drafting, before?.ItemId == itemId ? before.Since : time.GetUtcNow().UtcDateTime);
        if (before is not null && before.ItemId != itemId)
        {
            Changed?.Invoke(before.ItemId);
        }

        Changed?.Invoke(itemId.Value);
    }
}

/// <summary>One person with an item open: looking at it, or writing a reply.</summary>
public sealed record Presence(int ItemId, string UserId, string Name, bool Drafting, DateTime Since);

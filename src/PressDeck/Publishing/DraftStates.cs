using Microsoft.EntityFrameworkCore;
using PressDeck.Data;
using PressDeck.Data.Publishing;

namespace PressDeck.Publishing;

/// <summary>Derives a draft's state from its accounts' states once it has been approved.</summary>
internal static class DraftStates
{
    public static async Task SettleAsync(AppDbContext db, int draftId, CancellationToken cancellationToken)
    {
        var states = await db.DraftTargets.Where(t => t.DraftId == draftId).Select(t => t.State).ToListAsync(cancellationToken);
        var settled = Settle(states);
        if (settled is { } state)
        {
            await db.Drafts.Where(d => d.Id == draftId && (d.State == DraftState.Approved || d.State == DraftState.NeedsAttention || d.State == DraftState.Published))
                .ExecuteUpdateAsync(set => set.SetProperty(d => d.State, state), cancellationToken);
        }
    }

    /// <summary>Published when every account has it (or it was deleted after); needs attention when any account failed or is held; else unchanged.</summary>
    public static DraftState? Settle(IReadOnlyCollection<TargetState> states)
    {
        if (states.Count == 0)
        {
            return null;
        }

        if (states.Any(s => s is TargetState.Failed or TargetState.OutcomeUnknown or TargetState.Held))
        {
            return DraftState.NeedsAttention;
        }

        if (states.All(s => s is TargetState.Published or TargetState.Deleted or TargetState.Cancelled) && states.Any(s => s is TargetState.Published or TargetState.Deleted))
        {
            return DraftState.Published;
        }

        return states.Any(s => s is TargetState.Queued or TargetState.Sending) ? DraftState.Approved : null;
    }
}

using PressDeck.Core.Publishing;
using PressDeck.Data.Publishing;

namespace PressDeck.Publishing;

/// <summary>Checks a draft's text against each of its accounts' networks' own counting rules (see <see cref="PostLength"/>).</summary>
public static class PostLengthCheck
{
    /// <param name="draft">The draft, with its accounts.</param>
    /// <param name="limits">The accounts' own servers' limits by connected account id (see <see cref="AccountLimits"/>); others keep the network's.</param>
    public static IEnumerable<string> Problems(PostDraft draft, IReadOnlyDictionary<int, int>? limits = null)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var checks = draft.Targets
            .Select(t => (t.Network, Limit: t.ConnectedAccountId is { } id && limits is not null && limits.TryGetValue(id, out var limit) ? limit : (int?)null, t.AccountHandle))
            .DistinctBy(c => (c.Network, c.Limit)).ToList();
        foreach (var (network, limit, handle) in checks)
        {
            var measure = PostLength.Measure(network, draft.Text, limit);
            if (measure.IsOver)
            {
                yield return checks.Count(c => c.Network == network) > 1
                    ? $"Too long for {network} (@{handle}): {measure.Describe()}."
                    : $"Too long for {network}: {measure.Describe()}.";
            }
        }
    }
}

using PressDeck.Core.Publishing;
using PressDeck.Data.Publishing;

namespace PressDeck.Publishing;

/// <summary>Checks a draft's text against each of its accounts' networks' own counting rules (see <see cref="PostLength"/>).</summary>
public static class PostLengthCheck
{
    public static IEnumerable<string> Problems(PostDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        foreach (var network in draft.Targets.Select(t => t.Network).Distinct())
        {
            var measure = PostLength.Measure(network, draft.Text);
            if (measure.IsOver)
            {
                yield return $"Too long for {network}: {measure.Describe()}.";
            }
        }
    }
}

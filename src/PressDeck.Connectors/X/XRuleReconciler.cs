namespace PressDeck.Connectors.X;

/// <summary>
/// Brings the app's stream rules on X to the wanted set (<see cref="XRuleTranslator.Plan"/>): rules with a PressDeck
/// tag that are not wanted (or are duplicates) are deleted, wanted rules that are missing are added, and rules
/// without a PressDeck tag (someone else's) are never touched. A rule counts as present only with the same value and
/// the same tag, so a query set that changes a rule's tag replaces the rule.
/// </summary>
public sealed class XRuleReconciler(XStreamRulesClient rules)
{
    /// <summary>The changes from <paramref name="existing"/> to <paramref name="wanted"/>, in a stable order.</summary>
    public static XRuleChanges Diff(IReadOnlyCollection<XRule> wanted, IReadOnlyCollection<XStreamRule> existing)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        ArgumentNullException.ThrowIfNull(existing);
        var wantedSet = wanted.Select(rule => (rule.Value, rule.Tag)).ToHashSet();
        var kept = new List<XStreamRule>();
        var toDelete = new List<XStreamRule>();
        var present = new HashSet<(string, string)>();
        foreach (var rule in existing)
        {
            if (!XRuleTag.IsPressDeck(rule.Tag))
            {
                continue;
            }

            // IsPressDeck is true only for a tag that is not null.
            var key = (rule.Value, rule.Tag!);
            if (wantedSet.Contains(key) && present.Add(key))
            {
                kept.Add(rule);
            }
            else
            {
                toDelete.Add(rule);
            }
        }

        var toAdd = wanted.Where(rule => present.Add((rule.Value, rule.Tag))).ToList();
        return new XRuleChanges(toAdd, toDelete, kept);
    }

    /// <summary>
    /// Reads the rules on X, deletes what is not wanted first (freeing room under the rule cap and the values that
    /// come back with a new tag), then adds what is missing. With <paramref name="dryRun"/> X only validates.
    /// Returns the changes made and X's per-rule problems.
    /// </summary>
    public async Task<(XRuleChanges Changes, XRuleChangeResult Result)> ApplyAsync(IReadOnlyCollection<XRule> wanted, bool dryRun, IXTokenSource token, CancellationToken cancellationToken)
    {
        var existing = await rules.GetRulesAsync(token, cancellationToken);
        var changes = Diff(wanted, existing);
        var deleted = await rules.DeleteRulesAsync([.. changes.ToDelete.Select(rule => rule.Id)], dryRun, token, cancellationToken);
        var added = await rules.AddRulesAsync(changes.ToAdd, dryRun, token, cancellationToken);
        return (changes, new XRuleChangeResult(added.Created, deleted.Deleted, [.. deleted.Problems, .. added.Problems]));
    }
}

using PressDeck.Data.Publishing;

namespace PressDeck.Publishing;

/// <summary>What stops a draft from being submitted, each in words the author can act on.</summary>
public static class DraftChecks
{
    /// <summary>The most images one post carries on any network PressDeck publishes to.</summary>
    public const int MaxImages = 4;

    public static IEnumerable<string> Problems(PostDraft draft, ApprovalPlan plan, DateTime now, bool checkTime = true, IReadOnlyDictionary<int, int>? limits = null)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(plan);
        if (draft.Targets.Count == 0)
        {
            yield return "Choose at least one account to post from.";
        }

        if (string.IsNullOrWhiteSpace(draft.Text) && draft.Images.Count == 0 && draft.Kind != PostDraftKind.Repost)
        {
            yield return "Write something, or add an image.";
        }

        if (draft.Kind == PostDraftKind.Repost && (!string.IsNullOrWhiteSpace(draft.Text) || draft.Images.Count > 0))
        {
            yield return "A repost shares the post as it is, with no text or images of its own; to add a comment, quote it instead.";
        }

        if (draft.Images.Count > MaxImages)
        {
            yield return $"A post carries at most {MaxImages} images; remove {draft.Images.Count - MaxImages}.";
        }

        foreach (var image in draft.Images.OrderBy(i => i.Position).Where(i => string.IsNullOrWhiteSpace(i.AltText)))
        {
            yield return $"Image {image.Position + 1} ({image.FileName}) needs a description (alt text): say what it shows, for people who cannot see it.";
        }

        if (draft.Kind != PostDraftKind.Post && (draft.ReferenceNetwork is null || string.IsNullOrEmpty(draft.ReferenceRemoteId)))
        {
            yield return $"Choose the post this {draft.Kind.ToString().ToLowerInvariant()} is for: start it from the post in the deck.";
        }

        if (draft.Kind != PostDraftKind.Post && draft.ReferenceNetwork is { } network)
        {
            foreach (var target in draft.Targets.Where(t => t.Network != network))
            {
                yield return $"A {draft.Kind.ToString().ToLowerInvariant()} to a {network} post can only go out from a {network} account, not @{target.AccountHandle} on {target.Network}.";
            }
        }

        foreach (var problem in PostLengthCheck.Problems(draft, limits))
        {
            yield return problem;
        }

        if (checkTime && draft.ScheduledFor is { } scheduled && scheduled < now)
        {
            yield return "The time chosen has already passed; pick a later time or send it now.";
        }

        if (plan.AsksAboutParliament && !draft.AnnouncedToParliamentFirst)
        {
            yield return "Confirm that this is not a policy announcement, or that it was announced to Parliament first.";
        }
    }
}

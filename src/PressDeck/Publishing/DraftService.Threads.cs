using Microsoft.EntityFrameworkCore;
using PressDeck.Data.Publishing;
using PressDeck.Team;

namespace PressDeck.Publishing;

/// <summary>
/// Threads: the first post is the draft people see, submit and approve; each further post is a draft of its own whose
/// <see cref="PostDraft.ThreadParentId"/> is the post before it. They go to the same accounts at the same time, follow
/// the first post through approval (approving it approves the thread), and the sender sends each one only once the one
/// before it is out on that account, as a reply to it.
/// </summary>
public sealed partial class DraftService
{
    /// <summary>The most posts one thread holds.</summary>
    public const int MaxThreadPosts = 25;

    /// <summary>The posts that follow the first post <paramref name="rootId"/> in its thread, in order; empty for a single post.</summary>
    public async Task<IReadOnlyList<PostDraft>> ThreadAsync(int rootId, CancellationToken cancellationToken)
    {
        var person = await gate.DemandAsync(Permissions.DraftPosts, $"post {rootId}");
        var root = await db.Drafts.AsNoTracking().FirstOrDefaultAsync(d => d.Id == rootId, cancellationToken);
        return root is null || !CanSee(person, root) ? [] : await FollowingAsync(rootId, tracked: false, cancellationToken);
    }

    /// <summary>
    /// Saves the texts of the posts that follow the first one: existing posts are updated, new ones added at the end and
    /// extra ones removed from the end; each goes to the first post's accounts at its time.
    /// </summary>
    public async Task SaveThreadAsync(int rootId, IReadOnlyList<string> following, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(following);
        var root = await LoadAsync(rootId, cancellationToken);
        var person = await gate.DemandOwnAsync(root.AuthorUserId, Permissions.DraftPosts, $"post {rootId}");
        EnsureEditable(root);
        if (root.ThreadParentId is not null)
        {
            throw new DraftException("Only the first post of a thread holds the rest of it.");
        }

        if (following.Count + 1 > MaxThreadPosts)
        {
            throw new DraftException($"A thread holds at most {MaxThreadPosts} posts.");
        }

        var parts = await FollowingAsync(rootId, tracked: true, cancellationToken);
        var now = Now;
        for (var i = parts.Count - 1; i >= following.Count; i--)
        {
            db.Drafts.Remove(parts[i]);
            await db.SaveChangesAsync(cancellationToken);
        }

        var previous = root;
        for (var i = 0; i < following.Count; i++)
        {
            PostDraft part;
            if (i < parts.Count)
            {
                part = parts[i];
            }
            else
            {
                part = new PostDraft { AuthorUserId = root.AuthorUserId, AuthorName = root.AuthorName, State = DraftState.Editing, CreatedAt = now, ThreadParentId = previous.Id };
                db.Drafts.Add(part);
            }

            part.Text = following[i];
            part.UpdatedAt = now;
            await FollowRootAsync(root, part, person, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            previous = part;
        }
    }

    /// <summary>The posts after the first one, walking the chain of <see cref="PostDraft.ThreadParentId"/>.</summary>
    private async Task<List<PostDraft>> FollowingAsync(int rootId, bool tracked, CancellationToken cancellationToken)
    {
        var parts = new List<PostDraft>();
        var parentId = rootId;
        var query = db.Drafts.AsSplitQuery().Include(d => d.Targets).Include(d => d.Reviews).Include(d => d.Images);
        while (parts.Count < MaxThreadPosts
            && await (tracked ? query : query.AsNoTracking()).Where(d => d.ThreadParentId == parentId).OrderBy(d => d.Id).FirstOrDefaultAsync(cancellationToken) is { } next)
        {
            parts.Add(next);
            parentId = next.Id;
        }

        return parts;
    }

    /// <summary>Gives a following post the first post's accounts, time and options.</summary>
    private async Task FollowRootAsync(PostDraft root, PostDraft part, Person person, CancellationToken cancellationToken)
    {
        part.Kind = PostDraftKind.Post;
        part.ScheduledFor = root.ScheduledFor;
        part.IsUrgent = root.IsUrgent;
        part.AnnouncedToParliamentFirst = root.AnnouncedToParliamentFirst;
        part.Language = root.Language;
        var choices = root.Targets.Select(t => new AccountChoice(t.Network, t.ConnectedAccountId, t.AccountHandle)).ToList();
        await SetTargetsAsync(part, choices, person, cancellationToken);
    }

    /// <summary>Brings the following posts in line with the first one's accounts and time (after the first post was saved).</summary>
    private async Task<List<PostDraft>> SyncThreadAsync(PostDraft root, Person person, CancellationToken cancellationToken)
    {
        var parts = await FollowingAsync(root.Id, tracked: true, cancellationToken);
        foreach (var part in parts)
        {
            await FollowRootAsync(root, part, person, cancellationToken);
        }

        return parts;
    }

    /// <summary>What stops the following posts from going, each said with the post's place in the thread.</summary>
    private static IEnumerable<string> ThreadProblems(List<PostDraft> parts, ApprovalPlan plan, DateTime now, IReadOnlyDictionary<int, int> limits)
    {
        for (var i = 0; i < parts.Count; i++)
        {
            var place = $"Post {i + 2} of the thread: ";
            foreach (var problem in DraftChecks.Problems(parts[i], plan, now, limits: limits).Where(p => !p.StartsWith("Confirm that", StringComparison.Ordinal)))
            {
                yield return place + char.ToLowerInvariant(problem[0]) + problem[1..];
            }
        }
    }

    /// <summary>Moves the following posts to where the first post went: submitted, approved, sent back, or withdrawn.</summary>
    private static void Follow(PostDraft root, List<PostDraft> parts, DateTime now, bool withdrawn = false)
    {
        foreach (var part in parts)
        {
            part.UpdatedAt = now;
            part.SubmittedAt = root.SubmittedAt;
            part.ApprovalStep = root.ApprovalStep;
            if (withdrawn)
            {
                foreach (var target in part.Targets.Where(t => t.State is TargetState.Waiting or TargetState.Queued or TargetState.Held or TargetState.Failed or TargetState.OutcomeUnknown))
                {
                    target.State = TargetState.Cancelled;
                }

                part.State = part.Targets.Any(t => t.State == TargetState.Published) ? DraftState.Published : DraftState.Withdrawn;
            }
            else if (root.State == DraftState.Approved)
            {
                Approve(part, now);
            }
            else
            {
                part.State = root.State;
            }
        }
    }
}

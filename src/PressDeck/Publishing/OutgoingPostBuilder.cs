using Microsoft.EntityFrameworkCore;
using PressDeck.Connectors.Media;
using PressDeck.Core.Publishing;
using PressDeck.Data;
using PressDeck.Data.Publishing;

namespace PressDeck.Publishing;

/// <summary>
/// Makes the exact post one account sends from a draft: the text (signed with the officer's initials on a reply when the
/// account is set to), the images with their alt text, what it replies to or quotes, and the target's request key.
/// The same target always gives the same post, so a retry sends what the first attempt sent.
/// </summary>
public sealed class OutgoingPostBuilder(ImagePreparer imagePreparer, TimeProvider timeProvider)
{
    public async Task<(OutgoingPost? Post, string? Problem)> BuildAsync(AppDbContext db, DraftTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(target);
        var draft = await db.Drafts.AsNoTracking().Include(d => d.Images).FirstOrDefaultAsync(d => d.Id == target.DraftId, cancellationToken);
        if (draft is null)
        {
            return (null, "The draft was deleted.");
        }

        PostReference? replyTo = null;
        if (draft.ThreadParentId is { } parentId)
        {
            var parentRemoteId = await db.DraftTargets.AsNoTracking()
                .Where(t => t.DraftId == parentId && t.Network == target.Network && t.ConnectedAccountId == target.ConnectedAccountId && t.State == TargetState.Published)
                .Select(t => t.RemoteId).FirstOrDefaultAsync(cancellationToken);
            if (parentRemoteId is null)
            {
                return (null, "The post before this one in the thread has not gone out on this account.");
            }

            replyTo = new PostReference(parentRemoteId);
        }
        else if (draft.Kind == PostDraftKind.Reply && draft.ReferenceRemoteId is { } replied)
        {
            replyTo = new PostReference(replied);
        }

        var text = draft.Text;
        if (draft.Kind == PostDraftKind.Reply && target.ConnectedAccountId is { } accountId
            && await db.ConnectedAccounts.AsNoTracking().AnyAsync(a => a.Id == accountId && a.SignRepliesWithInitials, cancellationToken)
            && await db.Users.AsNoTracking().Where(u => u.Id == draft.AuthorUserId).Select(u => u.Initials).FirstOrDefaultAsync(cancellationToken) is { Length: > 0 } initials)
        {
            text = ReplySignature.Append(text, initials);
        }

        // Each network gets the image at its own size; the stored copy is already upright and free of metadata.
        var images = new List<OutgoingImage>(draft.Images.Count);
        foreach (var image in draft.Images.OrderBy(i => i.Position))
        {
            if (string.IsNullOrWhiteSpace(image.AltText))
            {
                return (null, $"Image {image.Position + 1} has no description (alt text); PressDeck never publishes an image without one.");
            }

            await using var stored = new MemoryStream(image.Content, writable: false);
            var prepared = await imagePreparer.PrepareAsync(stored, ImageLimits.For(target.Network), cancellationToken);
            if (prepared.Image is not { } sized)
            {
                return (null, $"Image {image.Position + 1} could not be made ready for {target.Network}: {prepared.Problem}");
            }

            images.Add(sized.ToOutgoingImage(image.AltText));
        }

        if (draft.Kind == PostDraftKind.Repost)
        {
            return draft.ReferenceRemoteId is { } reposted
                ? (new OutgoingPost { Text = "", RequestKey = target.RequestKey, RepostOf = new PostReference(reposted), CreatedAt = target.FirstSentAt ?? timeProvider.GetUtcNow().UtcDateTime }, null)
                : (null, "The post to repost is not known any more.");
        }

        return (new OutgoingPost
        {
            Text = text,
            RequestKey = target.RequestKey,
            Images = images,
            ReplyTo = replyTo,
            Quote = draft.Kind == PostDraftKind.Quote && draft.ReferenceRemoteId is { } quoted ? new PostReference(quoted) : null,
            Language = draft.Language,
            CreatedAt = target.FirstSentAt ?? timeProvider.GetUtcNow().UtcDateTime,
        }, null);
    }
}

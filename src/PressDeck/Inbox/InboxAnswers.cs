using Microsoft.EntityFrameworkCore;
using PressDeck.Audit;
using PressDeck.Data;
using PressDeck.Data.Inbox;
using PressDeck.Data.Publishing;

namespace PressDeck.Inbox;

/// <summary>
/// Closes an inbox item when the office's reply to (or quote of) its post is published, whoever drafted it and from
/// wherever (the inbox, the deck): the item becomes answered, with who answered, the reply's link and the response time
/// from when the question was asked to when the reply went out.
/// </summary>
public sealed class InboxAnswers(IServiceScopeFactory scopeFactory, AuditLog auditLog, InboxEvents events)
{
    public async Task DraftPublishedAsync(int draftId, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var draft = await db.Drafts.AsNoTracking().Include(d => d.Targets).FirstOrDefaultAsync(d => d.Id == draftId, cancellationToken);
        if (draft is null || draft.Kind is not (PostDraftKind.Reply or PostDraftKind.Quote) || draft.ReferenceNetwork is not { } network || draft.ReferenceRemoteId is null)
        {
            return;
        }

        var published = draft.Targets.Where(t => t.State == TargetState.Published && t.PublishedAt is not null).OrderBy(t => t.PublishedAt).FirstOrDefault();
        if (published is null)
        {
            return;
        }

        var item = await db.InboxItems.FirstOrDefaultAsync(
            i => i.Network == network && i.RemoteId == draft.ReferenceRemoteId && (i.Status == InboxStatus.New || i.Status == InboxStatus.InProgress),
            cancellationToken);
        if (item is null)
        {
            return;
        }

        var at = published.PublishedAt!.Value;
        item.Status = InboxStatus.Answered;
        item.AnsweredAt = at;
        item.AnsweredByName = draft.AuthorName;
        item.AnswerUrl = published.Url;
        item.ResponseSeconds = InboxService.ResponseSeconds(item, at);
        item.UpdatedAt = at;
        if (item.AssignedUserId is null)
        {
            item.AssignedUserId = draft.AuthorUserId;
            item.AssignedName = draft.AuthorName;
            item.AssignedAt = at;
        }

        var how = draft.Kind == PostDraftKind.Reply ? "Replied" : "Quoted";
        item.Log.Add(new InboxLogEntry { Kind = InboxLogKind.Said, At = at, ByUserId = draft.AuthorUserId, ByName = draft.AuthorName, Text = $"{how} from @{published.AccountHandle}: {draft.Text}" });
        item.Log.Add(new InboxLogEntry
        {
            Kind = InboxLogKind.Event,
            At = at,
            ByName = "PressDeck",
            Text = $"Answered, in {InboxService.FormatDuration(TimeSpan.FromSeconds(item.ResponseSeconds.Value))}.",
        });
        await db.SaveChangesAsync(cancellationToken);
        await auditLog.WriteAsync(AuditActor.System, AuditActions.InboxAnswered, InboxService.Describe(item),
            $"{how.ToLowerInvariant()} by {draft.AuthorName} (post {draft.Id}) in {InboxService.FormatDuration(TimeSpan.FromSeconds(item.ResponseSeconds.Value))}");
        events.NotifyItemChanged(item.Id);
    }
}

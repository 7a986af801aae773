using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PressDeck.Audit;
using PressDeck.Core.Posts;
using PressDeck.Data;
using PressDeck.Data.Archive;
using PressDeck.Data.Publishing;
using PressDeck.Data.Rebuttals;
using PressDeck.Publishing;
using PressDeck.Team;

namespace PressDeck.Rebuttals;

/// <summary>
/// Rebuttal cases, step by step through RESIST: "correct this" on any post opens a case with a snapshot of the post as it
/// was seen; the officer records the claim, assesses its reach and impact with the facts and sources, and drafts a reply
/// or quote that goes through the office's approval policy (urgent ones where the policy lets them go first); when it is
/// published the case records it, and its spread is tracked. Every step is on the case's timeline and audited.
/// </summary>
public sealed class RebuttalService(AppDbContext db, PermissionGate gate, AuditLog auditLog, RebuttalEvents events, TimeProvider timeProvider)
{
    /// <summary>How long after opening (or after the response is published) the spread is still read.</summary>
    public static readonly TimeSpan TrackingWindow = TimeSpan.FromHours(48);

    private DateTime Now => timeProvider.GetUtcNow().UtcDateTime;

    /// <summary>The open cases (oldest first) or the closed ones (newest first).</summary>
    public async Task<IReadOnlyList<Rebuttal>> ListAsync(bool open, CancellationToken cancellationToken)
    {
        await gate.DemandAsync(Permissions.DraftPosts, "rebuttals");
        var query = db.Rebuttals.AsNoTracking();
        return open
            ? await query.Where(r => r.Stage != RebuttalStage.Closed).OrderBy(r => r.FirstSeenAt).ToListAsync(cancellationToken)
            : await query.Where(r => r.Stage == RebuttalStage.Closed).OrderByDescending(r => r.ClosedAt).Take(200).ToListAsync(cancellationToken);
    }

    /// <summary>One case with its timeline and spread readings, oldest first.</summary>
    public async Task<Rebuttal?> GetAsync(int rebuttalId, CancellationToken cancellationToken)
    {
        await gate.DemandAsync(Permissions.DraftPosts, $"rebuttal {rebuttalId}");
        var rebuttal = await db.Rebuttals.AsNoTracking().AsSplitQuery().Include(r => r.Timeline).Include(r => r.Spread)
            .FirstOrDefaultAsync(r => r.Id == rebuttalId, cancellationToken);
        rebuttal?.Timeline.Sort((a, b) => a.At != b.At ? a.At.CompareTo(b.At) : a.Id.CompareTo(b.Id));
        rebuttal?.Spread.Sort((a, b) => a.At.CompareTo(b.At));
        return rebuttal;
    }

    /// <summary>The post as it was seen when the case was opened.</summary>
    public static Post Snapshot(Rebuttal rebuttal)
    {
        ArgumentNullException.ThrowIfNull(rebuttal);
        return JsonSerializer.Deserialize(rebuttal.SnapshotJson, ArchiveJsonContext.Default.Post)!;
    }

    /// <summary>
    /// "Correct this": opens a case on the post, with a snapshot of it as PressDeck has it now, or returns the open case
    /// already on it (so two officers do not start two).
    /// </summary>
    public async Task<int> OpenAsync(Network network, string remoteId, CancellationToken cancellationToken)
    {
        var person = await gate.DemandAsync(Permissions.DraftPosts, "a rebuttal");
        var existing = await db.Rebuttals.Where(r => r.Network == network && r.RemoteId == remoteId && r.Stage != RebuttalStage.Closed)
            .Select(r => (int?)r.Id).FirstOrDefaultAsync(cancellationToken);
        if (existing is { } id)
        {
            return id;
        }

        var archived = await db.Posts.AsNoTracking().Where(p => p.Network == network && p.RemoteId == remoteId)
            .Select(p => new { p.PostJson, p.ReceivedAt, p.DeletedAt }).FirstOrDefaultAsync(cancellationToken)
            ?? throw new DraftException("PressDeck has not seen that post, so it cannot be corrected from here.");
        if (archived.DeletedAt is not null)
        {
            throw new DraftException("That post was deleted by its author.");
        }

        var post = JsonSerializer.Deserialize(archived.PostJson, ArchiveJsonContext.Default.Post)!;
        if (post.Network == Network.Rss)
        {
            throw new DraftException("A news feed item cannot be answered on a network; correct it with the outlet directly.");
        }

        var now = Now;
        var rebuttal = new Rebuttal
        {
            Stage = RebuttalStage.Recognised,
            Network = network,
            RemoteId = remoteId,
            Url = post.Url,
            AuthorHandle = post.Author.Handle,
            AuthorName = post.Author.DisplayName,
            SnapshotText = post.Text,
            SnapshotJson = archived.PostJson,
            PostedAt = post.CreatedAt,
            FirstSeenAt = archived.ReceivedAt <= now ? archived.ReceivedAt : now,
            OpenedAt = now,
            OpenedByUserId = person.Id,
            OpenedByName = person.Name,
            TrackUntil = now + TrackingWindow,
            NextReadAt = now,
        };
        rebuttal.Timeline.Add(new RebuttalEvent { Kind = "seen", At = rebuttal.FirstSeenAt, ByName = "PressDeck", Text = $"First seen: @{post.Author.Handle} on {network}." });
        rebuttal.Timeline.Add(new RebuttalEvent { Kind = "opened", At = now, ByName = person.Name, Text = "Opened the case (recognise): the post is kept as it was seen now." });
        db.Rebuttals.Add(rebuttal);
        await db.SaveChangesAsync(cancellationToken);
        await auditLog.WriteAsync(person.Actor, AuditActions.RebuttalOpened, Describe(rebuttal), $"\"{Shorten(post.Text)}\"");
        events.NotifyChanged(rebuttal.Id);
        return rebuttal.Id;
    }

    /// <summary>Recognise: the claim that is wrong.</summary>
    public async Task RecordClaimAsync(int rebuttalId, string claim, CancellationToken cancellationToken)
    {
        var person = await gate.DemandAsync(Permissions.DraftPosts, $"rebuttal {rebuttalId}");
        var text = FormText.Required(claim, "The claim", 2000);
        var rebuttal = await LoadOpenAsync(rebuttalId, cancellationToken);
        rebuttal.Claim = text;
        rebuttal.Timeline.Add(new RebuttalEvent { Kind = "claim", At = Now, ByName = person.Name, Text = $"Claim: {text}" });
        await SaveAsync(rebuttal, person, AuditActions.RebuttalChanged, $"claim: {text}", cancellationToken);
    }

    /// <summary>Assess the impact: reach, who it reaches and the harm, and the facts with their sources.</summary>
    public async Task AssessAsync(int rebuttalId, RebuttalAssessment assessment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        var person = await gate.DemandAsync(Permissions.DraftPosts, $"rebuttal {rebuttalId}");
        if (assessment.Reach == RebuttalReach.NotAssessed)
        {
            throw new DraftException("Say how far it reaches: low, moderate, high or severe.");
        }

        var facts = FormText.Required(assessment.Facts, "The facts", 4000);
        var sources = (assessment.Sources ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (sources.Length == 0)
        {
            throw new DraftException("Give at least one source for the facts (a link to the official publication).");
        }

        foreach (var source in sources)
        {
            if (!Uri.TryCreate(source, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            {
                throw new DraftException($"\"{Shorten(source)}\" is not a web address; give each source as a link starting https://.");
            }
        }

        var rebuttal = await LoadOpenAsync(rebuttalId, cancellationToken);
        rebuttal.Reach = assessment.Reach;
        rebuttal.Impact = FormText.Optional(assessment.Impact, "The impact", 2000);
        rebuttal.Facts = facts;
        rebuttal.Sources = string.Join('\n', sources);
        if (rebuttal.Sources.Length > 4000)
        {
            throw new DraftException("The sources are too long: at most 4,000 characters.");
        }

        rebuttal.AssessedAt = Now;
        if (rebuttal.Stage == RebuttalStage.Recognised)
        {
            rebuttal.Stage = RebuttalStage.Assessed;
        }

        var latest = await db.SpreadSamples.AsNoTracking().Where(s => s.RebuttalId == rebuttalId && !s.IsResponse).OrderByDescending(s => s.At).FirstOrDefaultAsync(cancellationToken);
        var spread = latest is null ? "" : $" It had {latest.Reposts} reposts, {latest.Quotes} quotes and {latest.Replies} replies.";
        rebuttal.Timeline.Add(new RebuttalEvent { Kind = "assessed", At = Now, ByName = person.Name, Text = $"Assessed the impact: {ReachWords(assessment.Reach)} reach.{spread}" });
        await SaveAsync(rebuttal, person, AuditActions.RebuttalChanged, $"assessed: {assessment.Reach}", cancellationToken);
    }

    /// <summary>
    /// Respond: the reply or quote the officer wrote in the composer (already submitted to the approval policy) becomes
    /// the case's response. It must answer the case's post, and be the officer's own.
    /// </summary>
    public async Task AttachResponseAsync(int rebuttalId, int draftId, CancellationToken cancellationToken)
    {
        var person = await gate.DemandAsync(Permissions.DraftPosts, $"rebuttal {rebuttalId}");
        var rebuttal = await LoadOpenAsync(rebuttalId, cancellationToken);
        var draft = await db.Drafts.AsNoTracking().Include(d => d.Reviews).FirstOrDefaultAsync(d => d.Id == draftId, cancellationToken)
            ?? throw new DraftException("That post no longer exists.");
        if (draft.AuthorUserId != person.Id || draft.ReferenceNetwork != rebuttal.Network || draft.ReferenceRemoteId != rebuttal.RemoteId
            || draft.Kind is not (PostDraftKind.Reply or PostDraftKind.Quote))
        {
            throw new DraftException("That post is not your reply to or quote of this case's post.");
        }

        if (rebuttal.Facts.Length == 0)
        {
            throw new DraftException("Assess the impact and give the facts and sources before responding.");
        }

        rebuttal.DraftId = draftId;
        rebuttal.Stage = RebuttalStage.Responding;
        var how = draft.Kind == PostDraftKind.Reply ? "reply" : "quote";
        var state = draft.State switch
        {
            DraftState.AwaitingApproval => "submitted for approval",
            DraftState.Approved => draft.NeedsReviewAfter ? "sent at once as urgent, to be reviewed after" : "approved at once by the policy",
            DraftState.Published => "published at once",
            _ => "saved",
        };
        rebuttal.Timeline.Add(new RebuttalEvent { Kind = "drafted", At = draft.CreatedAt, ByName = person.Name, Text = $"Drafted a {how}: {draft.Text}" });
        rebuttal.Timeline.Add(new RebuttalEvent { Kind = "submitted", At = draft.SubmittedAt ?? Now, ByName = person.Name, Text = $"The {how} was {state}." });
        await SaveAsync(rebuttal, person, AuditActions.RebuttalChanged, $"response: post {draftId} ({state})", cancellationToken);
    }

    /// <summary>Closes the case with its outcome (corrected, deleted by its author, no response needed …); tracking stops.</summary>
    public async Task CloseAsync(int rebuttalId, string outcome, CancellationToken cancellationToken)
    {
        var person = await gate.DemandAsync(Permissions.DraftPosts, $"rebuttal {rebuttalId}");
        var text = FormText.Required(outcome, "The outcome", 2000);
        var rebuttal = await LoadOpenAsync(rebuttalId, cancellationToken);
        rebuttal.Stage = RebuttalStage.Closed;
        rebuttal.ClosedAt = Now;
        rebuttal.Outcome = text;
        rebuttal.TrackUntil = Now;
        rebuttal.NextReadAt = null;
        rebuttal.Timeline.Add(new RebuttalEvent { Kind = "closed", At = Now, ByName = person.Name, Text = $"Closed: {text}" });
        await SaveAsync(rebuttal, person, AuditActions.RebuttalClosed, text, cancellationToken);
    }

    public static string ReachWords(RebuttalReach reach) => reach switch
    {
        RebuttalReach.Low => "low",
        RebuttalReach.Moderate => "moderate",
        RebuttalReach.High => "high",
        RebuttalReach.Severe => "severe",
        _ => "not yet assessed",
    };

    internal static string Describe(Rebuttal rebuttal) => $"rebuttal {rebuttal.Id} of @{rebuttal.AuthorHandle} on {rebuttal.Network}";

    private async Task SaveAsync(Rebuttal rebuttal, Person person, string action, string details, CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        await auditLog.WriteAsync(person.Actor, action, Describe(rebuttal), details);
        events.NotifyChanged(rebuttal.Id);
    }

    private async Task<Rebuttal> LoadOpenAsync(int rebuttalId, CancellationToken cancellationToken)
    {
        var rebuttal = await db.Rebuttals.FirstOrDefaultAsync(r => r.Id == rebuttalId, cancellationToken) ?? throw new DraftException("That case no longer exists.");
        return rebuttal.Stage == RebuttalStage.Closed ? throw new DraftException("This case is closed.") : rebuttal;
    }

    private static string Shorten(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= 80 ? line : line[..80] + "…";
    }
}

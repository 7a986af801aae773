using Microsoft.EntityFrameworkCore;
using PressDeck.Audit;
using PressDeck.Data;
using PressDeck.Data.Lines;
using PressDeck.Publishing;
using PressDeck.Team;

namespace PressDeck.Lines;

/// <summary>
/// The library of lines to take and holding statements. Officers propose a line; an approver (never the one who
/// proposed it) approves it; changing its words sends it back for approval; it is offered for replies and rebuttals only
/// while approved, not retired and not expired. Everything is audited.
/// </summary>
public sealed class LineService(AppDbContext db, PermissionGate gate, AuditLog auditLog, TimeProvider timeProvider)
{
    /// <summary>The longest a line may be approved for before someone looks at it again.</summary>
    public static readonly TimeSpan LongestLife = TimeSpan.FromDays(366);

    /// <summary>Every line, current ones first (by topic), then those waiting for approval, then expired and retired ones, newest first.</summary>
    public async Task<IReadOnlyList<LineToTake>> ListAsync(CancellationToken cancellationToken)
    {
        await gate.DemandAsync(Permissions.DraftPosts, "lines to take");
        var lines = await db.LinesToTake.AsNoTracking().ToListAsync(cancellationToken);
        var now = Now;
        return lines.Where(l => IsOffered(l, now)).OrderBy(l => l.Topic, StringComparer.CurrentCultureIgnoreCase)
            .Concat(lines.Where(l => l.ApprovedAt is null && l.RetiredAt is null && l.ExpiresAt > now).OrderBy(l => l.ProposedAt))
            .Concat(lines.Where(l => l.RetiredAt is not null || l.ExpiresAt <= now).OrderByDescending(l => l.ExpiresAt))
            .ToList();
    }

    /// <summary>
    /// The lines an officer may use now (approved, not retired, not expired), optionally those whose topic or words
    /// contain <paramref name="search"/>; topic order.
    /// </summary>
    public async Task<IReadOnlyList<LineToTake>> OfferAsync(string? search, CancellationToken cancellationToken)
    {
        await gate.DemandAsync(Permissions.DraftPosts, "lines to take");
        var now = Now;
        var offered = await db.LinesToTake.AsNoTracking()
            .Where(l => l.ApprovedAt != null && l.RetiredAt == null && l.ExpiresAt > now).ToListAsync(cancellationToken);
        var term = search?.Trim() ?? "";
        return offered
            .Where(l => term.Length == 0 || l.Topic.Contains(term, StringComparison.CurrentCultureIgnoreCase) || l.Text.Contains(term, StringComparison.CurrentCultureIgnoreCase))
            .OrderBy(l => l.Topic, StringComparer.CurrentCultureIgnoreCase).ThenBy(l => l.Id).ToList();
    }

    /// <summary>Adds a line. An approver's own line still needs another approver, like a post.</summary>
    public async Task<int> ProposeAsync(LineForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var person = await gate.DemandAsync(Permissions.DraftPosts, "new line to take");
        var line = new LineToTake { ProposedByUserId = person.Id, ProposedByName = person.Name, ProposedAt = Now };
        Apply(line, form);
        db.LinesToTake.Add(line);
        await db.SaveChangesAsync(cancellationToken);
        await auditLog.WriteAsync(person.Actor, AuditActions.LineProposed, Describe(line), $"\"{line.Text}\", until {OfficeTime.Format(line.ExpiresAt)}");
        return line.Id;
    }

    /// <summary>Changes a line: new words need approval again; a new expiry or topic alone keeps the approval.</summary>
    public async Task UpdateAsync(int lineId, LineForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var person = await gate.DemandAsync(Permissions.DraftPosts, $"line {lineId}");
        var line = await LoadAsync(lineId, cancellationToken);
        if (line.RetiredAt is not null)
        {
            throw new DraftException("This line was retired; add a new one instead.");
        }

        var before = line.Text;
        Apply(line, form);
        var reworded = !string.Equals(before, line.Text, StringComparison.Ordinal);
        if (reworded)
        {
            line.ApprovedAt = null;
            line.ApprovedByUserId = null;
            line.ApprovedByName = null;
            line.ProposedByUserId = person.Id;
            line.ProposedByName = person.Name;
            line.ProposedAt = Now;
        }

        await db.SaveChangesAsync(cancellationToken);
        await auditLog.WriteAsync(person.Actor, AuditActions.LineChanged, Describe(line),
            reworded ? $"words changed from \"{before}\" to \"{line.Text}\"; it needs approval again" : $"until {OfficeTime.Format(line.ExpiresAt)}");
    }

    public async Task ApproveAsync(int lineId, CancellationToken cancellationToken)
    {
        var person = await gate.DemandAsync(Permissions.ApprovePosts, $"line {lineId}");
        var line = await LoadAsync(lineId, cancellationToken);
        if (line.ProposedByUserId == person.Id)
        {
            throw new DraftException("Nobody approves their own line: another approver must read it.");
        }

        if (line.RetiredAt is not null || line.ExpiresAt <= Now)
        {
            throw new DraftException("This line has expired or was retired; it can no longer be approved.");
        }

        if (line.ApprovedAt is not null)
        {
            return;
        }

        line.ApprovedAt = Now;
        line.ApprovedByUserId = person.Id;
        line.ApprovedByName = person.Name;
        await db.SaveChangesAsync(cancellationToken);
        await auditLog.WriteAsync(person.Actor, AuditActions.LineApproved, Describe(line), $"\"{line.Text}\", until {OfficeTime.Format(line.ExpiresAt)}");
    }

    /// <summary>Stops offering a line before it expires (kept for the record).</summary>
    public async Task RetireAsync(int lineId, CancellationToken cancellationToken)
    {
        var person = await gate.DemandAsync(Permissions.ApprovePosts, $"line {lineId}");
        var line = await LoadAsync(lineId, cancellationToken);
        if (line.RetiredAt is not null)
        {
            return;
        }

        line.RetiredAt = Now;
        line.RetiredByName = person.Name;
        await db.SaveChangesAsync(cancellationToken);
        await auditLog.WriteAsync(person.Actor, AuditActions.LineRetired, Describe(line), "no longer offered");
    }

    /// <summary>Whether <paramref name="line"/> is offered at <paramref name="now"/>.</summary>
    public static bool IsOffered(LineToTake line, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(line);
        return line.ApprovedAt is not null && line.RetiredAt is null && line.ExpiresAt > now;
    }

    private void Apply(LineToTake line, LineForm form)
    {
        var topic = form.Topic.Trim();
        var text = form.Text.Trim();
        if (topic.Length == 0 || text.Length == 0)
        {
            throw new DraftException("Give the line a topic and its words.");
        }

        if (topic.Length > 200 || text.Length > 4000)
        {
            throw new DraftException("A topic holds at most 200 characters and a line at most 4,000.");
        }

        if (form.ExpiresAt <= Now)
        {
            throw new DraftException("The expiry must be in the future: a line is offered only until it expires.");
        }

        if (form.ExpiresAt > Now + LongestLife)
        {
            throw new DraftException("A line may be approved for a year at most; set an earlier expiry and review it then.");
        }

        line.Topic = topic;
        line.Text = text;
        line.IsHoldingStatement = form.IsHoldingStatement;
        line.ExpiresAt = form.ExpiresAt;
    }

    private async Task<LineToTake> LoadAsync(int lineId, CancellationToken cancellationToken) =>
        await db.LinesToTake.FirstOrDefaultAsync(l => l.Id == lineId, cancellationToken) ?? throw new DraftException("That line no longer exists.");

    private static string Describe(LineToTake line) => $"line {line.Id} \"{line.Topic}\"";

    private DateTime Now => timeProvider.GetUtcNow().UtcDateTime;
}

using Microsoft.EntityFrameworkCore;
using PressDeck.Data;
using PressDeck.Data.Audit;

namespace PressDeck.Audit;

/// <summary>
/// Checks the whole audit trail link by link (<see cref="AuditChain.Check"/>), reading it in id order a batch at a time,
/// so memory stays the same however long the trail is. It stops at the first break: everything after a break is
/// unproven, and the first break is what a person has to look at.
/// </summary>
public static class AuditVerifier
{
    public const int BatchSize = 1000;

    /// <param name="recordedLastHash">
    /// The hash of the last entry as an earlier check printed it, or null. The chain alone cannot show that entries were
    /// removed from its end; a hash recorded earlier can, since it must still be somewhere in the trail.
    /// </param>
    public static async Task<AuditVerification> VerifyAsync(AppDbContext db, string? recordedLastHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var expected = string.IsNullOrWhiteSpace(recordedLastHash) ? null : recordedLastHash.Trim().ToLowerInvariant();
        var isExpectedFound = false;
        AuditEntry? previous = null;
        long count = 0;
        while (true)
        {
            var afterId = previous?.Id ?? 0;
            var batch = await db.AuditEntries.AsNoTracking()
                .Where(e => e.Id > afterId)
                .OrderBy(e => e.Id)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            foreach (var entry in batch)
            {
                if (AuditChain.Check(previous, entry) is { } problem)
                {
                    return new AuditVerification(count, previous, problem);
                }

                isExpectedFound |= expected is not null && string.Equals(entry.Hash, expected, StringComparison.Ordinal);
                previous = entry;
                count++;
            }

            if (batch.Count < BatchSize)
            {
                break;
            }
        }

        if (expected is not null && !isExpectedFound)
        {
            var end = previous is null ? "the trail is empty" : $"the trail ends at entry {previous.Id}";
            return new AuditVerification(count, previous, new AuditChainProblem(
                previous?.Id ?? 0,
                $"{end} and no entry has the recorded hash {expected}: entries were removed from its end, or it was replaced"))
            {
                IsCutShort = true,
            };
        }

        return new AuditVerification(count, previous, null);
    }
}

/// <summary>
/// What a check of the audit trail found: how many entries are proven intact (all of them when there is no
/// <see cref="Problem"/>), the last of those, and the first break.
/// </summary>
public sealed record AuditVerification(long IntactCount, AuditEntry? LastIntact, AuditChainProblem? Problem)
{
    public bool IsIntact => Problem is null;

    /// <summary>Every link holds, but the entry with the recorded last hash is gone: the trail was cut short or replaced.</summary>
    public bool IsCutShort { get; init; }
}

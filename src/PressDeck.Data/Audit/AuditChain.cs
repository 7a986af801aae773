using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PressDeck.Data.Audit;

/// <summary>The hash chain of the audit trail: how an entry's hash is made, and how a run of entries is checked.</summary>
public static class AuditChain
{
    public static readonly string Genesis = new('0', 64);

    /// <summary>
    /// SHA-256 over the previous hash and every field, each written with its length so that no two different entries
    /// can produce the same input (moving text from one field to the next changes the hash).
    /// </summary>
    public static string HashOf(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var text = new StringBuilder();
        Append(text, entry.PreviousHash);
        Append(text, entry.Id.ToString(CultureInfo.InvariantCulture));
        Append(text, DateTime.SpecifyKind(entry.At, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
        Append(text, entry.ActorId);
        Append(text, entry.ActorName);
        Append(text, entry.Action);
        Append(text, entry.Target);
        Append(text, entry.Details);
        Append(text, entry.IpAddress);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>
    /// Checks entries given in id order, continuing from <paramref name="previous"/> (null at the start of the trail).
    /// Returns the first problem found, or null.
    /// </summary>
    public static AuditChainProblem? Check(AuditEntry? previous, AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var expectedId = (previous?.Id ?? 0) + 1;
        if (entry.Id != expectedId)
        {
            return new AuditChainProblem(entry.Id, $"entry {expectedId} is missing (the next entry is {entry.Id})");
        }

        var expectedPrevious = previous?.Hash ?? Genesis;
        if (!string.Equals(entry.PreviousHash, expectedPrevious, StringComparison.Ordinal))
        {
            return new AuditChainProblem(entry.Id, $"entry {entry.Id} does not follow entry {previous?.Id ?? 0}: its link to the previous entry was changed");
        }

        if (!string.Equals(entry.Hash, HashOf(entry), StringComparison.Ordinal))
        {
            return new AuditChainProblem(entry.Id, $"entry {entry.Id} was changed after it was written: its contents no longer match its hash");
        }

        return null;
    }

    private static void Append(StringBuilder text, string value) =>
        text.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append('\n');
}

/// <summary>The first break found in the audit chain.</summary>
public sealed record AuditChainProblem(long EntryId, string Description);

namespace PressDeck.Data.Audit;

/// <summary>
/// One line of the append-only audit trail: who did what, when, from where. Each entry carries the hash of the one
/// before it, so changing or removing an entry breaks the chain (<see cref="AuditChain"/>); the database refuses updates
/// and deletes of this table, and the application never offers either.
/// </summary>
public sealed class AuditEntry
{
    /// <summary>The entry's place in the chain, from 1, with no gaps.</summary>
    public long Id { get; set; }

    /// <summary>When it happened (UTC), to the microsecond.</summary>
    public DateTime At { get; set; }

    /// <summary>The person's id; empty for PressDeck itself or an anonymous visitor.</summary>
    public string ActorId { get; set; } = "";

    /// <summary>The person's name and email as they were at the time, or what an anonymous visitor typed.</summary>
    public string ActorName { get; set; } = "";

    /// <summary>What happened, as a dotted name such as <c>sign-in.failed</c> or <c>person.role-changed</c>.</summary>
    public string Action { get; set; } = "";

    /// <summary>What it happened to, in words (a person, an account, a page).</summary>
    public string Target { get; set; } = "";

    /// <summary>Anything else worth keeping, in words. Never a secret.</summary>
    public string Details { get; set; } = "";

    /// <summary>The address the request came from, when there was one.</summary>
    public string IpAddress { get; set; } = "";

    /// <summary>The previous entry's <see cref="Hash"/> (64 zeros for the first).</summary>
    public string PreviousHash { get; set; } = "";

    /// <summary>SHA-256 over the previous hash and this entry's fields, as lower-case hex.</summary>
    public string Hash { get; set; } = "";
}

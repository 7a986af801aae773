using PressDeck.Core.Posts;

namespace PressDeck.Data.Publishing;

/// <summary>One account a draft goes out from, and what happened there.</summary>
public sealed class DraftTarget
{
    public int Id { get; set; }

    public int DraftId { get; set; }

    public PostDraft? Draft { get; set; }

    public Network Network { get; set; }

    /// <summary>The connected account; null for the demo network's office account, which needs no connection.</summary>
    public int? ConnectedAccountId { get; set; }

    /// <summary>The account's handle when the draft was made, to show even if the account is later removed.</summary>
    public string AccountHandle { get; set; } = "";

    /// <summary>Chosen when the target is created and never changed: the Bluesky record key, Mastodon Idempotency-Key, demo request id.</summary>
    public string RequestKey { get; set; } = "";

    public TargetState State { get; set; }

    /// <summary>When it should go out (UTC): the draft's scheduled time, or when it was approved.</summary>
    public DateTime? DueAt { get; set; }

    /// <summary>The earliest time of the next attempt after a failure that is safe to retry.</summary>
    public DateTime? NextAttemptAt { get; set; }

    public int Attempts { get; set; }

    /// <summary>Which sender holds it while <see cref="TargetState.Sending"/>.</summary>
    public string? ClaimedBy { get; set; }

    /// <summary>After this instant a <see cref="TargetState.Sending"/> target is presumed abandoned (its sender crashed).</summary>
    public DateTime? LeaseUntil { get; set; }

    /// <summary>When the network was first called for it: the instant from which its own posts are searched.</summary>
    public DateTime? FirstSentAt { get; set; }

    public DateTime? LastAttemptAt { get; set; }

    /// <summary>What went wrong last, in the network's own words.</summary>
    public string? LastError { get; set; }

    public string? RemoteId { get; set; }

    public string? Url { get; set; }

    public DateTime? PublishedAt { get; set; }

    public DateTime? DeletedAt { get; set; }

    public string? DeletedBy { get; set; }
}

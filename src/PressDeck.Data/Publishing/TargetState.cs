namespace PressDeck.Data.Publishing;

/// <summary>
/// The life of one post on one account. The intent (<see cref="Sending"/>, with the request key) is committed before the
/// network is called and the outcome after, so a crash in between leaves <see cref="Sending"/> with an expired lease,
/// which is resolved by looking on the network, never by sending blindly again.
/// </summary>
public enum TargetState
{
    /// <summary>Not to be sent yet: the draft awaits approval or is still being written.</summary>
    Waiting,

    /// <summary>Approved; goes out at <see cref="DraftTarget.DueAt"/> (or the next retry time).</summary>
    Queued,

    /// <summary>Claimed by a sender until <see cref="DraftTarget.LeaseUntil"/>; the network may or may not have it.</summary>
    Sending,

    Published,

    /// <summary>The network refused it, or retries ran out; shown to the author with the network's own words.</summary>
    Failed,

    /// <summary>Sent without an answer, and the network could not confirm it (X has no idempotency key): held for a person.</summary>
    OutcomeUnknown,

    /// <summary>Its time passed while PressDeck was not running and the office's policy holds such posts for a person.</summary>
    Held,

    /// <summary>Published, then deleted from the network by someone with the permission.</summary>
    Deleted,

    /// <summary>Withdrawn before it went out.</summary>
    Cancelled,
}

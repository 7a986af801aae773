namespace PressDeck.Data.Publishing;

/// <summary>Where a drafted post is on its way out. Each account it goes to has its own <see cref="TargetState"/>.</summary>
public enum DraftState
{
    /// <summary>Being written; saved automatically; nobody else acts on it.</summary>
    Editing,

    /// <summary>Submitted and waiting for an approval step.</summary>
    AwaitingApproval,

    /// <summary>An approver sent it back with a comment; the author edits and submits again.</summary>
    SentBack,

    /// <summary>Approved (or needing no approval) and waiting for its scheduled time, or being sent now.</summary>
    Approved,

    /// <summary>Every account it was for has it.</summary>
    Published,

    /// <summary>At least one account could not take it; a person must decide (see the targets' errors).</summary>
    NeedsAttention,

    /// <summary>The author or an approver withdrew it before it went out.</summary>
    Withdrawn,
}

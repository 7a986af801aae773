using System.Collections.Frozen;

namespace PressDeck.Audit;

/// <summary>What each of <see cref="AuditActions"/> reads as on the audit page, in the office's words.</summary>
public static class AuditActionLabels
{
    /// <summary>Every action with its label, in the order the page's filter offers them.</summary>
    public static readonly IReadOnlyList<KeyValuePair<string, string>> All =
    [
        new(AuditActions.SignIn, "Signed in"),
        new(AuditActions.SignInFailed, "Failed sign-in"),
        new(AuditActions.SignInTwoFactorRequired, "Asked for a sign-in code"),
        new(AuditActions.SignInLockedOut, "Locked out"),
        new(AuditActions.SignInThrottled, "Sign-in attempts slowed down"),
        new(AuditActions.SignOut, "Signed out"),
        new(AuditActions.AccessRefused, "Refused access"),
        new(AuditActions.OfficeCreated, "Set up the office"),
        new(AuditActions.PersonInvited, "Invited someone"),
        new(AuditActions.InvitationRevoked, "Withdrew an invitation"),
        new(AuditActions.InvitationAccepted, "Accepted an invitation"),
        new(AuditActions.RoleChanged, "Changed a role"),
        new(AuditActions.PersonDeactivated, "Deactivated someone"),
        new(AuditActions.PersonReactivated, "Reactivated someone"),
        new(AuditActions.PersonChanged, "Changed someone's details"),
        new(AuditActions.TwoFactorEnabled, "Turned on two-step sign-in"),
        new(AuditActions.TwoFactorDisabled, "Turned off two-step sign-in"),
        new(AuditActions.PasswordChanged, "Changed their password"),
        new(AuditActions.DeskChanged, "Changed a desk"),
        new(AuditActions.ApproverGroupChanged, "Changed an approver group"),
        new(AuditActions.AccountConnected, "Connected an account"),
        new(AuditActions.AccountRemoved, "Removed an account"),
        new(AuditActions.AccountChanged, "Changed an account"),
        new(AuditActions.FeedAdded, "Followed a news feed"),
        new(AuditActions.FeedRemoved, "Stopped following a news feed"),
        new(AuditActions.SourcePaused, "Paused a source"),
        new(AuditActions.SourceResumed, "Resumed a source"),
        new(AuditActions.ListChanged, "Changed a list"),
        new(AuditActions.ColumnShared, "Shared a column"),
        new(AuditActions.OfficeDeckChanged, "Changed the office's deck"),
        new(AuditActions.ArchiveExported, "Exported search results"),
        new(AuditActions.AuditExported, "Exported the audit trail"),
        new(AuditActions.PostSubmitted, "Submitted a post"),
        new(AuditActions.PostApproved, "Approved a post"),
        new(AuditActions.PostSentBack, "Sent a post back"),
        new(AuditActions.PostEdited, "Edited a post under review"),
        new(AuditActions.PostWithdrawn, "Withdrew a post"),
        new(AuditActions.PostEscalated, "Escalated an unapproved post"),
        new(AuditActions.PostPublished, "Published a post"),
        new(AuditActions.PostFailed, "A post could not be published"),
        new(AuditActions.PostHeld, "Held a late post"),
        new(AuditActions.PostOutcomeUnknown, "A post's outcome is unknown"),
        new(AuditActions.PostResent, "Sent a post again"),
        new(AuditActions.PostMarkedPublished, "Marked a post as published"),
        new(AuditActions.PostDeleted, "Deleted a published post"),
        new(AuditActions.ApprovalPolicyChanged, "Changed an approval policy"),
        new(AuditActions.ElectionPeriodChanged, "Changed an election period"),
        new(AuditActions.AccountGroupChanged, "Changed an account group"),
        new(AuditActions.VisitPlanChanged, "Changed a visit plan"),
        new(AuditActions.VisitPlanSubmitted, "Submitted a visit plan"),
        new(AuditActions.VisitPlanApproved, "Approved a visit plan"),
        new(AuditActions.VisitPlanSentBack, "Sent back a visit plan"),
        new(AuditActions.VisitPostFired, "Sent a post of a visit plan"),
        new(AuditActions.VisitContactBriefed, "Recorded a briefing"),
        new(AuditActions.LineProposed, "Proposed a line to take"),
        new(AuditActions.LineApproved, "Approved a line to take"),
        new(AuditActions.LineChanged, "Changed a line to take"),
        new(AuditActions.LineRetired, "Retired a line to take"),
        new(AuditActions.ContactAdded, "Added a contact"),
        new(AuditActions.ContactChanged, "Changed a contact"),
        new(AuditActions.ContactDeleted, "Deleted a contact"),
        new(AuditActions.ContactsMerged, "Merged duplicate contacts"),
        new(AuditActions.ContactErased, "Erased a person's data"),
        new(AuditActions.ContactDataExported, "Exported everything held on a person"),
        new(AuditActions.ContactsImported, "Imported contacts"),
        new(AuditActions.ContactsExported, "Exported the contacts"),
        new(AuditActions.ContactsPurged, "Purged contacts past retention"),
    ];

    private static readonly FrozenDictionary<string, string> ByAction = All.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The label of <paramref name="action"/>; an action without one (written by a newer version) shows as its name.</summary>
    public static string Of(string action) => ByAction.TryGetValue(action, out var label) ? label : action;

    public static bool IsKnown(string action) => ByAction.ContainsKey(action);
}

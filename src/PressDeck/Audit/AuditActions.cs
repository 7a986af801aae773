namespace PressDeck.Audit;

/// <summary>The names of what the audit trail records, so searches and reports can rely on them.</summary>
public static class AuditActions
{
    public const string SignIn = "sign-in";
    public const string SignInFailed = "sign-in.failed";
    public const string SignInTwoFactorRequired = "sign-in.two-factor-required";
    public const string SignInLockedOut = "sign-in.locked-out";
    public const string SignInThrottled = "sign-in.throttled";
    public const string SignOut = "sign-out";
    public const string AccessRefused = "access.refused";
    public const string OfficeCreated = "office.created";
    public const string PersonInvited = "person.invited";
    public const string InvitationRevoked = "invitation.revoked";
    public const string InvitationAccepted = "invitation.accepted";
    public const string RoleChanged = "person.role-changed";
    public const string PersonDeactivated = "person.deactivated";
    public const string PersonReactivated = "person.reactivated";
    public const string PersonChanged = "person.changed";
    public const string TwoFactorEnabled = "two-factor.enabled";
    public const string TwoFactorDisabled = "two-factor.disabled";
    public const string PasswordChanged = "password.changed";
    public const string DeskChanged = "desk.changed";
    public const string ApproverGroupChanged = "approver-group.changed";
    public const string AccountConnected = "account.connected";
    public const string AccountRemoved = "account.removed";
    public const string AccountChanged = "account.changed";
    public const string FeedAdded = "feed.added";
    public const string FeedRemoved = "feed.removed";
    public const string SourcePaused = "source.paused";
    public const string SourceResumed = "source.resumed";
    public const string ListChanged = "list.changed";
    public const string ColumnShared = "column.shared";
    public const string OfficeDeckChanged = "office-deck.changed";
    public const string ArchiveExported = "archive.exported";
    public const string AuditExported = "audit.exported";
    public const string PostSubmitted = "post.submitted";
    public const string PostApproved = "post.approved";
    public const string PostSentBack = "post.sent-back";
    public const string PostEdited = "post.edited";
    public const string PostWithdrawn = "post.withdrawn";
    public const string PostEscalated = "post.escalated";
    public const string PostPublished = "post.published";
    public const string PostFailed = "post.failed";
    public const string PostHeld = "post.held";
    public const string PostOutcomeUnknown = "post.outcome-unknown";
    public const string PostResent = "post.resent";
    public const string PostMarkedPublished = "post.marked-published";
    public const string PostDeleted = "post.deleted";
    public const string ApprovalPolicyChanged = "approval-policy.changed";
    public const string ElectionPeriodChanged = "election-period.changed";
    public const string AccountGroupChanged = "account-group.changed";
}

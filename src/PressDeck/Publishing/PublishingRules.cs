using PressDeck.Data.Publishing;

namespace PressDeck.Publishing;

public sealed record PublishingRules(
    IReadOnlyList<(AccountChoice Account, ApprovalPolicy? Policy)> Accounts,
    IReadOnlyList<ApproverGroupChoice> ApproverGroups,
    IReadOnlyList<ElectionPeriod> ElectionPeriods,
    IReadOnlyList<AccountGroup> AccountGroups,
    IReadOnlyList<FlaggableList> Lists);

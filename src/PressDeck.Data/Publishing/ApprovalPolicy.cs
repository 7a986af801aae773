namespace PressDeck.Data.Publishing;

/// <summary>
/// The office's rule for what goes out from one account without a second pair of eyes. With no steps, posts go straight
/// out (except in an election period, when every post needs an approver).
/// </summary>
public sealed class ApprovalPolicy
{
    public int Id { get; set; }

    /// <summary>The account it governs; null for the demo network's office account.</summary>
    public int? ConnectedAccountId { get; set; }

    /// <summary>Replies may go straight out, without the steps.</summary>
    public bool RepliesGoStraight { get; set; }

    /// <summary>An urgent post (a rebuttal) may go out first and be reviewed after.</summary>
    public bool UrgentGoesFirst { get; set; }

    /// <summary>Ask the author "Was this announced to Parliament first?" before a post can be submitted.</summary>
    public bool AskAboutParliament { get; set; }

    public List<ApprovalStep> Steps { get; set; } = [];
}

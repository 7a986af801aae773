using PressDeck.Core.Posts;

namespace PressDeck.Data.Publishing;

/// <summary>
/// A post the office means to publish: its text, images and the accounts it goes to, from the first keystroke (saved
/// automatically) through approval and scheduling to publication.
/// </summary>
public sealed class PostDraft
{
    public int Id { get; set; }

    public string AuthorUserId { get; set; } = "";

    public string AuthorName { get; set; } = "";

    public string Text { get; set; } = "";

    public DraftState State { get; set; }

    /// <summary>True when this is a reply, quote or repost to a post on <see cref="ReferenceNetwork"/>.</summary>
    public PostDraftKind Kind { get; set; }

    /// <summary>The network of the post replied to, quoted or reposted; a reply can only go to accounts on that network.</summary>
    public Network? ReferenceNetwork { get; set; }

    /// <summary>The archive's remote id of the post replied to, quoted or reposted.</summary>
    public string? ReferenceRemoteId { get; set; }

    /// <summary>The handle of the author of the referenced post, to show and to check against flagged lists.</summary>
    public string? ReferenceHandle { get; set; }

    /// <summary>BCP-47 language of the text, e.g. <c>en</c> or <c>cy</c>.</summary>
    public string? Language { get; set; }

    /// <summary>When it should go out (UTC); null means as soon as it is approved.</summary>
    public DateTime? ScheduledFor { get; set; }

    /// <summary>An urgent rebuttal: where the accounts' policies allow it, it goes out first and is reviewed after.</summary>
    public bool IsUrgent { get; set; }

    /// <summary>The author confirmed that a policy announcement was made to Parliament first.</summary>
    public bool AnnouncedToParliamentFirst { get; set; }

    /// <summary>The approval step it waits for (0-based), while <see cref="DraftState.AwaitingApproval"/>.</summary>
    public int ApprovalStep { get; set; }

    /// <summary>How far an unapproved post close to its time has been escalated: 0 none, 1 approvers reminded, 2 deputies asked.</summary>
    public int EscalationLevel { get; set; }

    /// <summary>Needs an approver's review after it went out (an urgent post that went first).</summary>
    public bool NeedsReviewAfter { get; set; }

    /// <summary>The post before this one in a thread, published first; this one replies to it.</summary>
    public int? ThreadParentId { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public DateTime? SubmittedAt { get; set; }

    public DateTime? ApprovedAt { get; set; }

    public List<DraftTarget> Targets { get; set; } = [];

    public List<DraftImage> Images { get; set; } = [];

    public List<DraftReview> Reviews { get; set; } = [];
}

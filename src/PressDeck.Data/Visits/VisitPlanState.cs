namespace PressDeck.Data.Visits;

public enum VisitPlanState
{
    /// <summary>Being prepared; its posts cannot be fired yet.</summary>
    Planning,

    /// <summary>Submitted: an approver reads the posts and quotes.</summary>
    AwaitingApproval,

    /// <summary>Approved: each post goes out as written with one click; a post changed on the day goes through approval again.</summary>
    Approved,
}

namespace PressDeck.Data.Publishing;

public enum ReviewDecision
{
    Submitted,
    Approved,
    SentBack,
    Edited,
    Escalated,
    ReviewedAfter,
    Withdrawn,
}

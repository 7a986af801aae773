namespace PressDeck.Data.Inbox;

public enum InboxStatus
{
    New,
    InProgress,
    Answered,
    NoActionNeeded,
}

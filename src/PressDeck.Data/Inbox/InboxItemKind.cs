namespace PressDeck.Data.Inbox;

public enum InboxItemKind
{
    Mention,
    Reply,
    Quote,
    Phone,
    Email,
}

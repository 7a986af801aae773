namespace PressDeck.Data.Publishing;

public enum PostDraftKind
{
    Post,
    Reply,
    Quote,
    Repost,
}

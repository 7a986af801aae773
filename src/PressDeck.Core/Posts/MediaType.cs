namespace PressDeck.Core.Posts;

public enum MediaType
{
    Image,
    Video,
    Gif,
}

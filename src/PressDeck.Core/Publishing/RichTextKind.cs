namespace PressDeck.Core.Publishing;

/// <summary>What a <see cref="RichTextSpan"/> marks in a post's text.</summary>
public enum RichTextKind
{
    Link,
    Mention,
    Hashtag,
}

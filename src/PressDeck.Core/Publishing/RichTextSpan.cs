namespace PressDeck.Core.Publishing;

/// <summary>
/// A link, mention or hashtag in a post's text, as <see cref="RichText.Find"/> finds it. <see cref="Start"/> and
/// <see cref="Length"/> are UTF-16 indices into the text (what <see cref="string.Substring(int, int)"/> takes);
/// <see cref="ByteStart"/> (inclusive) and <see cref="ByteEnd"/> (exclusive) are zero-based offsets into the text's
/// UTF-8 encoding, as Bluesky facets want them (protocols.md 1.7).
/// </summary>
/// <param name="Value">
/// For a link, the URL to open: as written, with <c>https://</c> put in front of a bare domain (<c>gov.uk/skills</c>
/// → <c>https://gov.uk/skills</c>). For a mention, the handle as written without <c>@</c> (<c>alice.bsky.social</c>,
/// <c>user@mastodon.social</c>). For a hashtag, the tag as written without <c>#</c>.
/// </param>
public sealed record RichTextSpan(RichTextKind Kind, int Start, int Length, string Value, int ByteStart, int ByteEnd)
{
    /// <summary>The UTF-16 index just after the span.</summary>
    public int End => Start + Length;
}

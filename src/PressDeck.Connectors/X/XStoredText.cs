using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace PressDeck.Connectors.X;

/// <summary>
/// Compares the text PressDeck sent with the text X keeps, which differs in known ways: every link (with or without
/// <c>https://</c>; X links bare domains too) becomes a <c>t.co</c> link, attached media add a <c>t.co</c> link at the
/// end, <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> come back HTML-escaped, and whitespace may be trimmed. Both sides
/// are put in one form: NFC, each link (by the same generous pattern on both sides, so a word the pattern mistakes for
/// a domain is mistaken on both) replaced by one placeholder, runs of whitespace as one space.
/// </summary>
internal static partial class XStoredText
{
    private const string LinkPlaceholder = "\uE000";

    /// <summary>Our text in the comparable form.</summary>
    public static string OfSent(string text) => Comparable(text);

    /// <summary>
    /// X's text in the comparable form, without the links of attached media: those named by <paramref name="mediaLinks"/>
    /// (the <c>url</c> of <c>entities.urls</c> with a <c>media_key</c>), or else, when the post has media, a last
    /// <c>t.co</c> link.
    /// </summary>
    public static string OfStored(string storedText, IReadOnlyCollection<string> mediaLinks, bool hasMedia)
    {
        var text = WebUtility.HtmlDecode(storedText);
        if (mediaLinks.Count > 0)
        {
            foreach (var link in mediaLinks)
            {
                text = text.Replace(link, " ", StringComparison.Ordinal);
            }
        }
        else if (hasMedia)
        {
            text = TrailingShortLink().Replace(text, "");
        }

        return Comparable(text);
    }

    private static string Comparable(string text)
    {
        var normalised = text.Normalize(NormalizationForm.FormC);
        normalised = Link().Replace(normalised, LinkPlaceholder);
        return Whitespace().Replace(normalised, " ").Trim();
    }

    /// <summary>
    /// A link as X would shorten it: with a scheme or <c>www.</c>, or a bare domain (labels of letters, digits and
    /// hyphens, a top-level domain of two letters or more) with an optional port and path; brackets and quotes end it.
    /// </summary>
    [GeneratedRegex(@"(?:https?://|www\.)[^\s()<>\[\]{}""]+|(?<![\p{L}\p{N}_@#$.\-/])(?:[\p{L}\p{N}](?:[\p{L}\p{N}\-]*[\p{L}\p{N}])?\.)+\p{L}{2,}(?::\d{1,5})?(?:/[^\s()<>\[\]{}""]*)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Link();

    [GeneratedRegex(@"\s*https://t\.co/[A-Za-z0-9]+\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex TrailingShortLink();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();
}

using System.Buffers;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace PressDeck.Connectors.Html;

/// <summary>
/// Turns HTML from the networks (feed summaries, and later Mastodon content) into plain text with a real HTML5 parser
/// (AngleSharp), as QUERY-LANGUAGE.md section 2 step 8 asks: scripts, styles, embedded documents and comments are
/// dropped, entities decoded, paragraphs and <c>&lt;br&gt;</c> become line breaks, other whitespace collapses to one
/// space, and control characters go. Feeds often escape their HTML twice; text that still looks like markup or
/// entities after one pass is parsed again (a bounded number of times), so no tag survives as text either.
/// Thread-safe.
/// </summary>
public static class HtmlText
{
    /// <summary>How many times text that still looks like markup is parsed again.</summary>
    private const int MaxPasses = 3;

    private static readonly HashSet<string> Dropped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "iframe", "frame", "frameset", "object", "embed", "applet",
        "svg", "math", "head", "title", "meta", "link", "base", "canvas", "audio", "video", "source", "track",
        "input", "select", "textarea", "button", "option", "datalist", "dialog", "param",
    };

    /// <summary>Elements that end a paragraph: a blank line follows them.</summary>
    private static readonly HashSet<string> Paragraphs = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "ul", "ol", "dl", "table", "figure", "hr",
        "section", "article", "aside", "header", "footer", "nav", "main", "address", "details", "fieldset", "form",
    };

    /// <summary>Elements that start on a line of their own.</summary>
    private static readonly HashSet<string> Lines = new(StringComparer.OrdinalIgnoreCase)
    {
        "div", "li", "dt", "dd", "tr", "caption", "figcaption", "summary", "legend", "hgroup", "center", "body",
    };

    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    private static readonly SearchValues<char> Digits = SearchValues.Create("0123456789");

    private static readonly HtmlParser Parser = new(new HtmlParserOptions { IsScripting = false });

    /// <summary>The plain text of <paramref name="html"/>; empty for null or blank input.</summary>
    public static string ToPlainText(string? html) => Convert(html, baseUrl: null).Text;

    /// <summary>
    /// The plain text of <paramref name="html"/> and the links of its anchors, resolved against <paramref name="baseUrl"/>
    /// where relative; anything that is not an absolute http(s) address (<c>javascript:</c>, <c>data:</c>, …) is left out.
    /// </summary>
    public static HtmlTextResult Convert(string? html, Uri? baseUrl)
    {
        if (string.IsNullOrWhiteSpace(html))
        {
            return new HtmlTextResult(string.Empty, []);
        }

        var links = new List<string>();
        var text = html;
        for (var pass = 0; pass < MaxPasses; pass++)
        {
            text = Render(text, baseUrl, links);
            if (!LooksLikeMarkup(text))
            {
                break;
            }
        }

        if (LooksLikeMarkup(text))
        {
            // Still tag-like after every pass (deliberately nested escaping): keep the words, never a tag.
            text = text.Replace("<", "\u2039", StringComparison.Ordinal).Replace(">", "\u203A", StringComparison.Ordinal);
        }

        return new HtmlTextResult(text, links.Distinct(StringComparer.Ordinal).ToList());
    }

    /// <summary>An absolute http or https address made from <paramref name="candidate"/> (resolved against <paramref name="baseUrl"/> when relative), or null.</summary>
    public static string? SafeHttpUrl(string? candidate, Uri? baseUrl)
    {
        if (string.IsNullOrWhiteSpace(candidate))
        {
            return null;
        }

        var trimmed = candidate.Trim();
        Uri? uri;
        if (Uri.TryCreate(trimmed, UriKind.Absolute, out var absolute) && !IsImplicitFile(trimmed))
        {
            uri = absolute;
        }
        else if (baseUrl is not null && baseUrl.IsAbsoluteUri && Uri.TryCreate(baseUrl, trimmed, out var resolved))
        {
            uri = resolved;
        }
        else
        {
            return null;
        }

        return (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && uri.Host.Length > 0 && uri.UserInfo.Length == 0
            ? uri.AbsoluteUri
            : null;
    }

    /// <summary>On Unix, <c>Uri</c> takes "/path" as an absolute file address; for the web it is a relative one.</summary>
    private static bool IsImplicitFile(string text) => text.StartsWith('/') || text.StartsWith('\\');

    private static string Render(string html, Uri? baseUrl, List<string> links)
    {
        using var document = Parser.ParseDocument(html);
        var writer = new TextWriter();
        if (document.DocumentElement is { } root)
        {
            Walk(root, writer, baseUrl, links, preformatted: false);
        }

        return writer.ToString();
    }

    private static void Walk(INode node, TextWriter writer, Uri? baseUrl, List<string> links, bool preformatted)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText text:
                    writer.Append(text.Data, preformatted);
                    break;
                case IElement element:
                    var name = element.LocalName;
                    if (Dropped.Contains(name))
                    {
                        break;
                    }

                    if (name.Equals("br", StringComparison.OrdinalIgnoreCase))
                    {
                        writer.Break(1);
                        break;
                    }

                    if (name.Equals("a", StringComparison.OrdinalIgnoreCase) && SafeHttpUrl(element.GetAttribute("href"), baseUrl) is { } href)
                    {
                        links.Add(href);
                    }

                    var breaks = Paragraphs.Contains(name) ? 2 : Lines.Contains(name) ? 1 : 0;
                    var isCell = name.Equals("td", StringComparison.OrdinalIgnoreCase) || name.Equals("th", StringComparison.OrdinalIgnoreCase);
                    writer.Break(breaks);
                    if (isCell)
                    {
                        writer.Space();
                    }

                    Walk(element, writer, baseUrl, links, preformatted || name.Equals("pre", StringComparison.OrdinalIgnoreCase));
                    writer.Break(breaks);
                    if (isCell)
                    {
                        writer.Space();
                    }

                    break;
                default:
                    // Comments, processing instructions and doctypes carry no text.
                    break;
            }
        }
    }

    /// <summary>Text a second parse would change: a tag start, a comment, or an entity.</summary>
    private static bool LooksLikeMarkup(string text)
    {
        for (var index = text.IndexOfAny(['<', '&']); index >= 0 && index < text.Length - 1; index = text.IndexOfAny(['<', '&'], index + 1))
        {
            var next = text[index + 1];
            if (text[index] == '<' && (char.IsAsciiLetter(next) || next is '/' or '!' or '?'))
            {
                return true;
            }

            if (text[index] == '&' && IsEntity(text.AsSpan(index + 1)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsEntity(ReadOnlySpan<char> afterAmpersand)
    {
        var end = afterAmpersand.IndexOf(';');
        if (end <= 0 || end > 32)
        {
            return false;
        }

        var body = afterAmpersand[..end];
        if (body[0] == '#')
        {
            var digits = body[1..];
            return digits.Length > 0 && (digits[0] is 'x' or 'X'
                ? digits.Length > 1 && digits[1..].IndexOfAnyExcept(HexDigits) < 0
                : digits.IndexOfAnyExcept(Digits) < 0);
        }

        foreach (var character in body)
        {
            if (!char.IsAsciiLetterOrDigit(character))
            {
                return false;
            }
        }

        return char.IsAsciiLetter(body[0]);
    }

    /// <summary>Collects words with collapsed whitespace; line breaks are held back until more text follows, so none trail.</summary>
    private sealed class TextWriter
    {
        private readonly StringBuilder _text = new();
        private int _pendingBreaks;
        private bool _pendingSpace;

        public void Break(int count)
        {
            if (count > 0)
            {
                _pendingBreaks = Math.Max(_pendingBreaks, count);
                _pendingSpace = false;
            }
        }

        public void Space()
        {
            if (_pendingBreaks == 0)
            {
                _pendingSpace = true;
            }
        }

        public void Append(string data, bool preformatted)
        {
            foreach (var rune in data.EnumerateRunes())
            {
                var value = rune.Value;
                if (preformatted && value == '\n')
                {
                    Break(1);
                }
                else if (Rune.IsWhiteSpace(rune) || value is '\u200B')
                {
                    Space();
                }
                else if (Rune.IsControl(rune) || value is '\uFEFF' or '\uFFFE' or '\uFFFF')
                {
                    continue;
                }
                else
                {
                    Flush();
                    _text.Append(rune.ToString());
                }
            }
        }

        public override string ToString() => _text.ToString();

        private void Flush()
        {
            if (_text.Length > 0)
            {
                if (_pendingBreaks > 0)
                {
                    _text.Append('\n', _pendingBreaks);
                }
                else if (_pendingSpace)
                {
                    _text.Append(' ');
                }
            }

            _pendingBreaks = 0;
            _pendingSpace = false;
        }
    }
}

using System.Collections.Frozen;
using System.Net;
using System.Text;

namespace PressDeck.Core.Text;

/// <summary>
/// A small forgiving HTML scanner (QUERY-LANGUAGE.md section 2, rule 8). It never throws on malformed markup: an
/// unterminated tag or comment swallows the rest of the input, and a <c>&lt;</c> that does not start a tag is text.
/// </summary>
internal static class HtmlTextExtractor
{
    private static readonly FrozenSet<string> BlockElements = new[]
    {
        "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "dialog", "div", "dl", "dt",
        "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
        "li", "main", "nav", "ol", "option", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th",
        "thead", "title", "tr", "ul",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> BlockElementLookup =
        BlockElements.GetAlternateLookup<ReadOnlySpan<char>>();

    public static string Extract(string html)
    {
        var output = new StringBuilder(html.Length);
        var textStart = 0;
        var index = 0;
        while (index < html.Length)
        {
            if (html[index] != '<' || index + 1 >= html.Length)
            {
                index++;
                continue;
            }

            var next = html[index + 1];
            if (next is '!' or '?')
            {
                AppendDecoded(output, html, textStart, index);
                index = SkipDeclarationOrComment(html, index);
                textStart = index;
                continue;
            }

            var isClosing = next == '/';
            var nameStart = index + (isClosing ? 2 : 1);
            if (nameStart >= html.Length || !char.IsAsciiLetter(html[nameStart]))
            {
                index++;
                continue;
            }

            var nameEnd = nameStart;
            while (nameEnd < html.Length && (char.IsAsciiLetterOrDigit(html[nameEnd]) || html[nameEnd] is '-' or ':'))
            {
                nameEnd++;
            }

            var name = html.AsSpan(nameStart, nameEnd - nameStart);
            var tagEnd = FindTagEnd(html, nameEnd);
            AppendDecoded(output, html, textStart, index);
            var isSelfClosing = tagEnd > 0 && html[tagEnd - 1] == '/';
            index = tagEnd < html.Length ? tagEnd + 1 : html.Length;

            if (!isClosing && !isSelfClosing && (name.Equals("script", StringComparison.OrdinalIgnoreCase) || name.Equals("style", StringComparison.OrdinalIgnoreCase)))
            {
                index = SkipRawText(html, index, name);
            }

            if (BlockElementLookup.Contains(name))
            {
                output.Append('\n');
            }

            textStart = index;
        }

        AppendDecoded(output, html, textStart, html.Length);
        return CollapseWhiteSpace(output);
    }

    private static int SkipDeclarationOrComment(string html, int index)
    {
        if (html.AsSpan(index).StartsWith("<!--", StringComparison.Ordinal))
        {
            var end = html.IndexOf("-->", index + 4, StringComparison.Ordinal);
            return end < 0 ? html.Length : end + 3;
        }

        var close = html.IndexOf('>', index);
        return close < 0 ? html.Length : close + 1;
    }

    /// <summary>Finds the <c>&gt;</c> ending a tag; quotes count only as attribute values (after <c>=</c>).</summary>
    private static int FindTagEnd(string html, int index)
    {
        var quote = '\0';
        var afterEquals = false;
        for (; index < html.Length; index++)
        {
            var character = html[index];
            if (quote != '\0')
            {
                if (character == quote)
                {
                    quote = '\0';
                }

                continue;
            }

            if (character == '>')
            {
                return index;
            }

            if (afterEquals && character is '"' or '\'')
            {
                quote = character;
                afterEquals = false;
                continue;
            }

            if (character == '=')
            {
                afterEquals = true;
            }
            else if (!char.IsWhiteSpace(character))
            {
                afterEquals = false;
            }
        }

        return html.Length;
    }

    private static int SkipRawText(string html, int index, ReadOnlySpan<char> name)
    {
        while (index < html.Length)
        {
            var close = html.IndexOf("</", index, StringComparison.Ordinal);
            if (close < 0)
            {
                return html.Length;
            }

            var candidate = html.AsSpan(close + 2);
            if (candidate.StartsWith(name, StringComparison.OrdinalIgnoreCase)
                && (candidate.Length == name.Length || !char.IsAsciiLetterOrDigit(candidate[name.Length])))
            {
                var end = html.IndexOf('>', close);
                return end < 0 ? html.Length : end + 1;
            }

            index = close + 2;
        }

        return html.Length;
    }

    private static void AppendDecoded(StringBuilder output, string html, int start, int end)
    {
        if (end <= start)
        {
            return;
        }

        var segment = html.AsSpan(start, end - start);
        if (segment.Contains('&'))
        {
            output.Append(WebUtility.HtmlDecode(segment.ToString()));
        }
        else
        {
            output.Append(segment);
        }
    }

    /// <summary>Runs of white space become one space, or one line break when the run holds a line break.</summary>
    private static string CollapseWhiteSpace(StringBuilder text)
    {
        var result = new StringBuilder(text.Length);
        var pending = '\0';
        foreach (var chunk in text.GetChunks())
        {
            foreach (var character in chunk.Span)
            {
                if (char.IsWhiteSpace(character))
                {
                    if (character is '\n' or '\r')
                    {
                        pending = '\n';
                    }
                    else if (pending == '\0')
                    {
                        pending = ' ';
                    }

                    continue;
                }

                if (pending != '\0' && result.Length > 0)
                {
                    result.Append(pending);
                }

                pending = '\0';
                result.Append(character);
            }
        }

        return result.ToString();
    }
}

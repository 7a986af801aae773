using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace PressDeck.Connectors.Mastodon;

/// <summary>
/// Turns a status's sanitized HTML <c>content</c> into plain text (QUERY-LANGUAGE.md 2.8) with AngleSharp's HTML5
/// parser: paragraphs are separated by a blank line and <c>&lt;br&gt;</c> becomes a line break; entities are decoded;
/// <c>script</c>, <c>style</c> and <c>template</c> contents are dropped. Links show their whole address (Mastodon hides
/// its scheme and tail in <c>&lt;span class="invisible"&gt;</c> and shortens the middle with an ellipsis span), and a
/// mention shows the full <c>@user@instance</c> handle that <paramref name="mentionHandle"/> gives for its address.
/// </summary>
public static class MastodonHtmlText
{
    private static readonly HtmlParserOptions ParserOptions = new() { IsScripting = false };

    /// <summary>The text, and in <paramref name="links"/> the addresses of the links that are neither mentions nor hashtags.</summary>
    public static string ToText(string? html, Func<string, string, string?> mentionHandle, List<string> links)
    {
        ArgumentNullException.ThrowIfNull(mentionHandle);
        ArgumentNullException.ThrowIfNull(links);
        if (string.IsNullOrWhiteSpace(html))
        {
            return "";
        }

        var parser = new HtmlParser(ParserOptions);
        using var document = parser.ParseDocument("<!DOCTYPE html><html><body>" + html + "</body></html>");
        var text = new StringBuilder(html.Length);
        if (document.Body is { } body)
        {
            Append(body, text, mentionHandle, links);
        }

        return Tidy(text);
    }

    private static void Append(INode node, StringBuilder text, Func<string, string, string?> mentionHandle, List<string> links)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText textNode:
                    AppendInline(text, textNode.Data);
                    break;
                case IElement element:
                    AppendElement(element, text, mentionHandle, links);
                    break;
            }
        }
    }

    private static void AppendElement(IElement element, StringBuilder text, Func<string, string, string?> mentionHandle, List<string> links)
    {
        switch (element.LocalName)
        {
            case "script" or "style" or "template" or "head" or "title" or "iframe" or "object" or "noscript":
                return;
            case "br":
                text.Append('\n');
                return;
            case "a":
                AppendLink(element, text, mentionHandle, links);
                return;
            case "img":
                // Custom emoji arrive as :shortcode: text; an image that slipped through shows its alternative text.
                AppendInline(text, element.GetAttribute("alt"));
                return;
            case "p" or "div" or "blockquote" or "pre" or "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "ul" or "ol" or "section" or "article":
                text.Append("\n\n");
                Append(element, text, mentionHandle, links);
                text.Append("\n\n");
                return;
            case "li":
                StartLine(text);
                Append(element, text, mentionHandle, links);
                StartLine(text);
                return;
            default:
                Append(element, text, mentionHandle, links);
                return;
        }
    }

    private static void AppendLink(IElement anchor, StringBuilder text, Func<string, string, string?> mentionHandle, List<string> links)
    {
        var href = anchor.GetAttribute("href")?.Trim() ?? "";
        var shown = Collapse(anchor.TextContent);
        var classes = anchor.ClassList;
        if (classes.Contains("hashtag") || (shown.StartsWith('#') && !classes.Contains("u-url")))
        {
            AppendInline(text, shown);
            return;
        }

        var isMention = classes.Contains("mention") || anchor.ParentElement?.ClassList.Contains("h-card") == true;
        if (isMention && shown.StartsWith('@'))
        {
            AppendInline(text, "@" + (mentionHandle(href, shown[1..]) ?? shown[1..]));
            return;
        }

        var isWebLink = Uri.TryCreate(href, UriKind.Absolute, out var address) && address.Scheme is "http" or "https";
        if (isWebLink && !links.Contains(href, StringComparer.Ordinal))
        {
            links.Add(href);
        }

        // Mastodon's shortened link text is the whole address split into invisible and ellipsis spans, so the text
        // content is the full address; any other link shows its own words.
        AppendInline(text, shown.Length == 0 && isWebLink ? href : shown);
    }

    private static void StartLine(StringBuilder text)
    {
        if (text.Length > 0 && text[^1] != '\n')
        {
            text.Append('\n');
        }
    }

    private static void AppendInline(StringBuilder text, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        foreach (var c in value)
        {
            text.Append(c is '\n' or '\r' or '\t' or '\f' ? ' ' : c);
        }
    }

    private static string Collapse(string value)
    {
        var collapsed = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (!char.IsWhiteSpace(c))
            {
                collapsed.Append(c);
            }
            else if (collapsed.Length > 0 && collapsed[^1] != ' ')
            {
                collapsed.Append(' ');
            }
        }

        return collapsed.ToString().Trim();
    }

    /// <summary>Trims each line's edges, keeps at most one blank line in a row, and trims the whole.</summary>
    private static string Tidy(StringBuilder text)
    {
        var lines = text.ToString().Split('\n');
        var result = new StringBuilder(text.Length);
        var blank = 0;
        foreach (var raw in lines)
        {
            var line = raw.Trim(' ', '\u00A0');
            if (line.Length == 0)
            {
                blank++;
                continue;
            }

            if (result.Length > 0)
            {
                result.Append(blank > 0 ? "\n\n" : "\n");
            }

            result.Append(line);
            blank = 0;
        }

        return result.ToString();
    }
}

using System.Text;

namespace PressDeck.Core.Text;

/// <summary>
/// Where a link written in a post starts and ends, shared by the post analyzer (links with a scheme) and the
/// publishing side (which also finds bare domains such as <c>gov.uk/skills</c>, as X does). A link runs to the first
/// space, control character, <c>&lt; &gt; "</c> or non-ASCII punctuation or symbol; trailing punctuation and an
/// unbalanced closing bracket are then given back to the sentence.
/// </summary>
internal static class LinkSyntax
{
    /// <summary>
    /// The length of the <c>http://</c> or <c>https://</c> link at the start of <paramref name="text"/>, with the length of
    /// its scheme in <paramref name="schemeLength"/>. Both are 0 without a scheme; a length equal to the scheme's means
    /// nothing follows it.
    /// </summary>
    public static int MatchSchemeLink(ReadOnlySpan<char> text, out int schemeLength)
    {
        schemeLength = SchemeLength(text);
        if (schemeLength == 0)
        {
            return 0;
        }

        var end = ScanLinkBody(text, schemeLength);
        return TrimTrailingPunctuation(text[..end], schemeLength);
    }

    /// <summary>8 for <c>https://</c>, 7 for <c>http://</c> (any case), otherwise 0.</summary>
    public static int SchemeLength(ReadOnlySpan<char> text)
    {
        if (text.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return 8;
        }

        return text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? 7 : 0;
    }

    /// <summary>
    /// The length of the link written without a scheme at the start of <paramref name="text"/> (<c>gov.uk</c>,
    /// <c>www.gov.wales/news?page=2</c>), or 0. The domain is ASCII labels separated by dots, the last one a
    /// <see cref="TopLevelDomains">known top-level domain</see>, and is not followed by a letter, digit or
    /// <c>@ + - _</c>; a port, path or query may follow. The caller checks what precedes it.
    /// </summary>
    public static int MatchBareDomainLink(ReadOnlySpan<char> text)
    {
        var domainEnd = MatchDomain(text);
        if (domainEnd == 0)
        {
            return 0;
        }

        var continues = domainEnd < text.Length
            && (text[domainEnd] is '/' or '?'
                || (text[domainEnd] == ':' && domainEnd + 1 < text.Length && char.IsAsciiDigit(text[domainEnd + 1])));
        if (!continues)
        {
            return domainEnd;
        }

        var end = ScanLinkBody(text, domainEnd);
        return TrimTrailingPunctuation(text[..end], domainEnd);
    }

    /// <summary>
    /// True when <paramref name="host"/> (as <see cref="LinkTarget.Host"/> gives it) has a dot and ends in something shaped
    /// like a top-level domain: two or more letters, or punycode (<c>xn--</c>). Rules out <c>localhost</c> and IP addresses,
    /// which neither X nor Mastodon shorten.
    /// </summary>
    public static bool HasTopLevelDomain(string host)
    {
        var lastDot = host.LastIndexOf('.');
        if (lastDot <= 0)
        {
            return false;
        }

        var label = host.AsSpan(lastDot + 1);
        if (label.StartsWith("xn--", StringComparison.Ordinal) && label.Length > 4)
        {
            return true;
        }

        if (label.Length < 2)
        {
            return false;
        }

        foreach (var rune in label.EnumerateRunes())
        {
            if (!Rune.IsLetter(rune))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Trailing punctuation is not part of a link; a closing bracket is, when the link opened it.</summary>
    public static int TrimTrailingPunctuation(ReadOnlySpan<char> url, int minimum)
    {
        var end = url.Length;
        while (end > minimum)
        {
            var last = url[end - 1];
            if (last is '.' or ',' or ';' or ':' or '!' or '?' or '\'' or '*')
            {
                end--;
            }
            else if ((last == ')' && url[..end].Count('(') < url[..end].Count(')'))
                || (last == ']' && url[..end].Count('[') < url[..end].Count(']'))
                || (last == '}' && url[..end].Count('{') < url[..end].Count('}')))
            {
                end--;
            }
            else
            {
                break;
            }
        }

        return end;
    }

    private static int ScanLinkBody(ReadOnlySpan<char> text, int start)
    {
        var end = start;
        while (end < text.Length)
        {
            var character = text[end];
            if (character < 0x80)
            {
                if (character <= ' ' || character is '<' or '>' or '"' or '\x7F')
                {
                    break;
                }

                end++;
                continue;
            }

            Rune.DecodeFromUtf16(text[end..], out var rune, out var consumed);
            var category = Rune.GetUnicodeCategory(rune);
            if (!Rune.IsLetterOrDigit(rune) && !UnicodeClasses.IsMark(category))
            {
                // Non-ASCII punctuation, symbols, emoji and spaces end a link (…, 。, “).
                break;
            }

            end += consumed;
        }

        return end;
    }

    /// <summary>
    /// The end of the longest run of dot-separated labels at the start of <paramref name="text"/> whose last label is a
    /// known top-level domain (so <c>gov.uk.pdf</c> gives <c>gov.uk</c>), or 0.
    /// </summary>
    private static int MatchDomain(ReadOnlySpan<char> text)
    {
        Span<int> labelEnds = stackalloc int[16];
        var labelCount = 0;
        var index = 0;
        while (labelCount < labelEnds.Length)
        {
            var labelEnd = MatchLabel(text, index);
            if (labelEnd == index)
            {
                break;
            }

            labelEnds[labelCount++] = labelEnd;
            if (labelEnd + 1 >= text.Length || text[labelEnd] != '.')
            {
                break;
            }

            index = labelEnd + 1;
        }

        for (var last = labelCount - 1; last >= 1; last--)
        {
            var end = labelEnds[last];
            var topLevelStart = labelEnds[last - 1] + 1;
            if (TopLevelDomains.IsKnown(text[topLevelStart..end]) && !ContinuesDomain(text, end))
            {
                return end;
            }
        }

        return 0;
    }

    /// <summary>An ASCII label: letters and digits, with <c>-</c> or <c>_</c> only between them.</summary>
    private static int MatchLabel(ReadOnlySpan<char> text, int start)
    {
        var index = start;
        var lastAlphanumeric = start;
        while (index < text.Length && (char.IsAsciiLetterOrDigit(text[index]) || (index > start && text[index] is '-' or '_')))
        {
            if (char.IsAsciiLetterOrDigit(text[index]))
            {
                lastAlphanumeric = index + 1;
            }

            index++;
        }

        return lastAlphanumeric;
    }

    /// <summary>Whether the character at <paramref name="index"/> would make the domain part of a longer word or address.</summary>
    private static bool ContinuesDomain(ReadOnlySpan<char> text, int index)
    {
        if (index >= text.Length)
        {
            return false;
        }

        var character = text[index];
        if (character is '@' or '+' or '-' or '_')
        {
            return true;
        }

        Rune.DecodeFromUtf16(text[index..], out var rune, out _);
        return UnicodeClasses.IsWordPart(rune);
    }
}

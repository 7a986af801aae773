using System.Text;
using PressDeck.Core.Text;

namespace PressDeck.Core.Publishing;

/// <summary>
/// Finds the links, mentions and hashtags in a post's text, so that a publisher can mark them up as its network wants
/// (Bluesky facets, protocols.md 1.7) and the length counter can count links as the network does. One scan from the
/// start: at each place where an entity may start, the first that matches is taken and the scan goes on after it, so
/// spans come in text order and never overlap (a <c>#</c> or <c>@</c> inside a link is part of the link).
/// <list type="bullet">
/// <item>A mention or hashtag starts at the beginning of the text or after a character that is not a letter, digit,
/// combining mark or <c>_</c>: <c>a#b</c> and <c>press@gov.uk</c> hold neither.</item>
/// <item>A link is <c>http://</c> or <c>https://</c> and a host ending in a top-level domain (letters; so not
/// <c>localhost</c> or an IP address), or a bare domain whose last label is a known top-level domain
/// (<c>gov.uk/skills</c>, <c>bit.ly/x</c>; see <c>TopLevelDomains</c>). As in twitter-text, it starts after anything but
/// an ASCII letter or digit or <c>@ $ #</c> (so <c>press@gov.uk</c> holds no link, but <c>詳細はgov.uk</c> does), and a
/// bare domain not after <c>- _ . /</c> either. It runs to a space, <c>&lt; &gt; "</c> or non-ASCII punctuation or
/// emoji; trailing <c>. , ; : ! ? ' *</c> and an unbalanced closing bracket are not part of it.</item>
/// <item>A mention is <c>@</c> and a handle: letters, digits, <c>_ . -</c>, not ending in <c>.</c> or <c>-</c>, with an
/// optional Mastodon <c>@domain</c> (<c>@alice.bsky.social</c>, <c>@user@mastodon.social</c>, <c>@ft_reporter</c>). No
/// network's own limits are applied (X's 15 characters, Bluesky's need for a dot): a handle that does not resolve is
/// left as plain text by the publisher.</item>
/// <item>A hashtag is <c>#</c> and letters, digits, combining marks and <c>_</c> of any script, starting with a letter,
/// digit or <c>_</c> and holding at least one letter (<c>#Cymraeg</c>, <c>#日本</c>, <c>#NHS75</c>; not <c>#1</c> or
/// the keycap <c>#️⃣</c>). Anything else ends it. Longer than Bluesky's 64 graphemes or 640 bytes, it is not a
/// hashtag at all.</item>
/// </list>
/// </summary>
public static class RichText
{
    private const int MaxHashtagGraphemes = 64;
    private const int MaxHashtagBytes = 640;
    private const string DefaultScheme = "https://";

    /// <summary>The links, mentions and hashtags in <paramref name="text"/>, in text order and not overlapping.</summary>
    public static IReadOnlyList<RichTextSpan> Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var spans = new List<RichTextSpan>();
        var bytesBefore = 0;
        var bytesCountedTo = 0;
        var index = 0;
        while (index < text.Length)
        {
            if (MayStartEntity(text, index))
            {
                var (kind, end, value) = MatchEntity(text, index);
                if (end > index)
                {
                    bytesBefore += Encoding.UTF8.GetByteCount(text.AsSpan(bytesCountedTo, index - bytesCountedTo));
                    var byteLength = Encoding.UTF8.GetByteCount(text.AsSpan(index, end - index));
                    spans.Add(new RichTextSpan(kind, index, end - index, value, bytesBefore, bytesBefore + byteLength));
                    bytesBefore += byteLength;
                    bytesCountedTo = end;
                    index = end;
                    continue;
                }
            }

            index++;
        }

        return spans;
    }

    /// <summary>
    /// Where <paramref name="span"/> lies in the UTF-8 encoding of <paramref name="text"/>: zero-based, end exclusive.
    /// The same as the span's own <see cref="RichTextSpan.ByteStart"/> and <see cref="RichTextSpan.ByteEnd"/> when
    /// <see cref="Find"/> made it from this text; computed afresh for a span made some other way.
    /// </summary>
    public static (int ByteStart, int ByteEnd) Utf8Range(string text, RichTextSpan span)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(span);
        ArgumentOutOfRangeException.ThrowIfNegative(span.Start);
        ArgumentOutOfRangeException.ThrowIfNegative(span.Length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(span.End, text.Length);
        var byteStart = Encoding.UTF8.GetByteCount(text.AsSpan(0, span.Start));
        return (byteStart, byteStart + Encoding.UTF8.GetByteCount(text.AsSpan(span.Start, span.Length)));
    }

    private static (RichTextKind Kind, int End, string Value) MatchEntity(string text, int start)
    {
        var character = text[start];
        if (character == '@')
        {
            var end = HandleSyntax.ScanHandle(text, start + 1);
            return (RichTextKind.Mention, end > start + 1 ? end : start, text[(start + 1)..end]);
        }

        if (character == '#')
        {
            var end = MatchHashtag(text, start);
            return (RichTextKind.Hashtag, end, end > start ? text[(start + 1)..end] : "");
        }

        var rest = text.AsSpan(start);
        var length = LinkSyntax.MatchSchemeLink(rest, out var schemeLength);
        if (length > schemeLength
            && LinkTarget.TryParse(rest[..length].ToString(), out var target)
            && target is not null
            && LinkSyntax.HasTopLevelDomain(target.Host))
        {
            return (RichTextKind.Link, start + length, rest[..length].ToString());
        }

        if (schemeLength == 0 && !FollowsLinkBlocker(text, start))
        {
            length = LinkSyntax.MatchBareDomainLink(rest);
            if (length > 0)
            {
                return (RichTextKind.Link, start + length, string.Concat(DefaultScheme, rest[..length]));
            }
        }

        return (RichTextKind.Link, start, "");
    }

    /// <summary>The end of the hashtag whose <c>#</c> is at <paramref name="hashIndex"/>, or <paramref name="hashIndex"/>.</summary>
    private static int MatchHashtag(string text, int hashIndex)
    {
        var bodyStart = hashIndex + 1;
        if (bodyStart >= text.Length)
        {
            return hashIndex;
        }

        Rune.DecodeFromUtf16(text.AsSpan(bodyStart), out var first, out _);
        if (first.Value != '_' && !UnicodeClasses.IsWordStart(first))
        {
            return hashIndex;
        }

        var index = bodyStart;
        var hasLetter = false;
        while (index < text.Length)
        {
            Rune.DecodeFromUtf16(text.AsSpan(index), out var rune, out var consumed);
            if (!UnicodeClasses.IsHashtagBodyPart(rune))
            {
                break;
            }

            hasLetter |= Rune.IsLetter(rune);
            index += consumed;
        }

        var body = text.AsSpan(bodyStart, index - bodyStart);
        var fitsBluesky = Encoding.UTF8.GetByteCount(body) <= MaxHashtagBytes && Graphemes.Count(body) <= MaxHashtagGraphemes;
        return hasLetter && fitsBluesky ? index : hashIndex;
    }

    private static bool MayStartEntity(string text, int index)
    {
        var character = text[index];
        if (character is '@' or '#')
        {
            return !FollowsWordCharacter(text, index);
        }

        return char.IsAsciiLetterOrDigit(character) && !FollowsAsciiWordCharacter(text, index);
    }

    /// <summary>Mentions and hashtags start only after a character that is not a letter, digit, mark or <c>_</c>.</summary>
    private static bool FollowsWordCharacter(string text, int index)
    {
        if (index == 0)
        {
            return false;
        }

        Rune.DecodeLastFromUtf16(text.AsSpan(0, index), out var previous, out _);
        return previous.Value == '_' || UnicodeClasses.IsWordPart(previous);
    }

    /// <summary>
    /// A link starts only after a character that is not an ASCII letter or digit nor <c>@ $ #</c> (twitter-text's
    /// <c>validUrlPrecedingChars</c>): after Japanese text with no space (<c>詳細はhttps://…</c>) it is still a link.
    /// </summary>
    private static bool FollowsAsciiWordCharacter(string text, int index) =>
        index > 0 && (char.IsAsciiLetterOrDigit(text[index - 1]) || text[index - 1] is '@' or '$' or '#' or '＠' or '＃');

    /// <summary>
    /// A bare domain right after these is part of something else: a file name (<c>report.pdf</c>), a path or a longer
    /// name (twitter-text's <c>invalidUrlWithoutProtocolPrecedingChars</c>).
    /// </summary>
    private static bool FollowsLinkBlocker(string text, int index) =>
        index > 0 && text[index - 1] is '-' or '_' or '.' or '/';
}

using System.Globalization;
using System.Text;
using PressDeck.Core.Text;

namespace PressDeck.Core.Publishing;

/// <summary>
/// Counts a post as X does: twitter-text's weighted length with configuration v3. Confirmed in twitter/twitter-text:
/// <list type="bullet">
/// <item><c>config/v3.json</c> at 714cd4d5: <c>maxWeightedTweetLength</c> 280, <c>scale</c> 100, <c>defaultWeight</c> 200,
/// <c>emojiParsingEnabled</c> true, <c>transformedURLLength</c> 23, and weight 100 for the ranges 0–4351
/// (U+0000–U+10FF), 8192–8205 (U+2000–U+200D), 8208–8223 (U+2010–U+201F) and 8242–8247 (U+2032–U+2037).</item>
/// <item><c>js/src/parseTweet.js</c> at 65e7e00d: the text is normalised to NFC first; a link counts
/// <c>transformedURLLength × scale</c>; an emoji (a whole sequence: skin tone, ZWJ family, flag, keycap) counts
/// <c>defaultWeight</c>; any other code point counts the weight of its range, or <c>defaultWeight</c>. The total is
/// divided by <c>scale</c>.</item>
/// <item><c>js/src/extractUrlsWithIndices.js</c> at 9537bdf1 and <c>rb/lib/twitter-text/extractor.rb</c>: links may be
/// written without a scheme (a known top-level domain, not after <c>- _ . /</c>), and a link longer than 4,096
/// characters (with <c>https://</c> added to a bare domain) is not a link.</item>
/// </list>
/// twitter-text finds emoji with twemoji's list; here an emoji sequence is a grapheme cluster of more than one code
/// point that starts with a pictograph, a regional indicator or a keycap base. A pictograph alone is one code point
/// and weighs 200 by its range anyway, except © and ® without U+FE0F, which weigh 100 here.
/// </summary>
internal static class XWeightedLength
{
    public const int DefaultLimit = 280;
    private const int Scale = 100;
    private const int DefaultWeight = 200;
    private const int LightWeight = 100;
    private const int TransformedUrlLength = 23;
    private const int MaxUrlLength = 4096;
    private const char CombiningEnclosingKeycap = '\u20E3';

    public static int Count(string text)
    {
        var normalised = UnicodeClasses.WithoutUnnormalisableCharacters(text).Normalize(NormalizationForm.FormC);
        var weight = 0;
        var position = 0;
        foreach (var span in RichText.Find(normalised))
        {
            if (span.Kind != RichTextKind.Link)
            {
                continue;
            }

            var linkLength = LengthAsXReadsIt(normalised.AsSpan(span.Start, span.Length));
            var schemeAdded = span.Value.Length - span.Length;
            if (schemeAdded + linkLength > MaxUrlLength)
            {
                continue;
            }

            weight += Weigh(normalised.AsSpan(position, span.Start - position)) + (TransformedUrlLength * Scale);
            position = span.Start + linkLength;
        }

        weight += Weigh(normalised.AsSpan(position));
        return weight / Scale;
    }

    /// <summary>
    /// twitter-text's path characters (<c>validGeneralUrlPathChars</c>) hold Latin and Cyrillic letters but no other
    /// script, so Japanese written straight after a link (<c>gov.uk/skillsをご覧ください</c>) is text to X, not link.
    /// </summary>
    private static int LengthAsXReadsIt(ReadOnlySpan<char> link)
    {
        var schemeLength = LinkSyntax.SchemeLength(link);
        var hostLength = link[schemeLength..].IndexOfAny('/', '?', '#');
        if (hostLength < 0)
        {
            return link.Length;
        }

        var index = schemeLength + hostLength;
        while (index < link.Length)
        {
            Rune.DecodeFromUtf16(link[index..], out var rune, out var consumed);
            if (Rune.IsLetter(rune) && !UnicodeClasses.IsLatinGreekOrCyrillicLetter(rune))
            {
                return LinkSyntax.TrimTrailingPunctuation(link[..index], 0);
            }

            index += consumed;
        }

        return link.Length;
    }

    private static int Weigh(ReadOnlySpan<char> text)
    {
        var weight = 0;
        while (!text.IsEmpty)
        {
            var cluster = text[..StringInfo.GetNextTextElementLength(text)];
            text = text[cluster.Length..];
            if (IsEmojiSequence(cluster))
            {
                weight += DefaultWeight;
                continue;
            }

            foreach (var rune in cluster.EnumerateRunes())
            {
                weight += WeightOf(rune);
            }
        }

        return weight;
    }

    private static int WeightOf(Rune rune) => rune.Value switch
    {
        <= 0x10FF or (>= 0x2000 and <= 0x200D) or (>= 0x2010 and <= 0x201F) or (>= 0x2032 and <= 0x2037) => LightWeight,
        _ => DefaultWeight,
    };

    private static bool IsEmojiSequence(ReadOnlySpan<char> cluster)
    {
        Rune.DecodeFromUtf16(cluster, out var first, out var firstLength);
        if (firstLength == cluster.Length)
        {
            return false;
        }

        return IsPictographic(first) || (first.Value is (>= '0' and <= '9') or '#' or '*' && cluster.Contains(CombiningEnclosingKeycap));
    }

    /// <summary>
    /// Unicode's Extended_Pictographic, by the blocks it lies in (with the regional indicators, which are in
    /// U+1F1E6–U+1F1FF): close enough to decide whether a cluster of several code points is an emoji sequence.
    /// </summary>
    private static bool IsPictographic(Rune rune) => rune.Value is 0xA9 or 0xAE or 0x203C or 0x2049 or 0x2122 or 0x2139
        or 0x24C2 or 0x3030 or 0x303D or 0x3297 or 0x3299
        or (>= 0x2190 and <= 0x21FF) or (>= 0x2300 and <= 0x23FF) or (>= 0x25A0 and <= 0x27BF) or (>= 0x2900 and <= 0x297F)
        or (>= 0x2B00 and <= 0x2BFF) or (>= 0x1F000 and <= 0x1FFFF);
}

using System.Globalization;
using System.Text;

namespace PressDeck.Core.Text;

/// <summary>
/// The one normaliser of QUERY-LANGUAGE.md section 2. Posts (at ingest) and query words (at parse time) go through
/// the same steps so that the live matcher and the archive's full-text search agree.
/// </summary>
public static class TextNormaliser
{
    [ThreadStatic]
    private static StringBuilder? _builder;

    /// <summary>
    /// Normalises text for comparison: NFKC, culture-invariant lower case, <c>ß</c> → <c>ss</c>, <c>ς</c> → <c>σ</c>,
    /// and non-spacing marks dropped after Latin, Greek and Cyrillic letters (<c>Café</c> → <c>cafe</c>).
    /// The result may still contain separators; cut it into word tokens with the tokeniser.
    /// </summary>
    public static string NormaliseWord(string text)
    {
        ArgumentNullException.ThrowIfNull(text);

        if (UnicodeClasses.IsAscii(text))
        {
            // NFKC and diacritic stripping are identities on ASCII.
            return text.ToLowerInvariant();
        }

        if (SimpleFold.TryFold(text, out string folded))
        {
            return folded;
        }

        return NormaliseWordFully(text);
    }

    /// <summary>
    /// <see cref="NormaliseWord"/> step by step, for any text: the definition that <see cref="SimpleFold"/> shortens
    /// for text whose characters do not interact.
    /// </summary>
    internal static string NormaliseWordFully(string text)
    {
        text = UnicodeClasses.WithoutUnnormalisableCharacters(text);
        var compatible = text.IsNormalized(NormalizationForm.FormKC) ? text : text.Normalize(NormalizationForm.FormKC);
        var builder = RentBuilder(compatible.Length);
        Span<char> units = stackalloc char[2];
        foreach (var rune in compatible.EnumerateRunes())
        {
            if (UnicodeClasses.IsVariationSelector(rune))
            {
                continue;
            }

            var lower = Rune.ToLowerInvariant(rune);
            switch (lower.Value)
            {
                case 'ß':
                    builder.Append("ss");
                    break;
                case 'ς':
                    builder.Append('σ');
                    break;
                default:
                    var length = lower.EncodeToUtf16(units);
                    builder.Append(units[..length]);
                    break;
            }
        }

        var decomposed = builder.ToString().Normalize(NormalizationForm.FormD);
        builder.Clear();
        var followsStrippableLetter = false;
        foreach (var rune in decomposed.EnumerateRunes())
        {
            if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.NonSpacingMark)
            {
                // A run of marks after one letter is dropped as a whole (ệ carries two).
                if (!followsStrippableLetter)
                {
                    var length = rune.EncodeToUtf16(units);
                    builder.Append(units[..length]);
                }

                continue;
            }

            followsStrippableLetter = UnicodeClasses.IsLatinGreekOrCyrillicLetter(rune);
            var written = rune.EncodeToUtf16(units);
            builder.Append(units[..written]);
        }

        var stripped = builder.ToString();
        builder.Clear();
        return stripped.Normalize(NormalizationForm.FormC);
    }

    /// <summary>
    /// Cuts normalised text into word tokens (section 2, rule 4): maximal runs of letters, digits and marks; Han,
    /// Hiragana and Katakana characters one each; everything else, emoji and symbols included, separates.
    /// </summary>
    public static IReadOnlyList<string> Tokenise(string normalisedText)
    {
        ArgumentNullException.ThrowIfNull(normalisedText);
        var tokens = new List<string>();
        var sink = new StringListSink(tokens);
        AddTokens(normalisedText, ref sink);
        return tokens;
    }

    /// <summary>Normalises then tokenises: what a query word or a stretch of post text contributes.</summary>
    public static IReadOnlyList<string> NormaliseAndTokenise(string text) => Tokenise(NormaliseWord(text));

    /// <summary>
    /// Turns HTML (Mastodon content, feed summaries) into plain text: block elements and <c>&lt;br&gt;</c> become line
    /// breaks, entities are decoded, <c>script</c> and <c>style</c> contents are dropped, other tags vanish
    /// (<c>bud&lt;b&gt;get&lt;/b&gt;</c> stays one word) and runs of white space collapse.
    /// </summary>
    public static string HtmlToText(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        return HtmlTextExtractor.Extract(html);
    }

    internal static void AddTokens<TSink>(ReadOnlySpan<char> text, ref TSink tokens)
        where TSink : ITokenSink
    {
        var tokenStart = -1;
        var index = 0;
        while (index < text.Length)
        {
            var character = text[index];
            if (character < 0x80)
            {
                if (char.IsAsciiLetterOrDigit(character))
                {
                    if (tokenStart < 0)
                    {
                        tokenStart = index;
                    }
                }
                else if (tokenStart >= 0)
                {
                    tokens.Add(text[tokenStart..index]);
                    tokenStart = -1;
                }

                index++;
                continue;
            }

            Rune.DecodeFromUtf16(text[index..], out var rune, out var consumed);
            if (UnicodeClasses.IsSingleCharacterToken(rune))
            {
                if (tokenStart >= 0)
                {
                    tokens.Add(text[tokenStart..index]);
                    tokenStart = -1;
                }

                var end = index + consumed;
                while (end < text.Length)
                {
                    Rune.DecodeFromUtf16(text[end..], out var next, out var nextConsumed);
                    if (!UnicodeClasses.IsMark(Rune.GetUnicodeCategory(next)) || UnicodeClasses.IsVariationSelector(next))
                    {
                        break;
                    }

                    end += nextConsumed;
                }

                tokens.Add(text[index..end]);
                index = end;
                continue;
            }

            if (rune.Value == UnicodeClasses.CombiningEnclosingKeycap)
            {
                // A keycap emoji (1⃣) is an emoji, not the word "1".
                if (tokenStart >= 0 && index - tokenStart == 1)
                {
                    tokenStart = -1;
                }
                else if (tokenStart >= 0)
                {
                    tokens.Add(text[tokenStart..index]);
                    tokenStart = -1;
                }
            }
            else if (UnicodeClasses.IsWordStart(rune))
            {
                if (tokenStart < 0)
                {
                    tokenStart = index;
                }
            }
            else if (tokenStart >= 0 && UnicodeClasses.IsMark(Rune.GetUnicodeCategory(rune)) && !UnicodeClasses.IsVariationSelector(rune))
            {
                // Marks continue a word; a mark with no word before it is dropped.
            }
            else if (tokenStart >= 0)
            {
                tokens.Add(text[tokenStart..index]);
                tokenStart = -1;
            }

            index += consumed;
        }

        if (tokenStart >= 0)
        {
            tokens.Add(text[tokenStart..]);
        }
    }

    private static StringBuilder RentBuilder(int capacity)
    {
        var builder = _builder ??= new StringBuilder(256);
        builder.Clear();
        builder.EnsureCapacity(capacity);
        return builder;
    }
}

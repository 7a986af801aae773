using System.Globalization;
using System.Text;

namespace PressDeck.Core.Text;

/// <summary>
/// Character classes of QUERY-LANGUAGE.md section 2, shared by the post analyzer and the query parser so that
/// both sides cut text into the same tokens.
/// </summary>
internal static class UnicodeClasses
{
    /// <summary>U+FFFE, a noncharacter: .NET's normalisation rejects it.</summary>
    public const char ReversedByteOrderMark = '\uFFFE';

    public static bool IsLetterOrDigit(Rune rune) => Rune.IsLetterOrDigit(rune);

    public static bool IsMark(UnicodeCategory category) =>
        category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;

    /// <summary>Letters and digits start or continue a word token; marks only continue one.</summary>
    public static bool IsWordStart(Rune rune)
    {
        var category = Rune.GetUnicodeCategory(rune);
        return category is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.DecimalDigitNumber
            or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber;
    }

    public static bool IsWordPart(Rune rune) => IsWordStart(rune) || IsMark(Rune.GetUnicodeCategory(rune));

    /// <summary>Variation selectors only choose a glyph (mostly emoji presentation); they are never part of a token.</summary>
    public static bool IsVariationSelector(Rune rune) =>
        rune.Value is (>= 0xFE00 and <= 0xFE0F) or (>= 0xE0100 and <= 0xE01EF);

    public const int CombiningEnclosingKeycap = 0x20E3;

    /// <summary>Han, Hiragana and Katakana characters are one token each (section 2, rule 4).</summary>
    public static bool IsSingleCharacterToken(Rune rune)
    {
        var value = rune.Value;
        return value is (>= 0x3041 and <= 0x30FF) // Hiragana, Katakana
            or (>= 0x31F0 and <= 0x31FF) // Katakana phonetic extensions
            or (>= 0x3400 and <= 0x4DBF) // CJK extension A
            or (>= 0x4E00 and <= 0x9FFF) // CJK unified ideographs
            or (>= 0xF900 and <= 0xFAFF) // CJK compatibility ideographs
            or (>= 0xFF66 and <= 0xFF9F) // half-width Katakana
            or 0x3005 or 0x3007 or (>= 0x3021 and <= 0x3029) or (>= 0x3038 and <= 0x303B)
            or (>= 0x1AFF0 and <= 0x1B16F) // Kana extended and supplements
            or (>= 0x20000 and <= 0x323AF); // CJK extensions B to H
    }

    /// <summary>Diacritics are stripped only after letters of these scripts (section 2, rule 3).</summary>
    public static bool IsLatinGreekOrCyrillicLetter(Rune rune)
    {
        if (!Rune.IsLetter(rune))
        {
            return false;
        }

        var value = rune.Value;
        return value is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or 0xAA or 0xBA
            or (>= 0xC0 and <= 0x24F) // Latin-1 supplement, Latin extended A and B
            or (>= 0x250 and <= 0x2AF) // IPA extensions
            or (>= 0x370 and <= 0x3FF) // Greek and Coptic
            or (>= 0x400 and <= 0x52F) // Cyrillic and supplement
            or (>= 0x1C80 and <= 0x1C8F) // Cyrillic extended C
            or (>= 0x1D00 and <= 0x1DBF) // phonetic extensions
            or (>= 0x1E00 and <= 0x1EFF) // Latin extended additional
            or (>= 0x1F00 and <= 0x1FFF) // Greek extended
            or (>= 0x2C60 and <= 0x2C7F) // Latin extended C
            or (>= 0x2DE0 and <= 0x2DFF) // Cyrillic extended A
            or (>= 0xA640 and <= 0xA69F) // Cyrillic extended B
            or (>= 0xA720 and <= 0xA7FF) // Latin extended D
            or (>= 0xAB30 and <= 0xAB6F); // Latin extended E
    }

    public static bool IsHashtagBodyPart(Rune rune) => rune.Value == '_' || IsWordPart(rune);

    /// <summary>Handle characters of section 2, rule 6, before the optional Mastodon <c>@domain</c>.</summary>
    public static bool IsHandlePart(Rune rune) => rune.Value is '_' or '.' or '-' || Rune.IsLetterOrDigit(rune);

    public static bool IsAscii(ReadOnlySpan<char> text) => Ascii.IsValid(text);

    /// <summary>
    /// Replaces what .NET's Unicode normalisation throws on with U+FFFD, which separates tokens: unpaired surrogates
    /// (not text, but possible in a .NET string) and the noncharacter U+FFFE.
    /// </summary>
    public static string WithoutUnnormalisableCharacters(string text)
    {
        var first = text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF');
        var reversed = text.AsSpan().IndexOf(ReversedByteOrderMark);
        if (first < 0 && reversed < 0)
        {
            return text;
        }

        first = first < 0 ? reversed : reversed < 0 ? first : Math.Min(first, reversed);
        char[]? repaired = null;
        for (var index = first; index < text.Length; index++)
        {
            var character = text[index];
            if (char.IsHighSurrogate(character) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
            {
                index++;
                continue;
            }

            if (char.IsSurrogate(character) || character == ReversedByteOrderMark)
            {
                repaired ??= text.ToCharArray();
                repaired[index] = '\uFFFD';
            }
        }

        return repaired is null ? text : new string(repaired);
    }
}

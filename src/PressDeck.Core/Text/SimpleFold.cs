using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace PressDeck.Core.Text;

/// <summary>
/// The fast path of <see cref="TextNormaliser.NormaliseWord"/>: most text is made of characters whose normal form does
/// not depend on their neighbours (no combining marks, no Hangul jamo), and for those the normaliser's result is the
/// concatenation of each character's own result. Each character's result is worked out once, by the full normaliser,
/// and kept; text holding any other character takes the full path. Thread-safe (entries are immutable and a race
/// only computes one twice).
/// </summary>
internal static class SimpleFold
{
    private const byte Unknown = 0;
    private const byte Complex = 1;

    // A simple character whose NFKC form is itself.
    private const byte Stable = 2;

    // A simple character that NFKC changes (＃, ﬁ, ①): the fold is still per character.
    private const byte Compatible = 3;

    // The fold's output; working out a new character's fold runs the full normaliser, which has its own buffers.
    [ThreadStatic]
    private static char[]? _buffer;

    private static readonly byte[] Kinds = new byte[0x10000];
    private static readonly string?[] Folds = new string?[0x10000];
    // Emoji and the like are looked up here; text made of every code point there is cannot grow it without limit
    // (beyond it, characters are worked out each time, or take the full path).
    private const int MaxSupplementaryCached = 20_000;

    private static readonly ConcurrentDictionary<int, string?> SupplementaryFolds = new();
    private static readonly ConcurrentDictionary<int, bool> SupplementaryStable = new();

    /// <summary>
    /// The normalised form of <paramref name="text"/>, when every character is ASCII or simple; otherwise false and the
    /// caller takes the full path.
    /// </summary>
    public static bool TryFold(ReadOnlySpan<char> text, out string folded)
    {
        if (TryFold(text, out ReadOnlySpan<char> span))
        {
            folded = span.ToString();
            return true;
        }

        folded = "";
        return false;
    }

    /// <summary>
    /// As <see cref="TryFold(ReadOnlySpan{char}, out string)"/>, into a per-thread buffer that stays valid until this
    /// thread's next fold: no allocation once the buffer has grown.
    /// </summary>
    public static bool TryFold(ReadOnlySpan<char> text, out ReadOnlySpan<char> folded)
    {
        var buffer = _buffer ??= new char[256];
        var length = 0;
        var index = 0;
        while (index < text.Length)
        {
            var character = text[index];
            if (character < 0x80)
            {
                if (length == buffer.Length)
                {
                    buffer = Grow(length + 1);
                }

                buffer[length++] = char.ToLowerInvariant(character);
                index++;
                continue;
            }

            string? fold;
            if (char.IsHighSurrogate(character))
            {
                if (index + 1 >= text.Length || !char.IsLowSurrogate(text[index + 1]))
                {
                    folded = default;
                    return false;
                }

                fold = SupplementaryFold(char.ConvertToUtf32(character, text[index + 1]));
                index += 2;
            }
            else
            {
                fold = BmpKind(character) >= Stable ? Folds[character] : null;
                index++;
            }

            if (fold is null)
            {
                folded = default;
                return false;
            }

            if (length + fold.Length > buffer.Length)
            {
                buffer = Grow(length + fold.Length);
            }

            fold.CopyTo(buffer.AsSpan(length));
            length += fold.Length;
        }

        folded = buffer.AsSpan(0, length);
        return true;
    }

    private static char[] Grow(int needed)
    {
        var grown = new char[Math.Max(needed, _buffer!.Length * 2)];
        _buffer.CopyTo(grown, 0);
        _buffer = grown;
        return grown;
    }

    /// <summary>True when <paramref name="text"/> is certainly in NFKC (every character simple and its own NFKC form); false means "do not know".</summary>
    public static bool IsKnownNfkc(ReadOnlySpan<char> text)
    {
        var index = 0;
        while (index < text.Length)
        {
            var character = text[index];
            if (character < 0x80)
            {
                index++;
                continue;
            }

            if (char.IsHighSurrogate(character))
            {
                if (index + 1 >= text.Length || !char.IsLowSurrogate(text[index + 1]))
                {
                    return false;
                }

                var value = char.ConvertToUtf32(character, text[index + 1]);
                if (SupplementaryFold(value) is null || !SupplementaryStable.TryGetValue(value, out var stable) || !stable)
                {
                    return false;
                }

                index += 2;
                continue;
            }

            if (BmpKind(character) != Stable)
            {
                return false;
            }

            index++;
        }

        return true;
    }

    private static byte BmpKind(char character)
    {
        var kind = Volatile.Read(ref Kinds[character]);
        if (kind != Unknown)
        {
            return kind;
        }

        var fold = char.IsSurrogate(character) ? null : FoldOf(new Rune(character), out var stable) is { } found ? (found, stable) : ((string, bool)?)null;
        if (fold is { } known)
        {
            Folds[character] = known.Item1;
            kind = known.Item2 ? Stable : Compatible;
        }
        else
        {
            kind = Complex;
        }

        // The fold is written before the kind that makes readers use it.
        Volatile.Write(ref Kinds[character], kind);
        return kind;
    }

    private static string? SupplementaryFold(int value)
    {
        if (SupplementaryFolds.TryGetValue(value, out var fold))
        {
            return fold;
        }

        fold = FoldOf(new Rune(value), out var stable);
        if (SupplementaryFolds.Count < MaxSupplementaryCached)
        {
            // Stability first: a reader that finds the fold finds its stability too.
            SupplementaryStable[value] = stable;
            SupplementaryFolds[value] = fold;
        }

        return fold;
    }

    /// <summary>
    /// The character's own normalised form, or null when its form can depend on its neighbours: combining marks
    /// (they attach to what precedes them; variation selectors excepted, which the normaliser drops), Hangul jamo (they
    /// compose into syllables), and characters whose form starts with either of those.
    /// </summary>
    private static string? FoldOf(Rune rune, out bool stable)
    {
        stable = false;
        if (IsHangulJamo(rune.Value) || rune.Value == UnicodeClasses.ReversedByteOrderMark)
        {
            return null;
        }

        var text = rune.ToString();
        var isMark = UnicodeClasses.IsMark(Rune.GetUnicodeCategory(rune));
        if (isMark && !UnicodeClasses.IsVariationSelector(rune))
        {
            return null;
        }

        var fold = TextNormaliser.NormaliseWordFully(text);
        if (fold.Length > 0)
        {
            Rune.DecodeFromUtf16(fold, out var first, out _);
            if (UnicodeClasses.IsMark(Rune.GetUnicodeCategory(first)) || IsHangulJamo(first.Value))
            {
                return null;
            }
        }

        stable = text.IsNormalized(NormalizationForm.FormKC);
        return fold;
    }

    private static bool IsHangulJamo(int value) =>
        value is (>= 0x1100 and <= 0x11FF) or (>= 0x3130 and <= 0x318F) or (>= 0xA960 and <= 0xA97F) or (>= 0xD7B0 and <= 0xD7FF)
            or (>= 0xFFA0 and <= 0xFFDC);
}

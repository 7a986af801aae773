using System.Globalization;

namespace PressDeck.Core.Text;

/// <summary>
/// Counts user-perceived characters: extended grapheme clusters of Unicode UAX #29, which .NET's
/// <see cref="StringInfo"/> follows since .NET 5 (a flag, a skin-toned emoji, a family joined by ZWJ, or a letter with
/// its combining accents is one).
/// </summary>
internal static class Graphemes
{
    public static int Count(ReadOnlySpan<char> text)
    {
        var count = 0;
        while (!text.IsEmpty)
        {
            text = text[StringInfo.GetNextTextElementLength(text)..];
            count++;
        }

        return count;
    }
}

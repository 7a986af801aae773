using System.Text;

namespace PressDeck.Core.Text;

/// <summary>
/// The mention alphabet of QUERY-LANGUAGE.md section 2, rule 6: letters, digits, <c>_</c>, <c>.</c> and <c>-</c>, an
/// optional Mastodon <c>@domain</c>, no trailing <c>.</c> or <c>-</c>.
/// </summary>
internal static class HandleSyntax
{
    /// <summary>Scans a handle starting at <paramref name="start"/>; returns its end, or <paramref name="start"/> if none.</summary>
    public static int ScanHandle(ReadOnlySpan<char> text, int start)
    {
        var end = ScanPart(text, start, allowUnderscore: true);
        if (end == start)
        {
            return start;
        }

        if (end < text.Length && text[end] == '@')
        {
            var domainEnd = ScanPart(text, end + 1, allowUnderscore: false);
            if (domainEnd > end + 1)
            {
                return domainEnd;
            }
        }

        return end;
    }

    /// <summary>The index of the first character that keeps <paramref name="handle"/> from being a whole handle, or -1.</summary>
    public static int IndexOfInvalid(ReadOnlySpan<char> handle)
    {
        var end = ScanHandle(handle, 0);
        return end == handle.Length && handle.Length > 0 ? -1 : end;
    }

    public static bool IsValid(ReadOnlySpan<char> handle) => IndexOfInvalid(handle) < 0;

    private static int ScanPart(ReadOnlySpan<char> text, int start, bool allowUnderscore)
    {
        if (start >= text.Length)
        {
            return start;
        }

        Rune.DecodeFromUtf16(text[start..], out var first, out _);
        if (!Rune.IsLetterOrDigit(first) && !(allowUnderscore && first.Value == '_'))
        {
            return start;
        }

        var end = ScanRun(text, start, allowUnderscore);
        while (end > start && text[end - 1] is '.' or '-')
        {
            end--;
        }

        return end;
    }

    private static int ScanRun(ReadOnlySpan<char> text, int start, bool allowUnderscore)
    {
        var index = start;
        while (index < text.Length)
        {
            Rune.DecodeFromUtf16(text[index..], out var rune, out var consumed);
            if (rune.Value == '_' ? !allowUnderscore : !UnicodeClasses.IsHandlePart(rune))
            {
                break;
            }

            index += consumed;
        }

        return index;
    }
}

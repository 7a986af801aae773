using System.Buffers;
using System.Text;
using System.Text.Unicode;
using UtfUnknown;

namespace PressDeck.Connectors.Feeds;

/// <summary>
/// Decodes a feed document (protocols.md 4.5). A byte-order mark decides; otherwise bytes that are valid UTF-8 are
/// UTF-8 whatever the XML declaration or the HTTP <c>charset</c> claim (a declared legacy encoding on valid multi-byte
/// UTF-8 is a known lie, and valid UTF-8 does not happen by accident in legacy encodings); otherwise the declaration's
/// encoding, then the HTTP charset, then a charset detector (Mozilla's universal detector, for feeds that declare
/// nothing, such as Shift_JIS or windows-1251), then windows-1252. Text that was UTF-8 decoded as windows-1252 and
/// encoded to UTF-8 again ("KÃ¶ln") is repaired when undoing it yields valid UTF-8. Thread-safe.
/// </summary>
public static class FeedTextDecoder
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly SearchValues<byte> EncodingNameBytes = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:"u8);

    private static readonly Encoding Windows1252;

    /// <summary>windows-1252's characters in 0x80–0x9F and their bytes, for undoing double encoding.</summary>
    private static readonly Dictionary<char, byte> Windows1252Specials = [];

    static FeedTextDecoder()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Windows1252 = Encoding.GetEncoding(1252);
        for (var value = 0x80; value <= 0x9F; value++)
        {
            var character = Windows1252.GetString([(byte)value])[0];
            if (character != value && character != '\uFFFD')
            {
                Windows1252Specials[character] = (byte)value;
            }
        }
    }

    /// <summary>Decodes <paramref name="bytes"/>; <paramref name="httpCharset"/> is the <c>charset</c> of the response's Content-Type, if any.</summary>
    public static DecodedFeedText Decode(ReadOnlySpan<byte> bytes, string? httpCharset)
    {
        if (FromByteOrderMark(bytes) is { } marked)
        {
            return new DecodedFeedText(marked.Encoding.GetString(bytes[marked.Length..]), marked.Encoding.WebName, null);
        }

        if (bytes.Length >= 4 && bytes[0] == '<' && bytes[1] == 0 && bytes[2] == '?' && bytes[3] == 0)
        {
            return new DecodedFeedText(Encoding.Unicode.GetString(bytes), Encoding.Unicode.WebName, "UTF-16 without a byte-order mark");
        }

        if (bytes.Length >= 4 && bytes[0] == 0 && bytes[1] == '<' && bytes[2] == 0 && bytes[3] == '?')
        {
            return new DecodedFeedText(Encoding.BigEndianUnicode.GetString(bytes), Encoding.BigEndianUnicode.WebName, "UTF-16 without a byte-order mark");
        }

        var declaredName = DeclaredEncodingName(bytes);
        var declared = Resolve(declaredName);
        var fromHttp = Resolve(httpCharset);
        if (Utf8.IsValid(bytes))
        {
            var text = StrictUtf8.GetString(bytes);
            var claimed = declared ?? fromHttp;
            string? recovery = null;
            if (claimed is not null && !IsUtf8(claimed) && bytes.IndexOfAnyInRange((byte)0x80, (byte)0xFF) >= 0)
            {
                recovery = $"the document claims {claimed.WebName} but is valid UTF-8; read as UTF-8";
            }
            else if (declaredName is not null && declared is null)
            {
                recovery = $"the document declares an unknown encoding \"{declaredName}\"; read as UTF-8";
            }

            if (TryRepairDoubleEncoding(text, out var repaired))
            {
                return new DecodedFeedText(repaired, "utf-8", "the text was encoded to UTF-8 twice; repaired");
            }

            return new DecodedFeedText(text, "utf-8", recovery);
        }

        // Not UTF-8, so a declared or served UTF-8 cannot be right; a legacy encoding named by either is taken.
        if (declared is not null && !IsUtf8(declared))
        {
            return new DecodedFeedText(declared.GetString(bytes), declared.WebName, null);
        }

        if (fromHttp is not null && !IsUtf8(fromHttp))
        {
            return new DecodedFeedText(fromHttp.GetString(bytes), fromHttp.WebName, declaredName is null ? null : $"the declared \"{declaredName}\" does not fit; read as {fromHttp.WebName}, the HTTP charset");
        }

        var detected = Detect(bytes);
        var fallback = detected ?? Windows1252;
        var claim = declaredName ?? httpCharset;
        var reason = claim is null ? "no encoding declared" : $"not valid in the declared \"{claim.Trim()}\"";
        return new DecodedFeedText(
            fallback.GetString(bytes),
            fallback.WebName,
            detected is null ? $"{reason}; read as windows-1252" : $"{reason}; detected {fallback.WebName}");
    }

    /// <summary>The encoding named in the XML declaration (<c>&lt;?xml … encoding="…"?&gt;</c>) near the start, if any.</summary>
    internal static string? DeclaredEncodingName(ReadOnlySpan<byte> bytes)
    {
        var head = bytes[..Math.Min(bytes.Length, 1024)];
        var start = head.IndexOf("<?xml"u8);
        if (start < 0)
        {
            return null;
        }

        var declaration = head[start..];
        var end = declaration.IndexOf("?>"u8);
        if (end < 0)
        {
            return null;
        }

        declaration = declaration[..end];
        var attribute = declaration.IndexOf("encoding"u8);
        if (attribute < 0)
        {
            return null;
        }

        var rest = declaration[(attribute + "encoding".Length)..].TrimStart(" \t\r\n"u8);
        if (rest.IsEmpty || rest[0] != '=')
        {
            return null;
        }

        rest = rest[1..].TrimStart(" \t\r\n"u8);
        if (rest.IsEmpty || rest[0] is not ((byte)'"' or (byte)'\''))
        {
            return null;
        }

        var quote = rest[0];
        var close = rest[1..].IndexOf(quote);
        if (close <= 0 || close > 64)
        {
            return null;
        }

        var name = rest.Slice(1, close);
        return name.IndexOfAnyExcept(EncodingNameBytes) < 0
            ? Encoding.ASCII.GetString(name)
            : null;
    }

    private static (Encoding Encoding, int Length)? FromByteOrderMark(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return (new UTF8Encoding(false, false), 3);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00]))
        {
            return (new UTF32Encoding(bigEndian: false, byteOrderMark: false), 4);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
        {
            return (new UTF32Encoding(bigEndian: true, byteOrderMark: false), 4);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return (Encoding.Unicode, 2);
        }

        return bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) ? (Encoding.BigEndianUnicode, 2) : null;
    }

    private static Encoding? Resolve(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        try
        {
            var encoding = Encoding.GetEncoding(name.Trim().Trim('"', '\''));

            // A declared UTF-16/32 on bytes without a byte-order mark or NULs is not a real UTF-16 document.
            return encoding is UnicodeEncoding or UTF32Encoding ? null : encoding;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static bool IsUtf8(Encoding encoding) => encoding.CodePage == 65001;

    private static Encoding? Detect(ReadOnlySpan<byte> bytes)
    {
        var sample = bytes[..Math.Min(bytes.Length, 256 * 1024)].ToArray();
        var detected = CharsetDetector.DetectFromBytes(sample).Detected;
        if (detected is null || detected.Confidence < 0.3f || string.IsNullOrEmpty(detected.EncodingName))
        {
            return null;
        }

        var encoding = Resolve(detected.EncodingName);
        return encoding is null || IsUtf8(encoding) || encoding.CodePage == 20127 ? null : encoding;
    }

    /// <summary>
    /// Undoes UTF-8 that was read as windows-1252 (or Latin-1) and written as UTF-8 again: every character maps back to
    /// one byte, those bytes are valid UTF-8, and at least one multi-byte character comes out. Otherwise false.
    /// </summary>
    internal static bool TryRepairDoubleEncoding(string text, out string repaired)
    {
        repaired = text;
        var suspicious = false;
        var bytes = new byte[text.Length];
        for (var index = 0; index < text.Length; index++)
        {
            var character = text[index];
            if (character < 0x100)
            {
                bytes[index] = (byte)character;
                suspicious |= character is >= '\u00C2' and <= '\u00F4';
            }
            else if (Windows1252Specials.TryGetValue(character, out var value))
            {
                bytes[index] = value;
            }
            else
            {
                return false;
            }
        }

        if (!suspicious || !Utf8.IsValid(bytes))
        {
            return false;
        }

        var candidate = StrictUtf8.GetString(bytes);
        if (candidate.Length == text.Length)
        {
            return false;
        }

        repaired = candidate;
        return true;
    }
}

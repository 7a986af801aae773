using System.Security.Cryptography;

namespace PressDeck.Publishing;

/// <summary>
/// Makes the key a post keeps on one account for every attempt: an AT Protocol TID (13 characters of base32-sortable,
/// 53 bits of microseconds since 1970 and 10 random bits), so it is a valid Bluesky record key for a post and a unique
/// Mastodon Idempotency-Key and demo request id.
/// </summary>
internal static class RequestKeys
{
    private const string Alphabet = "234567abcdefghijklmnopqrstuvwxyz";

    public static string NewKey(TimeProvider time)
    {
        var microseconds = (ulong)(time.GetUtcNow().ToUnixTimeMilliseconds() * 1000) + (ulong)RandomNumberGenerator.GetInt32(1000);
        var clockId = (uint)RandomNumberGenerator.GetInt32(1024);
        var value = ((microseconds & ((1UL << 53) - 1)) << 10) | clockId;
        Span<char> text = stackalloc char[13];
        for (var i = 12; i >= 0; i--)
        {
            text[i] = Alphabet[(int)(value & 31)];
            value >>= 5;
        }

        return new string(text);
    }
}

using System.Runtime.InteropServices;

namespace PressDeck.Core.Text;

/// <summary>
/// The hash of post tokens and presearch terms: cheap, and the same for a query's term and a post's token, so that a
/// post's tokens are hashed once and each hash serves its word lookup, its bigram lookups and the predicates' token
/// filter. Not randomised: the keys of the tables it indexes are the office's own query terms, not posts.
/// </summary>
internal static class TokenHash
{
    private const ulong Multiplier = 0x9E3779B97F4A7C15;

    public static int Of(ReadOnlySpan<char> text)
    {
        // Four UTF-16 units at a time (most tokens are one or two such blocks), then the last one to three.
        var bytes = MemoryMarshal.AsBytes(text);
        var hash = ((ulong)text.Length + 1) * Multiplier;
        var index = 0;
        for (; index + sizeof(ulong) <= bytes.Length; index += sizeof(ulong))
        {
            hash = (hash ^ MemoryMarshal.Read<ulong>(bytes[index..])) * Multiplier;
            hash ^= hash >> 29;
        }

        if (index < bytes.Length)
        {
            ulong tail = 0;
            for (; index < bytes.Length; index += sizeof(char))
            {
                tail = (tail << 16) | MemoryMarshal.Read<ushort>(bytes[index..]);
            }

            hash = (hash ^ tail) * Multiplier;
            hash ^= hash >> 29;
        }

        return Mix((uint)(hash >> 32) ^ (uint)hash);
    }

    /// <summary>The hash of a bigram from the hashes of its two words.</summary>
    public static int Bigram(int first, int second) => Mix(((uint)first * 0x9E3779B1u) ^ (uint)second);

    private static int Mix(uint hash)
    {
        hash ^= hash >> 16;
        hash *= 0x7FEB352Du;
        hash ^= hash >> 15;
        return (int)hash;
    }
}

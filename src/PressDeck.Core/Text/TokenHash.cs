using System.Runtime.InteropServices;

namespace PressDeck.Core.Text;

/// <summary>
/// The hash of post tokens and presearch terms: cheap, and the same for a query's term and a post's token, so that a
/// post's tokens are hashed once and each hash serves its word lookup, its bigram lookups and the predicates' token
/// filter. Not randomised: the keys of the tables it indexes are the office's own query terms, not posts. Kept in
/// memory only, never stored.
/// </summary>
internal static class TokenHash
{
    private const ulong Multiplier = 0x9E3779B97F4A7C15;

    // For lower-casing four ASCII UTF-16 units at once: each lane gains 0x80 when it is at least 'A', and when it is
    // beyond 'Z' (no lane can carry into the next, as every unit is below 0x80).
    private const ulong Lanes0x80 = 0x0080_0080_0080_0080;
    private const ulong AtLeastA = 0x003F_003F_003F_003F;
    private const ulong BeyondZ = 0x0025_0025_0025_0025;

    public static int Of(ReadOnlySpan<char> text)
    {
        // Four UTF-16 units at a time (most tokens are one or two such blocks), the last block padded with zeros.
        var blocks = MemoryMarshal.Cast<char, ulong>(text);
        var hash = Start(text.Length);
        foreach (var block in blocks)
        {
            hash = Mix(hash, block);
        }

        var done = blocks.Length * 4;
        if (done < text.Length)
        {
            hash = Mix(hash, Tail(text[done..]));
        }

        return Finish(hash);
    }

    /// <summary>
    /// Writes <paramref name="source"/>, which is ASCII, to <paramref name="destination"/> in lower case and returns
    /// <see cref="Of"/> of what it wrote, in one pass.
    /// </summary>
    public static int OfAsciiLowered(ReadOnlySpan<char> source, Span<char> destination)
    {
        var blocks = MemoryMarshal.Cast<char, ulong>(source);
        var written = MemoryMarshal.Cast<char, ulong>(destination[..(blocks.Length * 4)]);
        var hash = Start(source.Length);
        for (var index = 0; index < blocks.Length; index++)
        {
            var lowered = LowerAscii(blocks[index]);
            written[index] = lowered;
            hash = Mix(hash, lowered);
        }

        var done = blocks.Length * 4;
        if (done < source.Length)
        {
            var tail = LowerAscii(Tail(source[done..]));
            for (var index = done; index < source.Length; index++)
            {
                destination[index] = (char)(tail >> (16 * (index - done)));
            }

            hash = Mix(hash, tail);
        }

        return Finish(hash);
    }

    /// <summary>The hash of a bigram from the hashes of its two words.</summary>
    public static int Bigram(int first, int second) => Finish32(((uint)first * 0x9E3779B1u) ^ (uint)second);

    private static ulong Start(int length) => ((ulong)length + 1) * Multiplier;

    private static ulong Mix(ulong hash, ulong block)
    {
        hash = (hash ^ block) * Multiplier;
        return hash ^ (hash >> 29);
    }

    /// <summary>One to three units as a block, as a little-endian read of them followed by zeros would give.</summary>
    private static ulong Tail(ReadOnlySpan<char> units)
    {
        ulong tail = 0;
        for (var index = 0; index < units.Length; index++)
        {
            tail |= (ulong)units[index] << (16 * index);
        }

        return tail;
    }

    /// <summary>Four ASCII units (or zeros) in lower case.</summary>
    private static ulong LowerAscii(ulong block)
    {
        var upper = (block + AtLeastA) & ~(block + BeyondZ) & Lanes0x80;
        return block | (upper >> 2);
    }

    private static int Finish(ulong hash) => Finish32((uint)(hash >> 32) ^ (uint)hash);

    private static int Finish32(uint hash)
    {
        hash ^= hash >> 16;
        hash *= 0x7FEB352Du;
        hash ^= hash >> 15;
        return (int)hash;
    }
}

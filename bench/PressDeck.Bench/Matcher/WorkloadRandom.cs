namespace PressDeck.Bench.Matcher;

/// <summary>
/// xoshiro256** seeded by SplitMix64: the workload's only source of randomness, so that a seed gives the same
/// vocabulary, posts and queries on every machine and .NET version (System.Random's algorithm is not a contract).
/// Not thread-safe.
/// </summary>
public sealed class WorkloadRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    public WorkloadRandom(ulong seed)
    {
        _s0 = SplitMix(ref seed);
        _s1 = SplitMix(ref seed);
        _s2 = SplitMix(ref seed);
        _s3 = SplitMix(ref seed);
    }

    public ulong NextUInt64()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var shifted = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= shifted;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>An integer in [0, <paramref name="count"/>).</summary>
    public int Next(int count) => (int)(NextDouble() * count);

    /// <summary>An integer in [<paramref name="minimum"/>, <paramref name="maximum"/>], both included.</summary>
    public int NextInclusive(int minimum, int maximum) => minimum + Next(maximum - minimum + 1);

    public bool Chance(double probability) => NextDouble() < probability;

    /// <summary>An index drawn with the given weights (which need not sum to 1).</summary>
    public int Pick(ReadOnlySpan<double> weights)
    {
        var total = 0.0;
        foreach (var weight in weights)
        {
            total += weight;
        }

        var draw = NextDouble() * total;
        for (var index = 0; index < weights.Length; index++)
        {
            draw -= weights[index];
            if (draw < 0)
            {
                return index;
            }
        }

        return weights.Length - 1;
    }

    private static ulong SplitMix(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong value, int bits) => (value << bits) | (value >> (64 - bits));
}

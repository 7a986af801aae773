namespace PressDeck.Connectors.Demo;

/// <summary>
/// SplitMix64. Our own generator rather than <see cref="Random"/> so that a seed means the same posts on every
/// .NET version and platform. Each (seed, stream, index) triple gets an independent generator, which is what makes
/// post number N computable without generating posts 0..N-1. Not thread-safe: one instance per computation.
/// </summary>
internal sealed class DemoRandom
{
    private ulong _state;

    private DemoRandom(ulong state) => _state = state;

    public static DemoRandom For(int seed, DemoRandomStream stream, long index)
    {
        var state = Mix(unchecked((ulong)(uint)seed * 0x9E3779B97F4A7C15UL + (ulong)stream));
        return new DemoRandom(Mix(state ^ unchecked((ulong)index)));
    }

    public ulong NextUInt64()
    {
        _state = unchecked(_state + 0x9E3779B97F4A7C15UL);
        return Mix(_state);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, maxExclusive).</summary>
    public int Next(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        return (int)(NextDouble() * maxExclusive);
    }

    /// <summary>Uniform in [minInclusive, maxInclusive].</summary>
    public int Between(int minInclusive, int maxInclusive) => minInclusive + Next(maxInclusive - minInclusive + 1);

    public bool Chance(double probability) => NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    private static ulong Mix(ulong z)
    {
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }
}

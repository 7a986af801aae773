namespace PressDeck.Bench.Matcher;

/// <summary>
/// Zipf's law over ranks 0..count-1 (rank r has weight 1 / (r + 1)^s), optionally restricted to ranks from
/// <c>skip</c> on: the distribution of the remaining ranks is the same law, renormalised, exactly what drawing from
/// the whole law and rejecting the skipped ranks would give. Sampling is a binary search in the cumulative table.
/// Immutable and thread-safe.
/// </summary>
public sealed class ZipfDistribution
{
    private readonly double[] _cumulative;
    private readonly int _skip;

    public ZipfDistribution(int count, double exponent = 1.0, int skip = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(skip, count);
        _skip = skip;
        _cumulative = new double[count - skip];
        var total = 0.0;
        for (var rank = skip; rank < count; rank++)
        {
            total += 1.0 / Math.Pow(rank + 1, exponent);
            _cumulative[rank - skip] = total;
        }

        for (var index = 0; index < _cumulative.Length; index++)
        {
            _cumulative[index] /= total;
        }
    }

    /// <summary>A rank (0 is the most frequent), never below the skipped ranks.</summary>
    public int Sample(WorkloadRandom random)
    {
        var draw = random.NextDouble();
        var index = Array.BinarySearch(_cumulative, draw);
        if (index < 0)
        {
            index = ~index;
        }

        return _skip + Math.Min(index, _cumulative.Length - 1);
    }
}

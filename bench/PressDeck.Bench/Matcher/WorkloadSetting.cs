namespace PressDeck.Bench.Matcher;

/// <summary>The two query settings of BENCHMARKS.md "Matcher workload".</summary>
public enum WorkloadSetting
{
    /// <summary>The headline: query words skip the 1,000 most frequent words, and rare entities only; about 2 matches per post at 10,000 queries.</summary>
    Selective,

    /// <summary>Query words skip only the 100 most frequent words; about 20 matches per post at 10,000 queries.</summary>
    Broad,
}

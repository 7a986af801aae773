using PressDeck.Core.Text;

namespace PressDeck.Bench.Matcher;

/// <summary>One way of finding which standing queries (ids 0..n-1, in workload order) an analysed post matches.</summary>
public interface IPostPercolator
{
    string Name { get; }

    /// <summary>Adds the ids of the matching queries to <paramref name="matches"/> (not cleared); <paramref name="candidates"/> is how many queries were evaluated.</summary>
    void Match(AnalyzedPost post, List<int> matches, out int candidates);
}

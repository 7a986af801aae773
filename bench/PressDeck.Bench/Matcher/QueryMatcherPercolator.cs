using PressDeck.Core.Query;
using PressDeck.Core.Query.Matching;
using PressDeck.Core.Text;

namespace PressDeck.Bench.Matcher;

/// <summary>The real thing: <see cref="QueryMatcher"/> (issue 3) holding the queries under ids 0..n-1.</summary>
public sealed class QueryMatcherPercolator : IPostPercolator
{
    private readonly QueryMatcher _matcher = new(EmptyListDirectory.Instance);

    public QueryMatcherPercolator(IReadOnlyList<QueryNode> queries)
    {
        ArgumentNullException.ThrowIfNull(queries);
        for (var id = 0; id < queries.Count; id++)
        {
            _matcher.Set(id, queries[id]);
        }
    }

    public string Name => "matcher";

    public void Match(AnalyzedPost post, List<int> matches, out int candidates) => _matcher.Match(post, matches, out candidates);
}

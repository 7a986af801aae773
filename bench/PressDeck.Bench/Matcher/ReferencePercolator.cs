using PressDeck.Core.Query;
using PressDeck.Core.Text;

namespace PressDeck.Bench.Matcher;

/// <summary>The baseline of BENCHMARKS.md: every pre-compiled query (<see cref="CompiledQuery"/>, which means exactly what <see cref="ReferenceEvaluator"/> means) checked against every post.</summary>
public sealed class ReferencePercolator(IReadOnlyList<QueryNode> queries) : IPostPercolator
{
    private readonly CompiledQuery[] _queries = [.. queries.Select(CompiledQuery.Compile)];

    public string Name => "reference";

    public void Match(AnalyzedPost post, List<int> matches, out int candidates)
    {
        var lists = EmptyListDirectory.Instance;
        for (var id = 0; id < _queries.Length; id++)
        {
            if (_queries[id].Matches(post, lists))
            {
                matches.Add(id);
            }
        }

        candidates = _queries.Length;
    }
}

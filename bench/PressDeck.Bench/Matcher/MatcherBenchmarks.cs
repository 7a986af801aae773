using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using PressDeck.Core.Posts;
using PressDeck.Core.Query;
using PressDeck.Core.Text;

namespace PressDeck.Bench.Matcher;

/// <summary>
/// The matcher workload (BENCHMARKS.md) under BenchmarkDotNet: per post, analyse its text then match it, for the
/// reference evaluator and the matcher; and matching alone over pre-analysed posts, whose allocation column is the
/// "0 bytes per post" target. One operation is one post.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(MatcherBenchmarkConfig))]
[BenchmarkCategory("Matcher")]
public class MatcherBenchmarks
{
    private const int MatcherBatch = 2_000;
    private const int ReferenceBatch = 20;

    private IReadOnlyList<Post> _posts = [];
    private AnalyzedPost[] _analysed = [];
    private ReferencePercolator? _reference;
    private IPostPercolator? _matcher;
    private readonly List<int> _matches = new(1024);

    [ParamsSource(nameof(Cases))]
    public MatcherCase Case { get; set; } = MatcherCase.All[0];

    public static IEnumerable<MatcherCase> Cases => MatcherCase.All;

    [GlobalSetup]
    public void Setup()
    {
        _posts = BenchmarkData.Posts;
        _analysed = BenchmarkData.Analysed;
        var queries = BenchmarkData.Queries(Case.Setting, Case.QueryCount);
        _reference = new ReferencePercolator(queries);
        _matcher = new QueryMatcherPercolator(queries);
    }

    [Benchmark(OperationsPerInvoke = ReferenceBatch)]
    [BenchmarkCategory("Reference")]
    public int Reference() => Run(_reference, ReferenceBatch);

    [Benchmark(OperationsPerInvoke = MatcherBatch, Baseline = true)]
    [BenchmarkCategory("QueryMatcher")]
    public int AnalyseAndMatch() => Run(_matcher, MatcherBatch);

    [Benchmark(OperationsPerInvoke = MatcherBatch)]
    [BenchmarkCategory("QueryMatcher")]
    public int MatchPreAnalysed()
    {
        var matcher = _matcher ?? throw new InvalidOperationException("GlobalSetup has not run.");
        var total = 0;
        for (var index = 0; index < MatcherBatch; index++)
        {
            _matches.Clear();
            matcher.Match(_analysed[index], _matches, out _);
            total += _matches.Count;
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = MatcherBatch)]
    [BenchmarkCategory("Analysis")]
    public int AnalyseOnly()
    {
        var total = 0;
        for (var index = 0; index < MatcherBatch; index++)
        {
            total += PostAnalyzer.Analyze(_posts[index]).TokenCount;
        }

        return total;
    }

    private int Run(IPostPercolator? percolator, int batch)
    {
        ArgumentNullException.ThrowIfNull(percolator);
        var total = 0;
        for (var index = 0; index < batch; index++)
        {
            _matches.Clear();
            percolator.Match(PostAnalyzer.Analyze(_posts[index]), _matches, out _);
            total += _matches.Count;
        }

        return total;
    }
}

/// <summary>Lucene.Net MemoryIndex percolation of the same posts (1,000 and 10,000 queries only, as BENCHMARKS.md asks).</summary>
[MemoryDiagnoser]
[Config(typeof(MatcherBenchmarkConfig))]
[BenchmarkCategory("Matcher", "Lucene")]
public class MatcherLuceneBenchmarks
{
    private const int Batch = 5;

    private IReadOnlyList<Post> _posts = [];
    private LucenePercolator? _lucene;
    private readonly List<int> _matches = new(1024);

    [ParamsSource(nameof(Cases))]
    public MatcherCase Case { get; set; } = MatcherCase.All[0];

    public static IEnumerable<MatcherCase> Cases => MatcherCase.All.Where(matcherCase => matcherCase.QueryCount <= 10_000);

    [GlobalSetup]
    public void Setup()
    {
        _posts = BenchmarkData.Posts;
        _lucene = new LucenePercolator(BenchmarkData.Queries(Case.Setting, Case.QueryCount));
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public int LuceneMemoryIndex()
    {
        var total = 0;
        for (var index = 0; index < Batch; index++)
        {
            _matches.Clear();
            // Setup always sets it.
            _lucene!.Match(PostAnalyzer.Analyze(_posts[index]), _matches, out _);
            total += _matches.Count;
        }

        return total;
    }
}

/// <summary>A workload setting and a query count, named as in the table (<c>selective 10,000</c>).</summary>
public sealed record MatcherCase(WorkloadSetting Setting, int QueryCount)
{
    public static readonly IReadOnlyList<MatcherCase> All =
    [
        new(WorkloadSetting.Selective, 1_000),
        new(WorkloadSetting.Selective, 10_000),
        new(WorkloadSetting.Selective, 100_000),
        new(WorkloadSetting.Broad, 10_000),
    ];

    public override string ToString() => $"{Setting.ToString().ToLowerInvariant()}-{QueryCount}";
}

/// <summary>
/// In-process runs: the workload (100,000 queries, thousands of posts) is generated once and shared by every case,
/// and no benchmark project is generated and rebuilt under this repository's warnings-as-errors rules.
/// </summary>
public sealed class MatcherBenchmarkConfig : ManualConfig
{
    public MatcherBenchmarkConfig()
    {
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithWarmupCount(3)
            .WithIterationCount(10)
            .WithId("in-process"));
    }
}

/// <summary>The workload shared by all benchmark cases, created once per process.</summary>
internal static class BenchmarkData
{
    private const int PostCount = 2_000;

    private static readonly Lazy<MatcherWorkload> Workload = new(() => MatcherWorkload.Create());
    private static readonly Lazy<IReadOnlyList<Post>> LazyPosts = new(() => Workload.Value.GeneratePosts(PostCount));
    private static readonly Lazy<AnalyzedPost[]> LazyAnalysed = new(() => [.. Posts.Select(PostAnalyzer.Analyze)]);
    private static readonly Dictionary<WorkloadSetting, IReadOnlyList<QueryNode>> QueryStreams = [];

    public static IReadOnlyList<Post> Posts => LazyPosts.Value;

    public static AnalyzedPost[] Analysed => LazyAnalysed.Value;

    public static IReadOnlyList<QueryNode> Queries(WorkloadSetting setting, int count)
    {
        if (!QueryStreams.TryGetValue(setting, out var stream))
        {
            stream = Workload.Value.GenerateQueries(setting, MatcherWorkload.QueryStreamLength);
            QueryStreams[setting] = stream;
        }

        return [.. stream.Take(count)];
    }
}

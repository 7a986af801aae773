using System.Diagnostics;
using System.Globalization;
using System.Text;
using PressDeck.Core.Query;
using PressDeck.Core.Query.Matching;
using PressDeck.Core.Text;

namespace PressDeck.Bench.Matcher;

/// <summary>
/// Tools for working on the matcher, not part of the benchmark table: long steady loops to run under a profiler
/// (<c>perf record</c> with <c>DOTNET_PerfMapEnabled=1</c>), and the queries whose candidates most exceed their
/// matches (where the presearcher lets too much through).
/// <list type="bullet">
/// <item><c>diagnose analysis</c>: best of 60 passes of <see cref="PostAnalyzer.Analyze"/> over ASCII and non-ASCII posts.</item>
/// <item><c>diagnose match N [selective|broad]</c>: best of 100 passes of matching 20,000 pre-analysed posts against N queries.</item>
/// <item><c>diagnose candidates [N]</c>: each of the first N (default 3,000) selective queries alone over 20,000 posts.</item>
/// </list>
/// </summary>
internal static class DiagnoseCommand
{
    private const int PostCount = 20_000;

    public static int Run(string[] args)
    {
        var workload = MatcherWorkload.Create();
        var posts = workload.GeneratePosts(PostCount);
        switch (args.FirstOrDefault())
        {
            case "analysis":
                Analysis(posts);
                return 0;
            case "match" when args.Length > 1:
                var setting = args.Length > 2 && args[2] == "broad" ? WorkloadSetting.Broad : WorkloadSetting.Selective;
                Match(workload, posts, setting, int.Parse(args[1], CultureInfo.InvariantCulture));
                return 0;
            case "candidates":
                Candidates(workload, posts, args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3_000);
                return 0;
            default:
                Console.Error.WriteLine("usage: diagnose analysis | match N [selective|broad] | candidates [N]");
                return 2;
        }
    }

    private static void Analysis(IReadOnlyList<Core.Posts.Post> posts)
    {
        var sets = new[]
        {
            ("ASCII-only posts", posts.Where(post => Ascii.IsValid(post.Text)).ToArray()),
            ("posts with non-ASCII", posts.Where(post => !Ascii.IsValid(post.Text)).ToArray()),
        };
        foreach (var (name, set) in sets)
        {
            var best = double.MaxValue;
            long allocated = 0;
            for (var pass = 0; pass < 60; pass++)
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                var start = Stopwatch.GetTimestamp();
                foreach (var post in set)
                {
                    PostAnalyzer.Analyze(post);
                }

                best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalMicroseconds / set.Length);
                allocated = (GC.GetAllocatedBytesForCurrentThread() - before) / set.Length;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: best {best:F2} µs/post, {allocated} B/post"));
        }
    }

    private static void Match(MatcherWorkload workload, IReadOnlyList<Core.Posts.Post> posts, WorkloadSetting setting, int queryCount)
    {
        var analysed = posts.Select(PostAnalyzer.Analyze).ToArray();
        var percolator = new QueryMatcherPercolator(workload.GenerateQueries(setting, queryCount));
        var matches = new List<int>();
        var best = double.MaxValue;
        for (var pass = 0; pass < 100; pass++)
        {
            var start = Stopwatch.GetTimestamp();
            foreach (var post in analysed)
            {
                matches.Clear();
                percolator.Match(post, matches, out _);
            }

            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalMicroseconds / analysed.Length);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"match only, {setting} {queryCount:N0}: best {best:F2} µs/post"));
    }

    private static void Candidates(MatcherWorkload workload, IReadOnlyList<Core.Posts.Post> posts, int queryCount)
    {
        var analysed = posts.Select(PostAnalyzer.Analyze).ToArray();
        var texts = workload.GenerateQueryTexts(WorkloadSetting.Selective, queryCount);
        var queries = workload.GenerateQueries(WorkloadSetting.Selective, queryCount);
        var rows = new List<(int Candidates, int Matches, string Query)>();
        var matches = new List<int>();
        for (var index = 0; index < queries.Count; index++)
        {
            var matcher = new QueryMatcher(EmptyListDirectory.Instance);
            matcher.Set(0, queries[index]);
            int candidates = 0, matched = 0;
            foreach (var post in analysed)
            {
                matches.Clear();
                matcher.Match(post, matches, out var evaluated);
                candidates += evaluated;
                matched += matches.Count;
            }

            rows.Add((candidates, matched, $"{texts[index]}   ⇒ {QueryPrinter.Print(queries[index])}"));
        }

        Console.WriteLine($"{queryCount:N0} queries over {PostCount:N0} posts: {rows.Sum(row => row.Candidates):N0} candidates, {rows.Sum(row => row.Matches):N0} matches");
        Console.WriteLine("excess  candidates  matches  query");
        foreach (var row in rows.OrderByDescending(row => row.Candidates - row.Matches).Take(40))
        {
            Console.WriteLine($"{row.Candidates - row.Matches,6}  {row.Candidates,10}  {row.Matches,7}  {row.Query}");
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using PressDeck.Core.Posts;
using PressDeck.Core.Query;
using PressDeck.Core.Text;

namespace PressDeck.Bench.Matcher;

/// <summary>
/// <c>matcher [--quick] [--verify] [--seed N]</c>: the matcher workload of BENCHMARKS.md measured on one thread, printed
/// as a Markdown table with the targets, or (<c>--verify</c>) a cheap check that the matcher, the reference evaluator
/// and Lucene return the same match sets. Every timed loop analyses each post's text (<see cref="PostAnalyzer.Analyze"/>)
/// and then matches the analysed post.
/// </summary>
public static class MatcherTableCommand
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static int Run(string[] args)
    {
        var quick = args.Contains("--quick");
        var verify = args.Contains("--verify");
        var seedIndex = Array.IndexOf(args, "--seed");
        var seed = seedIndex >= 0 && seedIndex + 1 < args.Length
            ? ulong.Parse(args[seedIndex + 1], Invariant)
            : MatcherWorkload.DefaultSeed;

        return verify ? Verify(seed) : Table(seed, quick ? RunSizes.Quick : RunSizes.Full, quick);
    }

    private static int Table(ulong seed, RunSizes sizes, bool quick)
    {
        var total = Stopwatch.StartNew();
        Console.WriteLine(string.Create(Invariant, $"## Standing-query matcher ({(quick ? "--quick" : "full run")}, seed {seed})"));
        Console.WriteLine();
        Console.WriteLine(MachineDescription());
        Console.WriteLine();
        Progress("generating the workload");
        var workload = MatcherWorkload.Create(seed);
        var posts = workload.GeneratePosts(sizes.Posts);
        var analysed = posts.Select(PostAnalyzer.Analyze).ToArray();
        Console.WriteLine(WorkloadStatistics.Describe(posts, analysed));
        Console.WriteLine();

        var selectiveQueries = workload.GenerateQueries(WorkloadSetting.Selective, 100_000);
        var broadQueries = workload.GenerateQueries(WorkloadSetting.Broad, 10_000);
        Progress($"workload ready in {total.Elapsed.TotalSeconds:F1} s");

        var rows = new List<Row>();
        var analysis = MeasureAnalysisOnly(posts, sizes.MatcherWarmUp, sizes.Repetitions);
        rows.Add(new Row("—", "analysis only (PostAnalyzer.Analyze)", analysis));
        var asciiPosts = posts.Where(post => Ascii.IsValid(post.Text)).ToArray();
        var nonAsciiPosts = posts.Where(post => !Ascii.IsValid(post.Text)).ToArray();
        rows.Add(new Row("—", "analysis only, ASCII-only posts", MeasureAnalysisOnly(asciiPosts, sizes.MatcherWarmUp, sizes.Repetitions)));
        rows.Add(new Row("—", "analysis only, posts with non-ASCII", MeasureAnalysisOnly(nonAsciiPosts, sizes.MatcherWarmUp, sizes.Repetitions)));

        var cases = new (WorkloadSetting Setting, int Queries, int ReferencePosts, int LucenePosts)[]
        {
            (WorkloadSetting.Selective, 1_000, sizes.ReferencePosts1K, sizes.LucenePosts1K),
            (WorkloadSetting.Selective, 10_000, sizes.ReferencePosts10K, sizes.LucenePosts10K),
            (WorkloadSetting.Selective, 100_000, sizes.ReferencePosts100K, 0),
            (WorkloadSetting.Broad, 10_000, sizes.ReferencePosts10K, sizes.LucenePosts10K),
        };

        var results = new Dictionary<(WorkloadSetting, int), CaseResult>();
        foreach (var (setting, queryCount, referencePosts, lucenePosts) in cases)
        {
            var queries = (setting == WorkloadSetting.Selective ? selectiveQueries : broadQueries).Take(queryCount).ToArray();
            var label = $"{setting.ToString().ToLowerInvariant()} {queryCount:N0}";
            var result = new CaseResult();

            Progress($"{label}: reference on {referencePosts:N0} posts");
            var reference = new ReferencePercolator(queries);
            result.Reference = Measure(reference, posts, referencePosts, Math.Clamp(referencePosts / 10, 1, 200), repetitions: 1);
            rows.Add(new Row(label, "reference (compiled, every query)", result.Reference));

            var buildTime = Stopwatch.StartNew();
            var matcher = new QueryMatcherPercolator(queries);
            buildTime.Stop();
            Progress($"{label}: matcher built in {buildTime.Elapsed.TotalMilliseconds:F0} ms; measuring on {posts.Count:N0} posts");
            result.MatcherBuildMilliseconds = buildTime.Elapsed.TotalMilliseconds;
            result.Matcher = Measure(matcher, posts, posts.Count, sizes.MatcherWarmUp, sizes.Repetitions);
            result.MatcherOnly = MeasurePreAnalysed(matcher, analysed, sizes.MatcherWarmUp, repetitions: 1);
            result.AgreesWithReference = Measure(matcher, posts, referencePosts, 0, 1).Matches == result.Reference.Matches;
            rows.Add(new Row(label, $"matcher (built in {buildTime.Elapsed.TotalMilliseconds:N0} ms)", result.Matcher, result.Reference));
            rows.Add(new Row(label, "matcher, match only (pre-analysed posts)", result.MatcherOnly, result.Reference));

            if (lucenePosts > 0)
            {
                Progress($"{label}: Lucene.Net MemoryIndex on {lucenePosts:N0} posts");
                var lucene = new LucenePercolator(queries);
                result.Lucene = Measure(lucene, posts, lucenePosts, Math.Clamp(lucenePosts / 10, 1, 20), repetitions: 1);
                rows.Add(new Row(label, "Lucene.Net MemoryIndex percolation", result.Lucene, result.Reference));
            }

            results[(setting, queryCount)] = result;
        }

        Console.WriteLine("| workload | engine | posts measured | posts/s | posts per CPU-s | µs/post | matches/post | candidates/post | allocated B/post | vs reference |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            Console.WriteLine(row.Format());
        }

        Console.WriteLine();
        PrintTargets(results);
        Console.WriteLine();
        Console.WriteLine(string.Create(Invariant, $"Whole run: {total.Elapsed.TotalSeconds:F0} s. Rates are medians of {sizes.Repetitions} passes for analysis and the matcher (analyse and match), one pass otherwise; each timed loop includes PostAnalyzer.Analyze per post except \"match only\". Load average at the end: {LoadAverage()}."));
        return 0;
    }

    private static void PrintTargets(Dictionary<(WorkloadSetting, int), CaseResult> results)
    {
        Console.WriteLine("| target | required | measured | result |");
        Console.WriteLine("|---|---|---:|---|");
        var selective10K = results[(WorkloadSetting.Selective, 10_000)];
        var broad10K = results[(WorkloadSetting.Broad, 10_000)];
        var selective100K = results[(WorkloadSetting.Selective, 100_000)];
        Rate("selective, 10,000 queries", 300_000, selective10K.Matcher);
        Rate("broad, 10,000 queries", 150_000, broad10K.Matcher);
        Rate("selective, 100,000 queries", 100_000, selective100K.Matcher);
        foreach (var ((setting, queries), result) in results.OrderBy(pair => pair.Key.Item1).ThenBy(pair => pair.Key.Item2))
        {
            if (result.Matcher is { } matcher)
            {
                var ratio = matcher.CandidatesPerPost / Math.Max(matcher.MatchesPerPost, 1e-9);
                Target(
                    $"candidates ≤ 2.5 × matches ({setting.ToString().ToLowerInvariant()} {queries:N0})",
                    "≤ 2.5×",
                    $"{ratio:F2}× ({matcher.CandidatesPerPost:F2} / {matcher.MatchesPerPost:F2})",
                    ratio <= 2.5);
            }
        }

        foreach (var (label, result) in new[] { ("selective", selective10K), ("broad", broad10K) })
        {
            if (result.Matcher is { } matcher && result.Reference is { } reference)
            {
                var speedup = matcher.PostsPerSecond / reference.PostsPerSecond;
                Target($"matcher vs reference ({label} 10,000)", "≥ 20×", $"{speedup:N0}×", speedup >= 20);
            }
        }

        foreach (var ((setting, queries), result) in results.OrderBy(pair => pair.Key.Item1).ThenBy(pair => pair.Key.Item2))
        {
            if (result.MatcherOnly is { } matchOnly)
            {
                Target(
                    $"allocation per post, matching ({setting.ToString().ToLowerInvariant()} {queries:N0})",
                    "0 B",
                    $"{matchOnly.AllocatedBytesPerPost:F1} B",
                    matchOnly.AllocatedBytesPerPost < 0.5);
            }

            if (result.Matcher is not null)
            {
                Target(
                    $"same matches as reference ({setting.ToString().ToLowerInvariant()} {queries:N0}, reference sample)",
                    "equal",
                    result.AgreesWithReference ? "equal" : "DIFFERENT",
                    result.AgreesWithReference);
            }
        }

        static void Rate(string name, double required, Measurement? measured)
        {
            if (measured is null)
            {
                return;
            }

            Target(
                name,
                $"≥ {required:N0} posts/s",
                $"{measured.PostsPerSecond:N0} posts/s ({measured.PostsPerSecond / required:P0})",
                measured.PostsPerSecond >= required);
        }

        static void Target(string name, string required, string measured, bool pass) =>
            Console.WriteLine($"| {name} | {required} | {measured} | {(pass ? "PASS" : "FAIL")} |");
    }

    /// <summary>Times <paramref name="count"/> posts: analyse, then match. Median of <paramref name="repetitions"/> passes after warm-up.</summary>
    // Long enough for tiered compilation to reach its optimised, profile-guided code before anything is timed.
    private static readonly TimeSpan MinimumWarmUp = TimeSpan.FromSeconds(1);

    internal static Measurement Measure(IPostPercolator percolator, IReadOnlyList<Post> posts, int count, int warmUp, int repetitions)
    {
        var matches = new List<int>(1024);
        var warmUpStart = Stopwatch.GetTimestamp();
        for (var index = 0; index < warmUp || (warmUp > 0 && Stopwatch.GetElapsedTime(warmUpStart) < MinimumWarmUp); index++)
        {
            matches.Clear();
            percolator.Match(PostAnalyzer.Analyze(posts[index % posts.Count]), matches, out _);
        }

        var passes = new List<Measurement>(repetitions);
        for (var pass = 0; pass < repetitions; pass++)
        {
            long totalMatches = 0;
            long totalCandidates = 0;
            // Reading the CPU time allocates, so it is read outside the allocation count.
            var cpuBefore = ProcessorTime();
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var start = Stopwatch.GetTimestamp();
            for (var index = 0; index < count; index++)
            {
                matches.Clear();
                percolator.Match(PostAnalyzer.Analyze(posts[index]), matches, out var candidates);
                totalMatches += matches.Count;
                totalCandidates += candidates;
            }

            var elapsed = Stopwatch.GetElapsedTime(start);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            var cpu = ProcessorTime() - cpuBefore;
            passes.Add(new Measurement(count, elapsed, cpu, totalMatches, totalCandidates, allocated));
        }

        return Median(passes);
    }

    /// <summary>The matching alone, over posts analysed beforehand: the part of the time the matcher owns, and its allocation.</summary>
    internal static Measurement MeasurePreAnalysed(IPostPercolator percolator, AnalyzedPost[] posts, int warmUp, int repetitions)
    {
        var matches = new List<int>(1024);
        var warmUpStart = Stopwatch.GetTimestamp();
        for (var index = 0; index < warmUp || (warmUp > 0 && Stopwatch.GetElapsedTime(warmUpStart) < MinimumWarmUp); index++)
        {
            matches.Clear();
            percolator.Match(posts[index % posts.Length], matches, out _);
        }

        var passes = new List<Measurement>(repetitions);
        for (var pass = 0; pass < repetitions; pass++)
        {
            long totalMatches = 0;
            long totalCandidates = 0;
            // Reading the CPU time allocates, so it is read outside the allocation count.
            var cpuBefore = ProcessorTime();
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var start = Stopwatch.GetTimestamp();
            foreach (var post in posts)
            {
                matches.Clear();
                percolator.Match(post, matches, out var candidates);
                totalMatches += matches.Count;
                totalCandidates += candidates;
            }

            var elapsed = Stopwatch.GetElapsedTime(start);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            var cpu = ProcessorTime() - cpuBefore;
            passes.Add(new Measurement(posts.Length, elapsed, cpu, totalMatches, totalCandidates, allocated));
        }

        return Median(passes);
    }

    private static Measurement MeasureAnalysisOnly(IReadOnlyList<Post> posts, int warmUp, int repetitions)
    {
        long tokens = 0;
        var warmUpStart = Stopwatch.GetTimestamp();
        for (var index = 0; index < warmUp || (warmUp > 0 && Stopwatch.GetElapsedTime(warmUpStart) < MinimumWarmUp); index++)
        {
            tokens += PostAnalyzer.Analyze(posts[index % posts.Count]).TokenCount;
        }

        var passes = new List<Measurement>(repetitions);
        for (var pass = 0; pass < repetitions; pass++)
        {
            // Reading the CPU time allocates, so it is read outside the allocation count.
            var cpuBefore = ProcessorTime();
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var start = Stopwatch.GetTimestamp();
            foreach (var post in posts)
            {
                tokens += PostAnalyzer.Analyze(post).TokenCount;
            }

            var elapsed = Stopwatch.GetElapsedTime(start);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            var cpu = ProcessorTime() - cpuBefore;
            passes.Add(new Measurement(posts.Count, elapsed, cpu, 0, 0, allocated));
        }

        // The token count keeps the loop from being optimised away.
        return tokens < 0 ? passes[0] : Median(passes);
    }

    private static Measurement Median(List<Measurement> passes) =>
        passes.OrderBy(measurement => measurement.PostsPerSecond).ElementAt(passes.Count / 2);

    /// <summary>
    /// Matcher, reference and Lucene must return identical match sets (Lucene only for the queries it can express
    /// exactly: all of this workload's). Exit code 1 and the first mismatches printed when they do not.
    /// </summary>
    private static int Verify(ulong seed)
    {
        const int PostCount = 400;
        const int QueryCount = 1_000;
        const int MaximumPrinted = 20;
        var workload = MatcherWorkload.Create(seed);
        var posts = workload.GeneratePosts(PostCount);
        var analysed = posts.Select(PostAnalyzer.Analyze).ToArray();
        Console.WriteLine(WorkloadStatistics.Describe(posts, analysed));
        var mismatches = 0;
        foreach (var setting in new[] { WorkloadSetting.Selective, WorkloadSetting.Broad })
        {
            var texts = workload.GenerateQueryTexts(setting, QueryCount);
            var queries = workload.GenerateQueries(setting, QueryCount);
            var reference = new ReferencePercolator(queries);
            var matcher = new QueryMatcherPercolator(queries);
            var lucene = new LucenePercolator(queries);
            long referenceMatches = 0;
            long matcherCandidates = 0;
            foreach (var (post, index) in analysed.Select((post, index) => (post, index)))
            {
                var expected = Matches(reference, post, out _);
                referenceMatches += expected.Count;
                var actual = Matches(matcher, post, out var candidates);
                matcherCandidates += candidates;
                mismatches += Report("matcher", expected, actual, post, posts[index], texts, mismatches);

                var expressible = expected.Where(lucene.CanExpress).ToHashSet();
                mismatches += Report("Lucene", expressible, Matches(lucene, post, out _), post, posts[index], texts, mismatches);
            }

            Console.WriteLine(string.Create(
                Invariant,
                $"{setting.ToString().ToLowerInvariant()}: {PostCount} posts × {QueryCount:N0} queries; reference {referenceMatches / (double)PostCount:F2} matches/post, matcher {matcherCandidates / (double)PostCount:F2} candidates/post; Lucene cannot express {lucene.NotExpressible} of the queries"));
        }

        Console.WriteLine(mismatches == 0 ? "verify: all match sets agree" : $"verify: {mismatches} mismatching match sets");
        return mismatches == 0 ? 0 : 1;

        static HashSet<int> Matches(IPostPercolator percolator, AnalyzedPost post, out int candidates)
        {
            var matches = new List<int>();
            percolator.Match(post, matches, out candidates);
            return [.. matches];
        }

        static int Report(string engine, HashSet<int> expected, HashSet<int> actual, AnalyzedPost analysed, Post post, IReadOnlyList<string> texts, int alreadyReported)
        {
            if (expected.SetEquals(actual))
            {
                return 0;
            }

            if (alreadyReported < MaximumPrinted)
            {
                var missing = expected.Except(actual).Select(id => $"{id}: {texts[id]}");
                var extra = actual.Except(expected).Select(id => $"{id}: {texts[id]}");
                Console.WriteLine($"MISMATCH {engine} on post {post.RemoteId}: {post.Text}");
                Console.WriteLine($"  tokens: {string.Join(' ', analysed.Tokens)} | #{string.Join(" #", analysed.Hashtags)} | @{string.Join(" @", analysed.Mentions)} | from {analysed.AuthorHandle} | lang {string.Join(',', analysed.Languages)}");
                Console.WriteLine($"  missing: {string.Join(" ;; ", missing)}");
                Console.WriteLine($"  extra:   {string.Join(" ;; ", extra)}");
            }

            return 1;
        }
    }

    private static string MachineDescription()
    {
        var cpu = "unknown CPU";
        if (File.Exists("/proc/cpuinfo"))
        {
            cpu = File.ReadLines("/proc/cpuinfo")
                .Where(line => line.StartsWith("model name", StringComparison.Ordinal))
                .Select(line => line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim())
                .FirstOrDefault() ?? cpu;
        }

        var date = TimeProvider.System.GetUtcNow().ToString("yyyy-MM-dd", Invariant);
        return $"Machine: {Environment.ProcessorCount} cores, {cpu}, {RuntimeInformation.OSDescription}; {RuntimeInformation.FrameworkDescription}" +
            $"{(Debugger.IsAttached ? " (debugger attached)" : "")}; one thread; {date}; load average at the start {LoadAverage()}.";
    }

    /// <summary>CPU time of the whole process; with workstation non-concurrent GC, collections run on the measuring thread and count too.</summary>
    private static TimeSpan ProcessorTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static void Progress(string message) => Console.Error.WriteLine($"[matcher] {message}");

    private sealed record RunSizes(
        int Posts,
        int MatcherWarmUp,
        int Repetitions,
        int ReferencePosts1K,
        int ReferencePosts10K,
        int ReferencePosts100K,
        int LucenePosts1K,
        int LucenePosts10K)
    {
        public static readonly RunSizes Full = new(100_000, 10_000, 3, 100_000, 5_000, 500, 1_000, 100);

        public static readonly RunSizes Quick = new(10_000, 2_000, 3, 5_000, 500, 50, 100, 10);
    }

    private sealed class CaseResult
    {
        public Measurement? Reference { get; set; }

        public Measurement? Matcher { get; set; }

        public Measurement? MatcherOnly { get; set; }

        public Measurement? Lucene { get; set; }

        public double MatcherBuildMilliseconds { get; set; }

        public bool AgreesWithReference { get; set; }
    }

    private sealed record Row(string Workload, string Engine, Measurement Measured, Measurement? Reference = null)
    {
        public string Format()
        {
            var speedup = Reference is null ? "" : $"{Measured.PostsPerSecond / Reference.PostsPerSecond:N1}×";
            var candidates = Measured.Candidates == 0 ? "" : Measured.CandidatesPerPost.ToString("N2", Invariant);
            var matches = Measured.Candidates == 0 ? "" : Measured.MatchesPerPost.ToString("F2", Invariant);
            return string.Create(
                Invariant,
                $"| {Workload} | {Engine} | {Measured.Posts:N0} | {Measured.PostsPerSecond:N0} | {Measured.PostsPerProcessorSecond:N0} | {Measured.MicrosecondsPerPost:N2} | {matches} | {candidates} | {Measured.AllocatedBytesPerPost:N0} | {speedup} |");
        }
    }
}

/// <summary>One timed pass: <see cref="Posts"/> posts in <see cref="Elapsed"/>, with their total matches, candidates and allocated bytes.</summary>
/// <see cref="ProcessorTime"/> is the process's CPU time over the pass: on a loaded machine it shows what the thread
/// got to run, where wall-clock time also counts time spent waiting for a core.
internal sealed record Measurement(int Posts, TimeSpan Elapsed, TimeSpan ProcessorTime, long Matches, long Candidates, long AllocatedBytes)
{
    public double PostsPerSecond => Posts / Elapsed.TotalSeconds;

    public double PostsPerProcessorSecond => Posts / Math.Max(ProcessorTime.TotalSeconds, 1e-9);

    public double MicrosecondsPerPost => Elapsed.TotalMicroseconds / Posts;

    public double MatchesPerPost => Matches / (double)Posts;

    public double CandidatesPerPost => Candidates / (double)Posts;

    public double AllocatedBytesPerPost => AllocatedBytes / (double)Posts;
}

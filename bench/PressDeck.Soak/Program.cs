using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using PressDeck;
using PressDeck.Core.Query;
using PressDeck.Monitoring.Ingest;
using PressDeck.Monitoring.Lists;
using PressDeck.Monitoring.Live;
using PressDeck.Soak;

// The Jetstream soak test of issue 4 (docs/PERFORMANCE.md): a fake Jetstream on 127.0.0.1 streams new posts at a fixed
// rate into a PressDeck in this process (Bluesky source, real SQLite archive, live matching), and every second the
// harness records what was sent and stored, the lag from sending to reaching an open column, and memory.
// Usage: dotnet run -c Release --project bench/PressDeck.Soak -- [rate=2000] [seconds=60]
var rate = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2_000;
var seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 60;
var invariant = CultureInfo.InvariantCulture;

var root = FindRoot();
var recorded = Directory.GetFiles(Path.Combine(root, "..", "shared", "fixtures", "bluesky"), "jetstream_*.jsonl").SelectMany(File.ReadAllLines).ToList();
await using var jetstream = new SoakJetstream(recorded, rate, TimeSpan.FromSeconds(seconds), authors: 2_000);
await jetstream.StartAsync(CancellationToken.None);

var data = Path.Combine(Path.GetTempPath(), "pressdeck-soak-" + Guid.NewGuid().ToString("N")[..8]);
await using var app = PressDeckApp.Build(
[
    "--Kestrel:Endpoints:Http:Url=http://127.0.0.1:0", $"--Storage:DataFolder={data}", "--Demo:Enabled=false",
    "--Bluesky:Enabled=true", $"--Bluesky:Jetstream:Url={jetstream.JetstreamUrl}", $"--Bluesky:AppView:Url={jetstream.AppViewUrl}",
    "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft.AspNetCore.StaticFiles=Error",
]);
var queries = app.Services.GetRequiredService<StandingQueries>();
var lists = app.Services.GetRequiredService<ListDirectory>();
var metrics = app.Services.GetRequiredService<IngestMetrics>();
var queue = app.Services.GetRequiredService<IngestChannel>();

// An open column that takes every post (its lag is the measure), and a desk's worth of ordinary columns beside it.
const int everyPost = 1_000_000;
using var column = app.Services.GetRequiredService<LiveFeed>().Subscribe(everyPost, capacity: 100_000);
await app.StartAsync(CancellationToken.None);
queries.Set(everyPost, QueryParser.Parse("network:bluesky", lists).Query!);
string[] words = ["news", "minister", "#breaking", "election", "strike", "budget", "\"climate change\"", "lang:de", "has:images", "is:reply"];
for (var index = 0; index < 200; index++)
{
    queries.Set(everyPost + 1 + index, QueryParser.Parse($"{words[index % words.Length]} {words[(index * 7 + 3) % words.Length]}", lists).Query!);
}

Console.WriteLine($"soak: {rate:N0} events/s for {seconds} s from {jetstream.Templates} recorded post templates, 2,000 authors, 201 columns; data in {data}");
Console.WriteLine("|   s |    sent |  stored | queue | lag p50 ms | lag max ms | working set MB | GC heap MB |");
Console.WriteLine("|----:|--------:|--------:|------:|-----------:|-----------:|---------------:|-----------:|");

var lags = new List<double>(rate * seconds);
var liveHeap = new List<(int Second, double Megabytes)>();
var process = Process.GetCurrentProcess();
var started = Stopwatch.StartNew();
var lastSecond = 0;
var second = new List<double>();
long received = 0;
while (true)
{
    await Task.Delay(50);
    var now = TimeProvider.System.GetUtcNow().UtcDateTime;
    foreach (var post in column.Drain())
    {
        var lag = (now - post.Post.CreatedAt).TotalMilliseconds;
        second.Add(lag);
        lags.Add(lag);
        received++;
    }

    var elapsed = (int)started.Elapsed.TotalSeconds;
    if (elapsed == lastSecond)
    {
        continue;
    }

    lastSecond = elapsed;
    process.Refresh();
    var snapshot = metrics.Snapshot(queue.Depth, queue.Capacity);
    second.Sort();
    var p50 = second.Count == 0 ? 0 : second[second.Count / 2];
    var max = second.Count == 0 ? 0 : second[^1];
    if (elapsed % 10 == 0)
    {
        liveHeap.Add((elapsed, GC.GetTotalMemory(forceFullCollection: true) / 1048576.0));
    }

    Console.WriteLine(string.Create(invariant, $"| {elapsed,3} | {jetstream.Sent,7:N0} | {snapshot.Stored,7:N0} | {snapshot.QueueDepth,5} | {p50,10:N0} | {max,10:N0} | {process.WorkingSet64 / 1048576.0,14:N0} | {GC.GetGCMemoryInfo().HeapSizeBytes / 1048576.0,10:N0} |"));
    second.Clear();
    var caughtUp = jetstream.FinishedAt is not null && snapshot.Stored + snapshot.Duplicates >= jetstream.Sent && received >= jetstream.Sent;
    if (caughtUp || elapsed > seconds + 60)
    {
        break;
    }
}

var final = metrics.Snapshot(queue.Depth, queue.Capacity);
lags.Sort();
double Percentile(double p) => lags.Count == 0 ? 0 : lags[Math.Min(lags.Count - 1, (int)(p * lags.Count))];
var steady = liveHeap.Where(sample => sample.Second >= 20 && sample.Second <= seconds).ToList();
Console.WriteLine();
Console.WriteLine(string.Create(invariant, $"sent {jetstream.Sent:N0}, stored {final.Stored:N0}, duplicates {final.Duplicates:N0}, dropped {final.Dropped:N0}, reached the column {received:N0}, lost {jetstream.Sent - final.Stored - final.Duplicates:N0}"));
Console.WriteLine(string.Create(invariant, $"lag from sending to the column: p50 {Percentile(0.50):N0} ms, p99 {Percentile(0.99):N0} ms, max {Percentile(1.0):N0} ms"));
Console.WriteLine("live managed heap after a full collection: " + string.Join(", ", liveHeap.Select(sample => string.Create(invariant, $"{sample.Second} s {sample.Megabytes:N1} MB"))));
if (steady.Count >= 2)
{
    Console.WriteLine(string.Create(invariant, $"steady-state heap growth ({steady[0].Second} s to {steady[^1].Second} s): {steady[^1].Megabytes - steady[0].Megabytes:+0.0;-0.0} MB"));
}

await app.StopAsync(CancellationToken.None);
Directory.Delete(data, recursive: true);

static string FindRoot()
{
    for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "PressDeck.slnx")))
        {
            return directory.FullName;
        }
    }

    throw new DirectoryNotFoundException("No PressDeck.slnx above " + AppContext.BaseDirectory);
}

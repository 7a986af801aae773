using BenchmarkDotNet.Running;
using PressDeck.Bench.Matcher;

// `matcher [--quick] [--verify]` prints the matcher table (BENCHMARKS.md); `diagnose ...` runs the matcher's working
// tools (DiagnoseCommand); anything else goes to BenchmarkDotNet, e.g. `--filter '*Matcher*'`.
if (args.Length > 0 && args[0] == "diagnose")
{
    return DiagnoseCommand.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "matcher")
{
    return MatcherTableCommand.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(MatcherBenchmarks).Assembly).Run(args);
return 0;

using System.Diagnostics;
using System.Reflection;

namespace PressDeck.Tests.Cli;

/// <summary>Runs the built <c>pressdeck</c> program itself, as a person or a script would.</summary>
[Trait("Issue", "3")]
public sealed class MatchProcessTests : IDisposable
{
    private readonly CliFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task The_program_prints_only_matching_ids_on_stdout_and_exits_with_the_documented_codes()
    {
        var posts = _folder.WriteLines(
            "posts.jsonl",
            PostLine.Create("p1", "The Skills-Bill passes"),
            "not json",
            PostLine.Create("p2", "Nothing to see"),
            PostLine.Create("p3", "skills bill again"));

        var matched = await RunProgramAsync("match", "--query", "\"skills bill\"", "--posts", posts);
        var invalid = await RunProgramAsync("match", "--query", "skills OR", "--posts", posts);
        var missing = await RunProgramAsync("match", "--query", "skills", "--posts", Path.Combine(_folder.Path, "missing.jsonl"));

        Assert.Equal(0, matched.ExitCode);
        Assert.Equal("p1\np3\n", matched.Output);
        Assert.Contains("line 2 skipped", matched.Error, StringComparison.Ordinal);
        Assert.Equal(2, invalid.ExitCode);
        Assert.Equal("", invalid.Output);
        Assert.Contains("position 8", invalid.Error, StringComparison.Ordinal);
        Assert.Equal(1, missing.ExitCode);
        Assert.Equal("", missing.Output);
        Assert.Contains("does not exist", missing.Error, StringComparison.Ordinal);
    }

    private async Task<CliRun> RunProgramAsync(params string[] args)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _folder.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ProgramPath());
        foreach (var argument in args)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start pressdeck.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(1));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new CliRun(process.ExitCode, await output, await error);
    }

    /// <summary>The program as built beside the tests' own configuration, as <c>PressDeckServer</c> finds it.</summary>
    private static string ProgramPath()
    {
        var configuration = typeof(MatchProcessTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PressDeck.slnx")))
        {
            directory = directory.Parent;
        }

        var path = directory is null ? null : Path.Combine(directory.FullName, "src", "PressDeck", "bin", configuration, "net10.0", "pressdeck.dll");
        return path is not null && File.Exists(path) ? path : throw new FileNotFoundException("Build src/PressDeck first.", path);
    }
}

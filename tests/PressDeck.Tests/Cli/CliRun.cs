namespace PressDeck.Tests.Cli;

/// <summary>What a verb returned and wrote.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public IReadOnlyList<string> OutputLines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

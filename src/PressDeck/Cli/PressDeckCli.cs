using System.CommandLine;
using System.CommandLine.Invocation;
using System.Text;

namespace PressDeck.Cli;

/// <summary>
/// The command-line verbs of the <c>pressdeck</c> executable (<c>pressdeck match …</c>). A verb is one
/// <see cref="Command"/> class in this folder, listed in <see cref="CreateRootCommand"/>. Verbs start no web host (those
/// that need the database, <c>import</c> and <c>audit</c>, open it themselves); they write results to the output writer
/// and diagnostics to the error writer only.
/// </summary>
public static class PressDeckCli
{
    /// <summary>True when <paramref name="args"/> starts with a verb's name, so Program runs the verb, not the web host.</summary>
    public static bool IsVerb(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return args.Count > 0 && CreateRootCommand().Subcommands.Any(verb => string.Equals(verb.Name, args[0], StringComparison.Ordinal));
    }

    /// <summary>Runs the verb named by <c>args[0]</c>, writing to the given writers; returns the exit code (see <c>CliExitCode</c>).</summary>
    public static Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        RunAsync(args, output, error, processTerminationTimeout: null, cancellationToken);

    /// <summary>Runs a verb on the process's standard output and error; Ctrl+C and SIGTERM stop it.</summary>
    public static async Task<int> RunInConsoleAsync(IReadOnlyList<string> args)
    {
        // Buffered: a large result would otherwise be one console write per line.
        var output = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 64 * 1024);
        try
        {
            return await RunAsync(args, output, Console.Error, new InvocationConfiguration().ProcessTerminationTimeout, CancellationToken.None);
        }
        finally
        {
            try
            {
                await output.DisposeAsync();
            }
            catch (IOException)
            {
                // The reader of our output went away (`pressdeck match … | head`): nothing more to tell it.
            }
        }
    }

    private static RootCommand CreateRootCommand() => new("PressDeck command-line verbs. Without a verb, pressdeck runs the web app.")
    {
        new MatchCommand(),
        new ImportCommand(),
        new AuditCommand(),
    };

    private static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, TimeSpan? processTerminationTimeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);

        // No response files: "@name" is a mention in a query (`--query @bbcnews`), not a file of arguments to expand.
        var parseResult = CreateRootCommand().Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parseResult.Action is ParseErrorAction)
        {
            foreach (var parseError in parseResult.Errors)
            {
                await error.WriteLineAsync($"error: {parseError.Message}".AsMemory(), cancellationToken);
            }

            await error.WriteLineAsync($"Run 'pressdeck {parseResult.CommandResult.Command.Name} --help' for usage.".AsMemory(), cancellationToken);
            return CliExitCode.Usage;
        }

        var invocation = new InvocationConfiguration
        {
            Output = output,
            Error = error,
            ProcessTerminationTimeout = processTerminationTimeout,
        };
        return await parseResult.InvokeAsync(invocation, cancellationToken);
    }
}

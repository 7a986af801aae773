using System.CommandLine;
using System.Globalization;
using PressDeck.Connectors.Bluesky;
using PressDeck.Core.Posts;

namespace PressDeck.Cli;

/// <summary>
/// <c>pressdeck import --network bluesky FILE --dry-run</c> (issue 4): reads recorded network payloads through the same
/// readers the live sources use and prints the normalised posts as JSON lines in the batch tool's post format
/// (QUERY-LANGUAGE.md section 6); each payload it cannot read is reported on the error writer with its line number and
/// reason, and reading goes on. Networks so far: Bluesky (Jetstream JSON lines).
/// </summary>
internal sealed class ImportCommand : Command
{
    public const string VerbName = "import";

    private readonly Option<string> _network = new("--network")
    {
        Description = "The network the payloads come from.",
        HelpName = "bluesky",
        Required = true,
    };

    private readonly Argument<string> _file = new("FILE")
    {
        Description = "The recorded payloads: Jetstream events, one JSON object per line.",
    };

    private readonly Option<bool> _dryRun = new("--dry-run")
    {
        Description = "Print the normalised posts as JSON lines instead of loading them into the archive.",
    };

    public ImportCommand()
        : base(VerbName, "Read recorded payloads of a network through PressDeck's normaliser.")
    {
        _network.AcceptOnlyFromAmong("bluesky");
        Options.Add(_network);
        Options.Add(_dryRun);
        Arguments.Add(_file);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        if (!parseResult.GetValue(_dryRun))
        {
            await error.WriteLineAsync("error: loading into the archive is not available from the command line yet; add --dry-run to see the posts".AsMemory(), cancellationToken);
            return CliExitCode.Usage;
        }

        var path = parseResult.GetRequiredValue(_file);
        try
        {
            await using var stream = await MatchCommand.OpenAsync(path, "file", error, cancellationToken);
            if (stream is null)
            {
                return CliExitCode.Failure;
            }

            var counts = await ImportJetstreamAsync(stream, output, error, cancellationToken);
            await output.FlushAsync(cancellationToken);
            await error.WriteLineAsync(counts.Describe(path).AsMemory(), cancellationToken);
            return CliExitCode.Success;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return CliExitCode.Canceled;
        }
        catch (IOException exception)
        {
            await error.WriteLineAsync($"error: {exception.Message}");
            return CliExitCode.Failure;
        }
    }

    private static async Task<ImportCounts> ImportJetstreamAsync(Stream stream, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var handles = new BlueskyHandleCache();
        var reader = new Utf8LineReader(stream, JetstreamEventReader.MaxEventBytes);
        var counts = new ImportCounts();
        while (await reader.ReadLineAsync(cancellationToken))
        {
            var line = reader.LineNumber.ToString(CultureInfo.InvariantCulture);
            if (reader.IsTooLong)
            {
                counts.Refused++;
                await error.WriteLineAsync($"line {line}: the event is longer than {JetstreamEventReader.MaxEventBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes".AsMemory(), cancellationToken);
                continue;
            }

            if (reader.Line.Span.Trim(" \t\r"u8).IsEmpty)
            {
                continue;
            }

            if (!JetstreamEventReader.TryRead(reader.Line.Span, handles, out var jetstreamEvent, out var reason))
            {
                counts.Refused++;
                await error.WriteLineAsync($"line {line}: {reason}".AsMemory(), cancellationToken);
                continue;
            }

            Post? post = null;
            switch (jetstreamEvent)
            {
                case JetstreamPostEvent created:
                    post = created.Post;
                    break;
                case JetstreamRepostEvent repost:
                    post = repost.Post;
                    break;
                case JetstreamDeleteEvent:
                    counts.Deletes++;
                    break;
                default:
                    counts.Other++;
                    break;
            }

            if (post is not null)
            {
                counts.Posts++;
                await output.WriteLineAsync(PostJsonReader.Write(post).AsMemory(), cancellationToken);
            }
        }

        return counts;
    }

    private sealed class ImportCounts
    {
        public int Posts { get; set; }

        public int Deletes { get; set; }

        public int Other { get; set; }

        public int Refused { get; set; }

        public string Describe(string path) => string.Create(
            CultureInfo.InvariantCulture,
            $"{path}: {Posts} post(s), {Deletes} delete(s), {Other} other event(s) skipped (likes, follows, profiles, identity, account), {Refused} payload(s) refused");
    }
}

using System.CommandLine;
using System.Globalization;
using System.Runtime.CompilerServices;
using PressDeck.Connectors;
using PressDeck.Connectors.Bluesky;
using PressDeck.Connectors.Feeds;
using PressDeck.Connectors.Mastodon;
using PressDeck.Connectors.X;
using PressDeck.Core.Posts;

namespace PressDeck.Cli;

/// <summary>
/// <c>pressdeck import --network bluesky|mastodon|x|rss FILE [--dry-run] [--data-folder DIR]</c> (issue 4): reads recorded network
/// payloads through the same readers the live sources use and loads the posts into the archive (duplicates dropped,
/// edits kept as versions, deletes applied), so an office can load an export or replay an incident. With
/// <c>--dry-run</c> it prints the normalised posts as JSON lines in the batch tool's post format (QUERY-LANGUAGE.md
/// section 6) instead. Either way each payload it cannot read is reported on the error writer with its line number (or,
/// in a document, its item number) and reason, and reading goes on. Networks: Bluesky (Jetstream JSON lines), Mastodon
/// (Status JSON, arrays, search results, notifications, streaming lines), X (API v2 responses, stream lines) and news
/// feeds (RSS, Atom, JSON Feed).
/// </summary>
internal sealed class ImportCommand : Command
{
    public const string VerbName = "import";

    private readonly Option<string> _network = new("--network")
    {
        Description = "The network the payloads come from.",
        HelpName = "bluesky|mastodon|x|rss",
        Required = true,
    };

    private readonly Argument<string> _file = new("FILE")
    {
        Description = "The recorded payloads: Jetstream JSON lines (bluesky); Status JSON, a search result, notifications or streaming lines (mastodon); an API v2 response or stream lines (x); an RSS, Atom or JSON Feed document (rss).",
    };

    private readonly Option<bool> _dryRun = new("--dry-run")
    {
        Description = "Print the normalised posts as JSON lines instead of loading them into the archive.",
    };

    private readonly Option<string?> _dataFolder = new("--data-folder")
    {
        Description = "The data folder whose archive receives the posts (default: the configured Storage:DataFolder, ./data).",
        HelpName = "DIR",
    };

    public ImportCommand()
        : base(VerbName, "Load recorded payloads of a network into the archive through PressDeck's normaliser.")
    {
        _network.AcceptOnlyFromAmong("bluesky", "mastodon", "x", "rss");
        Options.Add(_network);
        Options.Add(_dryRun);
        Options.Add(_dataFolder);
        Arguments.Add(_file);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        var path = parseResult.GetRequiredValue(_file);
        var network = parseResult.GetRequiredValue(_network);
        var isDryRun = parseResult.GetValue(_dryRun);
        try
        {
            await using var stream = await MatchCommand.OpenAsync(path, "file", error, cancellationToken);
            if (stream is null)
            {
                return CliExitCode.Failure;
            }

            var counts = new ImportCounts();
            var items = network switch
            {
                "mastodon" => MastodonRecordedPayloads.Read(stream).ToAsyncEnumerable(),
                "x" => XRecordedPayloads.Read(stream).ToAsyncEnumerable(),
                "rss" => FeedRecordedPayloads.Read(stream).ToAsyncEnumerable(),
                _ => ReadJetstreamAsync(stream, cancellationToken),
            };
            var archivedNetwork = network switch
            {
                "mastodon" => Network.Mastodon,
                "x" => Network.X,
                "rss" => Network.Rss,
                _ => Network.Bluesky,
            };

            if (isDryRun)
            {
                await foreach (var item in items)
                {
                    if (await counts.CountAsync(item, error, cancellationToken) && item.Post is { } post)
                    {
                        await output.WriteLineAsync(PostJsonReader.Write(post).AsMemory(), cancellationToken);
                    }
                }

                await output.FlushAsync(cancellationToken);
                await error.WriteLineAsync(counts.Describe(path).AsMemory(), cancellationToken);
                return CliExitCode.Success;
            }

            await using var archive = await ArchiveImport.OpenAsync(parseResult.GetValue(_dataFolder), cancellationToken);
            await foreach (var item in items)
            {
                if (await counts.CountAsync(item, error, cancellationToken)
                    && await archive.AddAsync(item, archivedNetwork, cancellationToken) is { } problem)
                {
                    counts.Refused++;
                    await error.WriteLineAsync($"line {item.Line.ToString(CultureInfo.InvariantCulture)}: {problem}".AsMemory(), cancellationToken);
                }
            }

            await archive.FlushAsync(cancellationToken);
            await error.WriteLineAsync(counts.Describe(path).AsMemory(), cancellationToken);
            await error.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"archive {archive.DatabasePath}: {archive.Stored} new post(s) stored, {archive.Edited} edit(s), {archive.Duplicates} already there, {archive.Deleted} post(s) deleted").AsMemory(), cancellationToken);
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
        catch (Exception exception) when (exception is Microsoft.Data.Sqlite.SqliteException or InvalidOperationException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"error: the archive could not be opened or written: {exception.Message}");
            return CliExitCode.Failure;
        }
    }

    /// <summary>Jetstream events, one JSON object per line, read by the live source's reader.</summary>
    private static async IAsyncEnumerable<RecordedItem> ReadJetstreamAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var handles = new BlueskyHandleCache();
        var reader = new Utf8LineReader(stream, JetstreamEventReader.MaxEventBytes);
        while (await reader.ReadLineAsync(cancellationToken))
        {
            var line = reader.LineNumber;
            if (reader.IsTooLong)
            {
                yield return RecordedItem.Refused(line, $"the event is longer than {JetstreamEventReader.MaxEventBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes");
                continue;
            }

            if (reader.Line.Span.Trim(" \t\r"u8).IsEmpty)
            {
                continue;
            }

            if (!JetstreamEventReader.TryRead(reader.Line.Span, handles, out var jetstreamEvent, out var reason))
            {
                yield return RecordedItem.Refused(line, reason ?? "unreadable event");
                continue;
            }

            yield return jetstreamEvent switch
            {
                JetstreamPostEvent created => new RecordedItem(line, created.Post),
                JetstreamRepostEvent repost => new RecordedItem(line, repost.Post),
                JetstreamDeleteEvent deleted => RecordedItem.Deleted(line, Network.Bluesky, deleted.Uri.ToString()),
                _ => RecordedItem.Skipped(line),
            };
        }
    }

    private sealed class ImportCounts
    {
        public int Posts { get; set; }

        public int Deletes { get; set; }

        public int Other { get; set; }

        public int Refused { get; set; }

        /// <summary>Counts an item and reports it when refused; true when it is a post or a delete to act on.</summary>
        public async Task<bool> CountAsync(RecordedItem item, TextWriter error, CancellationToken cancellationToken)
        {
            if (item.Refusal is { } refusal)
            {
                Refused++;
                await error.WriteLineAsync($"line {item.Line.ToString(CultureInfo.InvariantCulture)}: {refusal}".AsMemory(), cancellationToken);
                return false;
            }

            if (item.Post is not null)
            {
                Posts++;
                return true;
            }

            if (item.DeletedRemoteId is not null)
            {
                Deletes++;
                return true;
            }

            Other++;
            return false;
        }

        public string Describe(string path) => string.Create(
            CultureInfo.InvariantCulture,
            $"{path}: {Posts} post(s), {Deletes} delete(s), {Other} other payload(s) skipped (likes, follows, profiles, notifications without a post), {Refused} payload(s) refused");
    }
}

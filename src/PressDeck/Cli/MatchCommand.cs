using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text;
using PressDeck.Core.Lists;
using PressDeck.Core.Query;
using PressDeck.Core.Query.Matching;
using PressDeck.Core.Text;

namespace PressDeck.Cli;

/// <summary>
/// <c>pressdeck match</c> (QUERY-LANGUAGE.md sections 6 and 7, issue 3): prints the posts of a batch-format file that
/// a query matches, or, with <c>--queries</c>, every query/post pair that matches. Results go to the output writer,
/// everything else to the error writer; no database, no web host.
/// </summary>
internal sealed class MatchCommand : Command
{
    public const string VerbName = "match";

    private readonly Option<string> _query = new("--query")
    {
        Description = "The query to match (QUERY-LANGUAGE.md). Prints the id of every matching post, one per line.",
        HelpName = "QUERY",
    };

    private readonly Option<string> _queries = new("--queries")
    {
        Description = "A file of queries, one 'id<TAB>query' per line. Prints 'queryId<TAB>postId' for every match.",
        HelpName = "FILE.tsv",
    };

    private readonly Option<string> _posts = new("--posts")
    {
        Description = "The posts, one JSON object per line.",
        HelpName = "FILE.jsonl",
        Required = true,
    };

    private readonly Option<string> _lists = new("--lists")
    {
        Description = "The lists that list:name refers to, as {\"name\": [\"handle\", ...]}.",
        HelpName = "FILE.json",
    };

    public MatchCommand()
        : base(VerbName, "Print the posts of a JSON Lines file that match a query.")
    {
        Options.Add(_query);
        Options.Add(_queries);
        Options.Add(_posts);
        Options.Add(_lists);
        Validators.Add(RequireOneQuerySource);
        SetAction(RunAsync);
    }

    /// <summary>How a refused query is described, for <c>--query</c> and <c>--queries</c> alike.</summary>
    public static string Describe(QueryError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return $"invalid at position {error.Position.ToString(CultureInfo.InvariantCulture)}: {error.Message}";
    }

    private void RequireOneQuerySource(CommandResult result)
    {
        var hasQuery = result.GetResult(_query) is not null;
        var hasQueries = result.GetResult(_queries) is not null;
        if (hasQuery == hasQueries)
        {
            result.AddError(hasQuery ? "Give --query or --queries, not both." : "Give a query with --query, or a file of queries with --queries.");
        }
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        try
        {
            return await MatchAsync(parseResult, output, error, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return CliExitCode.Canceled;
        }
        catch (IOException exception)
        {
            // A file that went away or a disk error while reading, or a closed output pipe while writing.
            await error.WriteLineAsync($"error: {exception.Message}");
            return CliExitCode.Failure;
        }
    }

    private async Task<int> MatchAsync(ParseResult parseResult, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        IListDirectory lists = ListFile.Empty;
        if (parseResult.GetValue(_lists) is { } listsPath)
        {
            await using var listsStream = await OpenAsync(listsPath, "lists file", error, cancellationToken);
            if (listsStream is null)
            {
                return CliExitCode.Failure;
            }

            var (listFile, listsError) = await ListFile.ReadAsync(listsStream, cancellationToken);
            if (listFile is null)
            {
                await error.WriteLineAsync($"error: the lists file '{listsPath}' is {listsError}".AsMemory(), cancellationToken);
                return CliExitCode.Failure;
            }

            lists = listFile;
        }

        IReadOnlyList<NamedQuery> queries;
        if (parseResult.GetValue(_query) is { } queryText)
        {
            var parsed = QueryParser.Parse(queryText, lists);
            if (!parsed.IsValid)
            {
                await error.WriteLineAsync($"error: the query is {Describe(parsed.Error)}".AsMemory(), cancellationToken);
                return CliExitCode.Usage;
            }

            queries = [new NamedQuery("", parsed.Query)];
        }
        else
        {
            var queriesPath = parseResult.GetRequiredValue(_queries);
            await using var queriesStream = await OpenAsync(queriesPath, "queries file", error, cancellationToken);
            if (queriesStream is null)
            {
                return CliExitCode.Failure;
            }

            using var queriesReader = new StreamReader(queriesStream, new UTF8Encoding(false, throwOnInvalidBytes: true));
            QueryFile queryFile;
            try
            {
                queryFile = await QueryFile.ReadAsync(queriesReader, queriesPath, lists, cancellationToken);
            }
            catch (DecoderFallbackException)
            {
                await error.WriteLineAsync($"error: the queries file '{queriesPath}' is not valid UTF-8".AsMemory(), cancellationToken);
                return CliExitCode.Usage;
            }

            // QUERY-LANGUAGE.md section 7: every query is checked first; one bad query means no matching at all.
            foreach (var message in queryFile.Errors)
            {
                await error.WriteLineAsync($"error: {message}".AsMemory(), cancellationToken);
            }

            if (queryFile.Errors.Count > 0)
            {
                return CliExitCode.Usage;
            }

            queries = queryFile.Queries;
        }

        var postsPath = parseResult.GetRequiredValue(_posts);
        await using var postsStream = await OpenAsync(postsPath, "posts file", error, cancellationToken);
        if (postsStream is null)
        {
            return CliExitCode.Failure;
        }

        var posts = new PostFileReader(postsStream, postsPath, error);
        await WriteMatchesAsync(posts, queries, lists, printQueryIds: parseResult.GetResult(_queries) is not null, output, cancellationToken);
        await output.FlushAsync(cancellationToken);
        if (posts.SkippedLines > 0)
        {
            await error.WriteLineAsync($"{posts.SkippedLines.ToString(CultureInfo.InvariantCulture)} line(s) of '{postsPath}' skipped".AsMemory(), cancellationToken);
        }

        return CliExitCode.Success;
    }

    private static async Task WriteMatchesAsync(PostFileReader posts, IReadOnlyList<NamedQuery> queries, IListDirectory lists, bool printQueryIds, TextWriter output, CancellationToken cancellationToken)
    {
        // Queries are known to the matcher by their index in file order, so sorting the indexes of a post's matches
        // puts them in file order; the matcher reports them in no particular order.
        var matcher = new QueryMatcher(lists);
        for (var index = 0; index < queries.Count; index++)
        {
            matcher.Set(index, queries[index].Query);
        }

        var matches = new List<int>();
        await foreach (var post in posts.ReadAllAsync(cancellationToken))
        {
            matches.Clear();
            matcher.Match(PostAnalyzer.Analyze(post), matches);
            matches.Sort();
            foreach (var index in matches)
            {
                var line = printQueryIds ? $"{queries[index].Id}\t{post.RemoteId}" : post.RemoteId;
                await output.WriteLineAsync(line.AsMemory(), cancellationToken);
            }
        }
    }

    /// <summary>Opens an input file, or says clearly on <paramref name="error"/> why it cannot be read and returns null.</summary>
    /// <summary>Opens a file named on the command line, or tells why it cannot be read and returns null.</summary>
    internal static async Task<FileStream?> OpenAsync(string path, string description, TextWriter error, CancellationToken cancellationToken)
    {
        string? problem;
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            problem = "does not exist";
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            problem = $"cannot be read: {exception.Message}";
        }

        await error.WriteLineAsync($"error: the {description} '{path}' {problem}".AsMemory(), cancellationToken);
        return null;
    }
}

using PressDeck.Core.Lists;
using PressDeck.Core.Query;

namespace PressDeck.Cli;

/// <summary>
/// The batch tool's <c>--queries</c> file (QUERY-LANGUAGE.md sections 6 and 7): one <c>id&lt;TAB&gt;query</c> per line,
/// blank lines ignored. Every query is checked before any post is matched; the file is only usable when
/// <see cref="Errors"/> is empty.
/// </summary>
internal sealed class QueryFile
{
    private QueryFile(IReadOnlyList<NamedQuery> queries, IReadOnlyList<string> errors)
    {
        Queries = queries;
        Errors = errors;
    }

    /// <summary>The valid queries, in file order.</summary>
    public IReadOnlyList<NamedQuery> Queries { get; }

    /// <summary>One message per refused line, in file order, each naming the line and, when it has one, the query id.</summary>
    public IReadOnlyList<string> Errors { get; }

    public static async Task<QueryFile> ReadAsync(TextReader reader, string fileName, IListDirectory lists, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var queries = new List<NamedQuery>();
        var errors = new List<string>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var lineNumber = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var where = $"{fileName} line {lineNumber}";
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            var id = tab < 0 ? "" : line[..tab].Trim();
            if (id.Length == 0)
            {
                errors.Add($"{where}: expected a query id, a tab and the query");
                continue;
            }

            // Output lines are "queryId<TAB>postId", so an id must be told apart from the one beside it.
            if (!ids.Add(id))
            {
                errors.Add($"{where}: query {id}: the id is used by an earlier line");
                continue;
            }

            var result = QueryParser.Parse(line[(tab + 1)..], lists);
            if (result.IsValid)
            {
                queries.Add(new NamedQuery(id, result.Query));
            }
            else
            {
                errors.Add($"{where}: query {id}: {MatchCommand.Describe(result.Error)}");
            }
        }

        return new QueryFile(queries, errors);
    }
}

using System.Collections.Immutable;
using Microsoft.EntityFrameworkCore;
using PressDeck.Core.Query;
using PressDeck.Core.Text;
using PressDeck.Data;
using PressDeck.Monitoring.Lists;

namespace PressDeck.Monitoring.Live;

/// <summary>
/// Every column's query, compiled once, checked against each new post. Changes swap an immutable map, so columns are
/// added, edited and removed while posts flow without pausing ingest. (The indexed presearcher that scales this to
/// tens of thousands of queries is issue 3; this checks each query in turn.)
/// </summary>
public sealed partial class StandingQueries(IServiceScopeFactory scopeFactory, ListDirectory lists, ILogger<StandingQueries> logger)
{
    private ImmutableDictionary<int, CompiledQuery> _queries = ImmutableDictionary<int, CompiledQuery>.Empty;

    public int Count => _queries.Count;

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var columns = await db.Columns.AsNoTracking().Select(c => new { c.Id, c.Query }).ToListAsync(cancellationToken);
        var builder = ImmutableDictionary.CreateBuilder<int, CompiledQuery>();
        foreach (var column in columns)
        {
            var parsed = QueryParser.Parse(column.Query, lists);
            if (parsed.Query is null)
            {
                LogInvalidStoredQuery(column.Id, parsed.Error?.Message);
                continue;
            }

            builder[column.Id] = CompiledQuery.Compile(parsed.Query);
        }

        _queries = builder.ToImmutable();
    }

    public void Set(int columnId, QueryNode query) =>
        ImmutableInterlocked.AddOrUpdate(ref _queries, columnId, CompiledQuery.Compile(query), (_, _) => CompiledQuery.Compile(query));

    public void Remove(int columnId) => ImmutableInterlocked.TryRemove(ref _queries, columnId, out _);

    /// <summary>The ids of the columns whose query matches the post.</summary>
    public List<int> Match(AnalyzedPost post)
    {
        var matched = new List<int>();
        foreach (var (columnId, query) in _queries)
        {
            if (query.Matches(post, lists))
            {
                matched.Add(columnId);
            }
        }

        return matched;
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Warning, Message = "Column {ColumnId} has a query that no longer parses and is not matched: {Error}")]
    private partial void LogInvalidStoredQuery(int columnId, string? error);
}

using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using PressDeck.Core.Query;
using PressDeck.Core.Query.Matching;
using PressDeck.Core.Text;
using PressDeck.Data;
using PressDeck.Monitoring.Lists;

namespace PressDeck.Monitoring.Live;

/// <summary>
/// Every column's query in Core's <see cref="QueryMatcher"/>, which indexes the queries so each new post is checked only
/// against those that could match it. Columns are added, edited and removed while posts flow, without pausing ingest.
/// </summary>
public sealed partial class StandingQueries(IServiceScopeFactory scopeFactory, ListDirectory lists, ILogger<StandingQueries> logger)
{
    private readonly QueryMatcher _matcher = new(lists);
    private readonly ConcurrentDictionary<int, QueryNode> _queries = new();

    /// <summary>Raised after a query is set or removed, for sources that follow the queries (X stream rules).</summary>
    public event Action? Changed;

    /// <summary>Every standing query now, by column id.</summary>
    public IReadOnlyList<KeyValuePair<int, QueryNode>> Queries => [.. _queries.OrderBy(query => query.Key)];

    public int Count => _matcher.Count;

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var columns = await db.Columns.AsNoTracking().Select(c => new { c.Id, c.Query, Owner = c.Deck!.OwnerUserId }).ToListAsync(cancellationToken);
        // Trainees' columns match the training sandbox (the demo network) only.
        var trainees = (await (from userRole in db.UserRoles
                               join role in db.Roles on userRole.RoleId equals role.Id
                               where role.Name == Team.Roles.Trainee
                               select userRole.UserId).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            var parsed = QueryParser.Parse(column.Query, lists);
            if (parsed.Query is null)
            {
                LogInvalidStoredQuery(column.Id, parsed.Error?.Message);
                continue;
            }

            var query = column.Owner is { } owner && trainees.Contains(owner) ? Deck.Sandbox.Restrict(parsed.Query) : parsed.Query;
            _matcher.Set(column.Id, query);
            _queries[column.Id] = query;
        }

        Changed?.Invoke();
    }

    public void Set(int columnId, QueryNode query)
    {
        _matcher.Set(columnId, query);
        _queries[columnId] = query;
        Changed?.Invoke();
    }

    public void Remove(int columnId)
    {
        _matcher.Remove(columnId);
        _queries.TryRemove(columnId, out _);
        Changed?.Invoke();
    }

    /// <summary>Appends the ids of the columns whose query matches the post.</summary>
    public void Match(AnalyzedPost post, List<int> columnIds) => _matcher.Match(post, columnIds);

    [LoggerMessage(EventId = 300, Level = LogLevel.Warning, Message = "Column {ColumnId} has a query that no longer parses and is not matched: {Error}")]
    private partial void LogInvalidStoredQuery(int columnId, string? error);
}

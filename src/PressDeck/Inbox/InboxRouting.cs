using Microsoft.EntityFrameworkCore;
using PressDeck.Core.Query;
using PressDeck.Core.Text;
using PressDeck.Data;
using PressDeck.Data.Inbox;
using PressDeck.Monitoring.Lists;

namespace PressDeck.Inbox;

/// <summary>
/// The office's routing rules, parsed once and kept in memory: the first rule (in the office's order) whose query
/// matches a new item sends it to a desk or an officer. A stored rule that no longer parses (a list was deleted) is
/// skipped and shown as broken on the rules page.
/// </summary>
public sealed partial class InboxRouting(IServiceScopeFactory scopeFactory, ListDirectory lists, ILogger<InboxRouting> logger)
{
    private volatile IReadOnlyList<(InboxRule Rule, CompiledQuery Query)>? _rules;

    /// <summary>The rule that routes the post, or null.</summary>
    public async Task<InboxRule?> RouteAsync(AnalyzedPost post, CancellationToken cancellationToken)
    {
        var rules = _rules ?? await LoadAsync(cancellationToken);
        foreach (var (rule, query) in rules)
        {
            if (query.Matches(post, lists))
            {
                return rule;
            }
        }

        return null;
    }

    /// <summary>Reads the rules again (after they were changed).</summary>
    public void Invalidate() => _rules = null;

    private async Task<IReadOnlyList<(InboxRule, CompiledQuery)>> LoadAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var stored = await db.InboxRules.AsNoTracking().OrderBy(r => r.Position).ThenBy(r => r.Id).ToListAsync(cancellationToken);
        var rules = new List<(InboxRule, CompiledQuery)>(stored.Count);
        foreach (var rule in stored)
        {
            var parsed = QueryParser.Parse(rule.Query, lists);
            if (parsed.Query is null)
            {
                LogBrokenRule(rule.Name, parsed.Error?.Message);
                continue;
            }

            rules.Add((rule, CompiledQuery.Compile(parsed.Query)));
        }

        _rules = rules;
        return rules;
    }

    [LoggerMessage(EventId = 4701, Level = LogLevel.Warning, Message = "Inbox rule {Name} no longer parses and is skipped: {Error}")]
    private partial void LogBrokenRule(string name, string? error);
}

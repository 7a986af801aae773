using System.Globalization;
using Microsoft.Extensions.Options;
using PressDeck.Connectors.X;
using PressDeck.Core.Posts;
using PressDeck.Monitoring.Ingest;
using PressDeck.Monitoring.Live;
using PressDeck.Monitoring.Sources;

namespace PressDeck.Monitoring.X;

/// <summary>
/// Feeds X's filtered stream into the ingest pipeline when X is configured (an app bearer token; without one nothing
/// starts, so PressDeck never needs X). The stream's rules follow the columns: PressDeck's standing queries are
/// translated into X rules within the tier's limits and reconciled at start and a few seconds after any column changes;
/// PressDeck's own matcher still decides which column each post belongs to. X keeps no cursor, so the resume point is the
/// highest post id committed: after a restart each rule's missed posts are fetched by recent search from that id
/// (bounded), and the archive drops what comes twice.
/// </summary>
internal sealed partial class XSource(
    XStreamClient stream,
    XStreamRulesClient rules,
    XApiClient api,
    StandingQueries standingQueries,
    IngestChannel channel,
    IServiceScopeFactory scopeFactory,
    SourceRegistry sources,
    IOptions<XOptions> options,
    TimeProvider time,
    ILogger<XSource> logger) : BackgroundService
{
    public const string SourceName = "x-stream";

    /// <summary>Column changes are gathered this long before the rules are reconciled, so a burst of edits is one call.</summary>
    private static readonly TimeSpan RulesSettle = TimeSpan.FromSeconds(3);

    /// <summary>Search pages per rule when catching up after a restart (recent search costs; the stream is the main road).</summary>
    private const int CatchUpPagesPerRule = 3;

    private const int CatchUpRules = 10;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (XBearerToken.FromOptions(options.Value) is not { } token)
        {
            return;
        }

        try
        {
            using var control = new SourceControl(SourceName, "X filtered stream", Network.X, time, () => stream.State);
            await sources.RegisterAsync(control, stoppingToken);
            await control.RunAsync(
                cancellationToken => RunAsync(token, cancellationToken),
                stoppingToken,
                exception => LogFailed(exception, SourceControl.RestartAfterFault.TotalSeconds));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RunAsync(IXTokenSource token, CancellationToken cancellationToken)
    {
        var changed = new SemaphoreSlim(0);
        void OnChanged() => changed.Release();
        standingQueries.Changed += OnChanged;
        try
        {
            var translator = new XRuleTranslator(XRuleLimits.From(options.Value));
            var wanted = await SyncRulesAsync(translator, token, cancellationToken);
            var syncing = FollowColumnsAsync(translator, token, changed, cancellationToken);
            var sinceId = await SourceCheckpoints.ReadTextAsync(scopeFactory, SourceName, cancellationToken);
            if (sinceId is not null)
            {
                sinceId = await CatchUpAsync(wanted, sinceId, token, cancellationToken);
            }

            await foreach (var item in stream.ReadAsync(token, cancellationToken))
            {
                if (item.RefusedBecause is { } refused)
                {
                    LogRefused(refused);
                    continue;
                }

                foreach (var refusal in item.Result!.Refusals)
                {
                    LogRefused(refusal.Reason);
                }

                sinceId = await ForwardAsync(item.Result.Posts, sinceId, cancellationToken);
            }

            await syncing;
        }
        finally
        {
            standingQueries.Changed -= OnChanged;
            changed.Dispose();
        }
    }

    private async Task FollowColumnsAsync(XRuleTranslator translator, IXTokenSource token, SemaphoreSlim changed, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await changed.WaitAsync(cancellationToken);
                await Task.Delay(RulesSettle, time, cancellationToken);
                while (changed.CurrentCount > 0)
                {
                    await changed.WaitAsync(cancellationToken);
                }

                await SyncRulesAsync(translator, token, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Makes X's rules those the columns need now; a failure is logged and tried again at the next change or restart.</summary>
    private async Task<IReadOnlyList<XRule>> SyncRulesAsync(XRuleTranslator translator, IXTokenSource token, CancellationToken cancellationToken)
    {
        var plan = translator.Plan([.. standingQueries.Queries.Select(query => new XStandingQuery(query.Key.ToString(CultureInfo.InvariantCulture), query.Value))]);
        foreach (var refused in plan.Queries.Where(query => query.Outcome == XTranslationOutcome.Refused))
        {
            LogUntranslatable(refused.QueryId, refused.Reason ?? "");
        }

        try
        {
            var (_, result) = await new XRuleReconciler(rules).ApplyAsync(plan.Rules, dryRun: false, token, cancellationToken);
            LogRulesSynced(plan.Rules.Count, result.Created.Count, result.Deleted, result.Problems.Count);
        }
        catch (HttpRequestException exception)
        {
            // XApiException and unreachable alike: the stream still runs on the rules X has; tried again at the next change.
            LogRulesFailed(exception.Message);
        }

        return plan.Rules;
    }

    /// <summary>Fetches what each rule missed since <paramref name="sinceId"/> by recent search, newest rules first, bounded.</summary>
    private async Task<string?> CatchUpAsync(IReadOnlyList<XRule> wanted, string sinceId, IXTokenSource token, CancellationToken cancellationToken)
    {
        var newest = sinceId;
        foreach (var rule in wanted.Where(rule => rule.Value.Length <= XApiClient.MaxSearchQueryLength).Take(CatchUpRules))
        {
            try
            {
                await foreach (var page in api.SearchRecentPagesAsync(rule.Value, sinceId, CatchUpPagesPerRule, token, cancellationToken))
                {
                    newest = await ForwardAsync(page.Posts, newest, cancellationToken);
                }
            }
            catch (HttpRequestException exception)
            {
                LogCatchUpFailed(rule.Value, exception.Message);
                break;
            }
        }

        return newest;
    }

    private async Task<string?> ForwardAsync(IReadOnlyList<Post> posts, string? newest, CancellationToken cancellationToken)
    {
        foreach (var post in posts)
        {
            if (IsNewer(post.RemoteId, newest))
            {
                newest = post.RemoteId;
            }

            await channel.WriteAsync(IngestItem.FromPost(SourceName, post, newest), cancellationToken);
        }

        return newest;
    }

    /// <summary>X ids are decimal snowflakes that grow with time: a longer id is newer, and equal lengths compare as text.</summary>
    private static bool IsNewer(string id, string? than) =>
        than is null || id.Length > than.Length || (id.Length == than.Length && string.CompareOrdinal(id, than) > 0);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Warning, Message = "X: skipped a post PressDeck cannot read: {Reason}")]
    private partial void LogRefused(string reason);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Information, Message = "X: {Wanted} stream rules for the columns ({Created} added, {Deleted} removed, {Problems} problems)")]
    private partial void LogRulesSynced(int wanted, int created, int deleted, int problems);

    [LoggerMessage(EventId = 4203, Level = LogLevel.Warning, Message = "X: column {ColumnId} cannot be followed on X: {Reason}")]
    private partial void LogUntranslatable(string columnId, string reason);

    [LoggerMessage(EventId = 4204, Level = LogLevel.Warning, Message = "X: the stream rules could not be updated: {Reason}")]
    private partial void LogRulesFailed(string reason);

    [LoggerMessage(EventId = 4206, Level = LogLevel.Error, Message = "X: the stream failed; starting again in {Seconds} s")]
    private partial void LogFailed(Exception exception, double seconds);

    [LoggerMessage(EventId = 4205, Level = LogLevel.Warning, Message = "X: catching up on rule {Rule} failed: {Reason}")]
    private partial void LogCatchUpFailed(string rule, string reason);
}

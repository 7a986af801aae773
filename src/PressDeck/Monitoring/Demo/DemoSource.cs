using System.Globalization;
using Microsoft.Extensions.Options;
using PressDeck.Connectors.Demo;
using PressDeck.Core.Posts;
using PressDeck.Monitoring.Ingest;
using PressDeck.Monitoring.Sources;

namespace PressDeck.Monitoring.Demo;

/// <summary>
/// Feeds the demo network into the ingest pipeline. Its resume point is the sequence number of the next post, saved
/// with each committed batch, so after a restart it carries on where it stopped instead of repeating itself. On the very
/// first start it backfills a few hours of posts so the deck is not empty.
/// </summary>
internal sealed partial class DemoSource(
    DemoNetwork network,
    IngestChannel channel,
    IServiceScopeFactory scopeFactory,
    SourceRegistry sources,
    IOptions<DemoOptions> options,
    TimeProvider time,
    ILogger<DemoSource> logger) : BackgroundService
{
    public const string SourceName = "demo";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            LogDisabled();
            return;
        }

        try
        {
            using var control = new SourceControl(SourceName, "Demo network (simulated)", Network.Demo, time);
            await sources.RegisterAsync(control, stoppingToken);
            await control.RunAsync(RunAsync, stoppingToken, exception => LogFailed(exception, SourceControl.RestartAfterFault.TotalSeconds));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Carries on from the committed resume point (backfilling on the very first start) until cancelled.</summary>
    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var resumeAt = await SourceCheckpoints.ReadNumberAsync(scopeFactory, SourceName, cancellationToken);
        if (resumeAt is { } next)
        {
            network.ResumeAt(next);
            LogResumed(next);
        }
        else if (options.Value.BackfillCount > 0)
        {
            foreach (var post in network.Backfill(options.Value.BackfillCount, time.GetUtcNow().UtcDateTime))
            {
                await channel.WriteAsync(IngestItem.FromPost(SourceName, post, CheckpointAfter(post.RemoteId)), cancellationToken);
            }

            LogBackfilled(options.Value.BackfillCount);
        }

        await foreach (var post in network.StreamAsync(cancellationToken))
        {
            await channel.WriteAsync(IngestItem.FromPost(SourceName, post, CheckpointAfter(post.RemoteId)), cancellationToken);
        }
    }

    /// <summary>Generated posts carry the next sequence as their resume point; published posts carry none.</summary>
    private string? CheckpointAfter(string remoteId) =>
        network.Factory.TryGetSequence(remoteId, out var sequence) ? (sequence + 1).ToString(CultureInfo.InvariantCulture) : null;

    [LoggerMessage(EventId = 700, Level = LogLevel.Information, Message = "The demo network is switched off (Demo:Enabled = false)")]
    private partial void LogDisabled();

    [LoggerMessage(EventId = 701, Level = LogLevel.Information, Message = "The demo network resumes at post {Sequence}")]
    private partial void LogResumed(long sequence);

    [LoggerMessage(EventId = 702, Level = LogLevel.Information, Message = "The demo network backfilled {Count} posts")]
    private partial void LogBackfilled(int count);

    [LoggerMessage(EventId = 703, Level = LogLevel.Error, Message = "The demo network failed; starting it again in {Seconds} s")]
    private partial void LogFailed(Exception exception, double seconds);
}

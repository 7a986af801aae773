using Microsoft.Extensions.Options;

namespace PressDeck.Publishing;

/// <summary>
/// Runs the <see cref="PostSender"/>: at start-up (which resolves anything a crash left half-sent and holds or sends posts
/// whose time passed while PressDeck was down), then whenever something falls due or a post is approved.
/// </summary>
public sealed partial class PublishingWorker(PostSender sender, ApprovalNotifier notifier, PublishingSignal signal, TimeProvider timeProvider, IOptions<PublishingOptions> options, ILogger<PublishingWorker> logger)
    : BackgroundService
{
    /// <summary>The longest sleep, so that changes made by another node are picked up.</summary>
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.SendOnThisNode)
        {
            LogNotSending(logger);
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var wake = signal.NextWake();
            try
            {
                await sender.SendDueAsync(stoppingToken);
                await notifier.EscalateAsync(stoppingToken);
                var next = await sender.NextDueAsync(stoppingToken);
                var wait = next is { } due ? due - timeProvider.GetUtcNow().UtcDateTime : LongestWait;
                wait = wait < TimeSpan.Zero ? TimeSpan.Zero : wait > LongestWait ? LongestWait : wait;
                if (wait > TimeSpan.Zero)
                {
                    await Task.WhenAny(wake, Task.Delay(wait, timeProvider, stoppingToken));
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The worker must outlive a database hiccup; it logs and tries again.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogLoopFailed(logger, exception);
                await Task.Delay(LongestWait, timeProvider, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "This node does not send posts (Publishing:SendOnThisNode is false)")]
    private static partial void LogNotSending(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Publishing loop failed; trying again shortly")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception);
}

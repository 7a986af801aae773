using Microsoft.Extensions.Logging;

namespace PressDeck.Connectors.Demo;

internal static partial class Log
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Demo stream started at sequence {Sequence}, {PostsPerSecond} posts/s")]
    public static partial void DemoStreamStarted(ILogger logger, long sequence, double postsPerSecond);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Demo rate changed to {PostsPerSecond} posts/s")]
    public static partial void DemoRateChanged(ILogger logger, double postsPerSecond);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Demo post {RemoteId} published by {Handle}")]
    public static partial void DemoPostPublished(ILogger logger, string remoteId, string handle);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Debug, Message = "Demo stream fell behind and skipped {Skipped} posts")]
    public static partial void DemoPostsSkipped(ILogger logger, long skipped);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information, Message = "Demo backfill of {Count} posts from sequence {Sequence}")]
    public static partial void DemoBackfilled(ILogger logger, int count, long sequence);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Information, Message = "Demo post {RemoteId} deleted")]
    public static partial void DemoPostDeleted(ILogger logger, string remoteId);
}

namespace PressDeck.Connectors;

/// <summary>What a network source is doing, for the admin page and the logs.</summary>
public enum SourceActivity
{
    Stopped,

    Connecting,

    Connected,

    /// <summary>Waiting to reconnect after a failure (see <see cref="SourceState.RetryAt"/> and <see cref="SourceState.LastError"/>).</summary>
    Reconnecting,

    /// <summary>The network asked PressDeck to wait (HTTP 429 or its rate-limit headers) until <see cref="SourceState.RetryAt"/>.</summary>
    RateLimited,

    /// <summary>An admin paused the source; it resumes from its stored point when started again.</summary>
    Paused,
}

/// <summary>A source's state at one moment. Immutable.</summary>
public sealed record SourceState(SourceActivity Activity, DateTimeOffset Since, string? LastError = null, DateTimeOffset? RetryAt = null);

namespace PressDeck.Core.Publishing;

/// <summary>
/// A post could not be published. <see cref="Exception.Message"/> is the network's own words where it gave any (e.g.
/// Mastodon's "Validation failed: Text character limit of 500 exceeded"), prefixed by what PressDeck was doing, so
/// the author sees the real reason.
/// </summary>
public sealed class PublishException : Exception
{
    public PublishException(PublishFailureKind kind, string message, Exception? innerException = null, TimeSpan? retryAfter = null)
        : base(message, innerException)
    {
        Kind = kind;
        RetryAfter = retryAfter;
    }

    public PublishException()
        : this(PublishFailureKind.Refused, "The post could not be published.")
    {
    }

    public PublishException(string message)
        : this(PublishFailureKind.Refused, message)
    {
    }

    public PublishException(string message, Exception innerException)
        : this(PublishFailureKind.Refused, message, innerException)
    {
    }

    public PublishFailureKind Kind { get; }

    /// <summary>How long the network asked us to wait (Retry-After, rate-limit reset), when it said.</summary>
    public TimeSpan? RetryAfter { get; }
}

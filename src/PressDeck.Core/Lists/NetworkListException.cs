namespace PressDeck.Core.Lists;

/// <summary>A network refused or could not answer a list request. <see cref="Exception.Message"/> says what PressDeck was doing and the network's words.</summary>
public sealed class NetworkListException : Exception
{
    public NetworkListException()
        : this("The network could not be asked about the list.")
    {
    }

    public NetworkListException(string message)
        : base(message)
    {
    }

    public NetworkListException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>How long the network asked us to wait, when it was a rate limit.</summary>
    public TimeSpan? RetryAfter { get; init; }
}

namespace PressDeck.Publishing;

/// <summary>Something a person tried with a draft that cannot be done; the message says why, in words to show them.</summary>
public sealed class DraftException : Exception
{
    public DraftException()
    {
    }

    public DraftException(string message)
        : base(message)
    {
    }

    public DraftException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

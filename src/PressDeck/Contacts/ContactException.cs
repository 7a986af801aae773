namespace PressDeck.Contacts;

/// <summary>Something a person asked of the contacts directory that cannot be done; the message says why, in words to show them.</summary>
public sealed class ContactException : Exception
{
    public ContactException()
    {
    }

    public ContactException(string message)
        : base(message)
    {
    }

    public ContactException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

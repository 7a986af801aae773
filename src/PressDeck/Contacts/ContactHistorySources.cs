namespace PressDeck.Contacts;

/// <summary>The values of <see cref="ContactHistoryItem.Source"/>.</summary>
public static class ContactHistorySources
{
    /// <summary>A post by one of the contact's handles that mentions, replies to or quotes the office.</summary>
    public const string Post = "post";

    /// <summary>An interaction an officer logged by hand.</summary>
    public const string Logged = "logged";

    /// <summary>A question of theirs in the inbox, or an enquiry from them logged there, with how it was dealt with.</summary>
    public const string Inbox = "inbox";
}

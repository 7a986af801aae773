namespace PressDeck.Contacts;

/// <summary>
/// One place a contact's history comes from. <see cref="ContactHistory"/> merges every registered source into one
/// time-ordered list; a feature that records dealings with contacts (the inbox's enquiries) registers its own.
/// </summary>
public interface IContactHistorySource
{
    /// <summary>The source's entries for the contact, newest first, at most <see cref="ContactHistoryQuery.Limit"/>.</summary>
    Task<IReadOnlyList<ContactHistoryItem>> ReadAsync(ContactHistoryQuery query, CancellationToken cancellationToken);
}

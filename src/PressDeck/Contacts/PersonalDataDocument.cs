namespace PressDeck.Contacts;

/// <summary>The person export as JSON: what is held, where it came from, and when it was exported (UTC).</summary>
public sealed record PersonalDataDocument(
    DateTime ExportedAt,
    PersonalDataContact Contact,
    IReadOnlyList<PersonalDataHandle> Handles,
    IReadOnlyList<PersonalDataInteraction> Interactions,
    IReadOnlyList<PersonalDataHistoryItem> History,
    IReadOnlyList<PersonalDataListMembership> ListMemberships);

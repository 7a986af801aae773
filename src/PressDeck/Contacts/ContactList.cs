namespace PressDeck.Contacts;

/// <summary>The contacts a search finds, by name, at most the page's worth, and how many it found in all.</summary>
public sealed record ContactList(IReadOnlyList<ContactSummary> Contacts, int Total);

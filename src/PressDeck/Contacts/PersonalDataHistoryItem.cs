namespace PressDeck.Contacts;

/// <summary>One entry of the person's history with the office (<see cref="ContactHistoryItem"/>) in the person export.</summary>
public sealed record PersonalDataHistoryItem(DateTime At, string Source, string Kind, string Summary, string? LoggedBy, string? Network, string? Handle, string? Url);

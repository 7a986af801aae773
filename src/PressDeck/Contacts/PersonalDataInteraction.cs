namespace PressDeck.Contacts;

/// <summary>An interaction logged by hand, in the person export, with who logged it.</summary>
public sealed record PersonalDataInteraction(DateTime At, string Kind, string Summary, string LoggedBy);

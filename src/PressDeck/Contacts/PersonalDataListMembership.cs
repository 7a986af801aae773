namespace PressDeck.Contacts;

/// <summary>A list of the office's that one of the person's handles is on, with the name and note the list holds for them.</summary>
public sealed record PersonalDataListMembership(string List, string Network, string Handle, string NameOnList, string? Note);

namespace PressDeck.Contacts;

/// <summary>One of the person's handles in the person export.</summary>
public sealed record PersonalDataHandle(string Network, string Handle);

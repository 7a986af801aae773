namespace PressDeck.Contacts;

/// <summary>The contact's own fields in the person export; instants in UTC.</summary>
public sealed record PersonalDataContact(
    int Id, string Name, string Outlet, string Beat, string Email, string Phone, string Notes, DateTime CreatedAt, DateTime UpdatedAt, DateTime? LastInteractionAt);

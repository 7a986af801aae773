namespace PressDeck.Data.Contacts;

/// <summary>
/// A journalist or other contact of the office: personal data (SECURITY.md), so it is kept only while the office works
/// with the person (<see cref="LastInteractionAt"/> drives the retention review) and can be erased or exported whole.
/// </summary>
public sealed class Contact
{
    public const int NameLength = 200;
    public const int OutletLength = 200;
    public const int BeatLength = 200;
    public const int EmailLength = 254;
    public const int PhoneLength = 50;
    public const int NotesLength = 8000;

    public int Id { get; set; }

    public string Name { get; set; } = "";

    public string Outlet { get; set; } = "";

    public string Beat { get; set; } = "";

    public string Email { get; set; } = "";

    public string Phone { get; set; } = "";

    public string Notes { get; set; } = "";

    /// <summary>
    /// Lower-case name, outlet, beat, email and handles, so a search is one portable <c>Contains</c> on both databases
    /// (SQLite's LIKE and PostgreSQL's differ on case). Kept up to date by the contacts service on every change.
    /// </summary>
    public string SearchText { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>The latest interaction known (logged by hand, or a post found in the archive by the retention review); null when none.</summary>
    public DateTime? LastInteractionAt { get; set; }

    public List<ContactHandle> Handles { get; set; } = [];

    public List<ContactInteraction> Interactions { get; set; } = [];
}

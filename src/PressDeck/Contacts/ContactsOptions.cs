using System.ComponentModel.DataAnnotations;

namespace PressDeck.Contacts;

/// <summary>The contacts directory's settings (section <c>Contacts</c>).</summary>
public sealed class ContactsOptions
{
    public const string Section = "Contacts";

    /// <summary>
    /// Months without any interaction after which a contact is listed for review and may be purged (SECURITY.md: personal
    /// data is not kept longer than the office works with the person).
    /// </summary>
    [Range(1, 240)]
    public int RetentionMonths { get; set; } = 24;
}

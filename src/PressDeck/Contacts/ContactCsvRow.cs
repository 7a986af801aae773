namespace PressDeck.Contacts;

/// <summary>One row of a contacts CSV file: the line it starts on, and its fields, or why it could not be read (then <see cref="Form"/> is null).</summary>
public sealed record ContactCsvRow(long Line, ContactForm? Form, IReadOnlyList<string> Problems);

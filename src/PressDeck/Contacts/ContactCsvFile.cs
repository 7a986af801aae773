namespace PressDeck.Contacts;

/// <summary>A contacts CSV file as read: an error that stops the whole file, or its unknown columns and rows.</summary>
public sealed record ContactCsvFile(string? Error, IReadOnlyList<string> UnknownColumns, IReadOnlyList<ContactCsvRow> Rows)
{
    public static ContactCsvFile Failed(string error) => new(error, [], []);
}

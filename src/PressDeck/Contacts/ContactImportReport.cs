namespace PressDeck.Contacts;

/// <summary>
/// What an import found (the preview) or did (the import): an error that stops the whole file, or the rows read, the good
/// ones (the first few shown as they will be stored), every bad row with its line and reasons, and the columns ignored.
/// </summary>
/// <param name="Rows">Rows with something in them.</param>
/// <param name="Good">Rows that can be (in the preview) or were (after the import) stored.</param>
/// <param name="Imported">Contacts stored: 0 for a preview, and for an import that failed as a whole.</param>
public sealed record ContactImportReport(
    string? Error,
    int Rows,
    int Good,
    IReadOnlyList<CheckedContact> FirstRows,
    IReadOnlyList<ContactImportProblem> Problems,
    IReadOnlyList<string> UnknownColumns,
    int Imported)
{
    public static ContactImportReport Failed(string error) => new(error, 0, 0, [], [], [], 0);
}

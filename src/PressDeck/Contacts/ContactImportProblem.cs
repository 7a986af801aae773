namespace PressDeck.Contacts;

/// <summary>A row that is not imported: its line in the file, the name it gives (if any), and every reason, in words.</summary>
public sealed record ContactImportProblem(long Line, string Name, IReadOnlyList<string> Reasons)
{
    public string Reason => string.Join("; ", Reasons);
}

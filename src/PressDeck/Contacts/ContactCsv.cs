using System.Text.Unicode;
using CsvHelper;
using PressDeck.Core.Posts;
using PressDeck.Data.Contacts;

namespace PressDeck.Contacts;

/// <summary>
/// The contacts CSV file: a header row naming the columns (any order, any case; unknown columns are reported and
/// ignored), then one contact per row. A handle cell may hold several handles separated by spaces. The export writes the
/// same columns, so an exported file imports again; a cell that a spreadsheet would run as a formula is written with a
/// leading apostrophe, which the import takes off again.
/// </summary>
public static class ContactCsv
{
    public const string Name = "name";
    public const string Outlet = "outlet";
    public const string Beat = "beat";
    public const string Email = "email";
    public const string Phone = "phone";
    public const string Bluesky = "bluesky";
    public const string Mastodon = "mastodon";
    public const string X = "x";
    public const string Notes = "notes";

    /// <summary>The columns, in the order the export writes them.</summary>
    public static readonly IReadOnlyList<string> Columns = [Name, Outlet, Beat, Email, Phone, Bluesky, Mastodon, X, Notes];

    /// <summary>The characters a spreadsheet takes as the start of a formula (OWASP's list), escaped on export.</summary>
    private const string FormulaStarts = "=+-@\t\r";

    private static readonly (string Column, Network Network)[] HandleColumns = [(Bluesky, Network.Bluesky), (Mastodon, Network.Mastodon), (X, Network.X)];

    /// <summary>Reads a whole file. Never throws on bad content: a file that cannot be read at all has <see cref="ContactCsvFile.Error"/>.</summary>
    public static ContactCsvFile Read(byte[] content, int maxRows)
    {
        ArgumentNullException.ThrowIfNull(content);
        var malformed = new Dictionary<long, CsvMalformedReason>();
        var options = CsvReaderOptions.Default with
        {
            Separator = ',',
            HasHeader = true,
            TrackLineNumbers = true,
            DetectSeparatorHint = false,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            MalformedData = CsvMalformedDataHandling.Recover,
            OnMalformedRecord = record => malformed.TryAdd(record.LineNumber, record.Reason),
            IncludeValuesInExceptions = false,
        };
        using var reader = CsvReader.Create(content, options);
        var rows = new List<ContactCsvRow>();
        List<string> header;
        try
        {
            header = reader.Headers.Select(h => h.Trim().ToLowerInvariant()).ToList();
        }
        catch (CsvFormatException)
        {
            return ContactCsvFile.Failed("The first line could not be read as a header of column names.");
        }

        if (header.Count == 0 || header.All(h => h.Length == 0))
        {
            return ContactCsvFile.Failed("The file is empty: it needs a header line (name, outlet, beat, email, phone, bluesky, mastodon, x, notes) and a line per contact.");
        }

        if (header.GroupBy(h => h, StringComparer.Ordinal).FirstOrDefault(g => g.Key.Length > 0 && g.Count() > 1) is { } twice)
        {
            return ContactCsvFile.Failed($"The header names the column \"{twice.Key}\" twice.");
        }

        var index = Columns.ToDictionary(c => c, c => header.IndexOf(c), StringComparer.Ordinal);
        if (index[Name] < 0)
        {
            return ContactCsvFile.Failed("The header has no \"name\" column. The first line must name the columns: name, outlet, beat, email, phone, bluesky, mastodon, x, notes.");
        }

        var unknown = header.Where(h => !Columns.Contains(h, StringComparer.Ordinal)).Select(h => h.Length == 0 ? "(a column without a name)" : h).ToList();
        try
        {
            while (reader.Read())
            {
                var line = reader.LineNumber;
                if (rows.Count >= maxRows)
                {
                    return ContactCsvFile.Failed($"The file has more than {maxRows:N0} contacts. Split it into smaller files.");
                }

                if (!Utf8.IsValid(reader.RawRecord))
                {
                    rows.Add(new ContactCsvRow(line, null, ["it is not valid UTF-8 text (save the file as CSV UTF-8)"]));
                    continue;
                }

                var fields = Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetString(i) ?? "").ToList();
                if (fields.All(f => f.Trim().Length == 0))
                {
                    continue;
                }

                if (fields.Count != header.Count)
                {
                    rows.Add(new ContactCsvRow(line, null, [$"it has {fields.Count} fields; the header has {header.Count}"]));
                    continue;
                }

                string Cell(string column) => index[column] < 0 ? "" : Unescape(fields[index[column]]);
                var form = new ContactForm
                {
                    Name = Cell(Name),
                    Outlet = Cell(Outlet),
                    Beat = Cell(Beat),
                    Email = Cell(Email),
                    Phone = Cell(Phone),
                    Notes = Cell(Notes),
                    Handles = HandleColumns
                        .SelectMany(c => Cell(c.Column).Split([' ', '\t', ',', ';'], StringSplitOptions.RemoveEmptyEntries).Select(h => new ContactHandleForm(c.Network, h)))
                        .ToList(),
                };
                rows.Add(new ContactCsvRow(line, form, []));
            }
        }
        catch (CsvFormatException)
        {
            return ContactCsvFile.Failed($"The file could not be read after line {rows.LastOrDefault()?.Line ?? 1}: it is not a CSV file.");
        }

        // Bad quoting is reported by line; the reader recovered and returned the row, but what it holds is a guess.
        var checkedRows = rows.Select(r => malformed.TryGetValue(r.Line, out var reason) && r.Form is not null
            ? r with { Form = null, Problems = [Describe(reason)] }
            : r).ToList();
        return new ContactCsvFile(null, unknown, checkedRows);
    }

    /// <summary>Writes the header and every contact, cells that look like formulas escaped.</summary>
    public static async Task WriteAsync(Stream stream, IAsyncEnumerable<Contact> contacts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contacts);
        // Injection = Escape: a cell that starts like a formula gets a leading apostrophe, so a spreadsheet shows it instead of running it.
        var options = CsvWriterOptions.Default with { Injection = CsvInjection.Escape, InjectionCharacters = FormulaStarts, WriteByteOrderMark = true };
        await using var csv = CsvWriter.Create(stream, options, leaveOpen: true);
        await csv.WriteRecordAsync(Columns.ToArray(), cancellationToken);
        await foreach (var contact in contacts.WithCancellation(cancellationToken))
        {
            string Handles(Network network) => string.Join(' ', contact.Handles.Where(h => h.Network == network).Select(h => h.Handle).Order(StringComparer.Ordinal));
            await csv.WriteRecordAsync(
                [contact.Name, contact.Outlet, contact.Beat, contact.Email, contact.Phone, Handles(Network.Bluesky), Handles(Network.Mastodon), Handles(Network.X), contact.Notes],
                cancellationToken);
        }

        await csv.FlushAsync(cancellationToken);
    }

    /// <summary>Takes off the apostrophe the export puts in front of a cell that starts like a formula.</summary>
    private static string Unescape(string cell) =>
        cell.Length > 1 && cell[0] == '\'' && FormulaStarts.Contains(cell[1], StringComparison.Ordinal) ? cell[1..] : cell;

    private static string Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.UnterminatedQuote => "a quoted field is never closed (a \" is missing)",
        CsvMalformedReason.StrayQuote => "a \" inside a field that is not in quotes",
        CsvMalformedReason.TextAfterClosingQuote => "text after the closing \" of a quoted field",
        CsvMalformedReason.FieldCountMismatch => "it has the wrong number of fields",
        _ => "its quoting is broken",
    };
}

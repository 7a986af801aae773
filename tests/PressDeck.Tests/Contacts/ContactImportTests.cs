using System.Diagnostics;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PressDeck.Audit;
using PressDeck.Contacts;
using PressDeck.Core.Posts;
using PressDeck.Team;

namespace PressDeck.Tests.Contacts;

/// <summary>
/// Issue 7, "Must show": a CSV import of 5,000 contacts with some bad rows. The preview stores nothing and reports the
/// counts and every bad row by line and reason; the import then stores every good row with its handles, reports the bad
/// ones the same way, and never stores part of a row.
/// </summary>
[Trait("Issue", "7")]
public sealed class ContactImportTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Five_thousand_contacts_with_bad_rows_preview_first_then_every_good_row_imported_and_no_row_half_imported()
    {
        await using var desk = await ContactDesk.StartAsync();
        var officer = await desk.PersonAsync(Roles.Officer, "Sam Officer");
        await desk.AsAsync(officer, c => c.CreateAsync(new ContactForm { Name = "Existing Person", Handles = [new ContactHandleForm(Network.X, "existing_one")] }, Cancel));
        var file = new CsvFile("Name,Outlet,Beat,Email,Phone,Bluesky,Mastodon,X,Notes,Followers");
        var expectedHandles = 0;
        for (var i = 1; i <= 5000; i++)
        {
            switch (i)
            {
                case 3:
                    // A note over two lines: every line after it is one further down the file.
                    file.Good($"Reporter {i},Outlet,Politics,r{i}@news.example,,r{i}.bsky.social,,,\"Met at conference.\nCall first.\",12");
                    expectedHandles += 1;
                    break;
                case 100:
                    file.Bad($",Outlet,Politics,r{i}@news.example,,r{i}.bsky.social,,,,1", "the name is missing");
                    break;
                case 200:
                    file.Bad($"Reporter {i},Outlet,Politics,reporter-at-news.example,,,,,,1", "\"reporter-at-news.example\" is not a valid email address");
                    break;
                case 300:
                    file.Bad($"Reporter {i},Outlet,Politics,,,,,this_handle_is_far_too_long,,1", "\"this_handle_is_far_too_long\" is not a valid X handle (1 to 15 letters, digits or _)");
                    break;
                case 400:
                    // The first handle is new and valid; the second belongs to someone else: neither the contact nor its first handle may be stored.
                    file.Bad($"Reporter {i},Outlet,Politics,,,half.bsky.social,,@Existing_One,,1", "the X handle @existing_one is already on Existing Person");
                    break;
                case 500:
                    file.Good($"Reporter {i},Outlet,Politics,,,twice.bsky.social,,,,1");
                    expectedHandles += 1;
                    break;
                case 600:
                    file.Bad($"Reporter {i},Outlet,Politics,,,Twice.bsky.social,,,,1", $"the Bluesky handle @twice.bsky.social is also on line {file.LineOf(500)}");
                    break;
                case 700:
                    file.Bad($"Reporter {i},{new string('o', 201)},Politics,,,,,,,1", "the outlet is 201 characters long; at most 200 fit");
                    break;
                case 800:
                    file.Bad($"Reporter {i},Outlet,Politics,,,,,,,1,surplus", "it has 11 fields; the header has 10");
                    break;
                case 900:
                    file.BadBytes([.. "Reporter "u8, 0xC3, 0x28, .. ",Outlet,Politics,,,,,,,1"u8], "it is not valid UTF-8 text (save the file as CSV UTF-8)");
                    break;
                default:
                    file.Good($"Reporter {i},Outlet {i % 40},Politics,r{i}@news.example,+44 20 7946 {i:0000},r{i}.bsky.social,r{i}@journa.host,rep_{i},,5");
                    expectedHandles += 3;
                    break;
            }
        }

        var preview = await desk.AsAsync(officer, c => c.PreviewImportAsync(file.Stream(), Cancel));

        Assert.Null(preview.Error);
        Assert.Equal((5000, 5000 - file.BadRows.Count, 0), (preview.Rows, preview.Good, preview.Imported));
        Assert.Equal(file.BadRows, preview.Problems.Select(p => (p.Line, p.Reason)).ToList());
        Assert.Equal(["followers"], preview.UnknownColumns);
        Assert.Equal(ContactService.PreviewRows, preview.FirstRows.Count);
        var first = preview.FirstRows[0];
        Assert.Equal(("Reporter 1", "Outlet 1", "r1@news.example"), (first.Name, first.Outlet, first.Email));
        Assert.Equal([(Network.Bluesky, "r1.bsky.social"), (Network.Mastodon, "r1@journa.host"), (Network.X, "rep_1")], first.Handles);
        Assert.Equal("Met at conference.\nCall first.", preview.FirstRows[2].Notes);
        Assert.Equal((1, 1), await desk.DbAsync(async db => (await db.Contacts.CountAsync(Cancel), await db.ContactHandles.CountAsync(Cancel))));

        var clock = Stopwatch.StartNew();
        var result = await desk.AsAsync(officer, c => c.ImportAsync(file.Stream(), Cancel));
        clock.Stop();

        Assert.Null(result.Error);
        Assert.Equal(5000 - file.BadRows.Count, result.Imported);
        Assert.Equal(file.BadRows, result.Problems.Select(p => (p.Line, p.Reason)).ToList());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"importing 5,000 contacts took {clock.Elapsed}");
        var (contacts, handles) = await desk.DbAsync(async db => (await db.Contacts.CountAsync(Cancel), await db.ContactHandles.CountAsync(Cancel)));
        Assert.Equal((1 + result.Imported, 1 + expectedHandles), (contacts, handles));
        Assert.False(await desk.DbAsync(db => db.Contacts.AnyAsync(c => c.Name == "Reporter 400" || c.Name == "Reporter 600" || c.Name == "Reporter 900", Cancel)));
        Assert.False(await desk.DbAsync(db => db.ContactHandles.AnyAsync(h => h.Handle == "half.bsky.social", Cancel)));
        var imported = await desk.DbAsync(db => db.Contacts.Include(c => c.Handles).SingleAsync(c => c.Name == "Reporter 4999", Cancel));
        Assert.Equal(("Outlet 39", "+44 20 7946 4999"), (imported.Outlet, imported.Phone));
        Assert.Equal(["r4999.bsky.social", "r4999@journa.host", "rep_4999"], imported.Handles.Select(h => h.Handle).Order(StringComparer.Ordinal));
        var found = await desk.AsAsync(officer, c => c.ListAsync("@rep_4999", Cancel));
        Assert.Equal("Reporter 4999", Assert.Single(found.Contacts).Name);
        var audit = Assert.Single(await desk.AuditAsync(AuditActions.ContactsImported));
        Assert.Equal($"{result.Imported} contacts imported from CSV; {file.BadRows.Count} rows not imported", audit.Details);
    }

    [Fact]
    public async Task A_file_without_a_name_column_or_empty_is_refused_whole_and_a_viewer_may_not_import()
    {
        await using var desk = await ContactDesk.StartAsync();
        var officer = await desk.PersonAsync(Roles.Officer, "Sam Officer");
        var viewer = await desk.PersonAsync(Roles.Viewer, "Vic Viewer");

        var noName = await desk.AsAsync(officer, c => c.PreviewImportAsync(new MemoryStream("outlet,email\nChronicle,a@b.example\n"u8.ToArray()), Cancel));
        var empty = await desk.AsAsync(officer, c => c.ImportAsync(new MemoryStream([]), Cancel));
        var twice = await desk.AsAsync(officer, c => c.ImportAsync(new MemoryStream("Name,name\na,b\n"u8.ToArray()), Cancel));

        Assert.StartsWith("The header has no \"name\" column.", noName.Error, StringComparison.Ordinal);
        Assert.StartsWith("The file is empty", empty.Error, StringComparison.Ordinal);
        Assert.Equal("The header names the column \"name\" twice.", twice.Error);
        await Assert.ThrowsAsync<PermissionDeniedException>(() => desk.AsAsync(viewer, c => c.ImportAsync(new MemoryStream("name\nA\n"u8.ToArray()), Cancel)));
        Assert.Equal(0, await desk.DbAsync(db => db.Contacts.CountAsync(Cancel)));
    }

    /// <summary>A CSV file written line by line, knowing which line each row starts on and which rows are bad.</summary>
    private sealed class CsvFile
    {
        private readonly MemoryStream _bytes = new();
        private readonly Dictionary<int, long> _lineOfRow = [];
        private long _line = 1;
        private int _row;

        public CsvFile(string header)
        {
            _bytes.Write(Encoding.UTF8.GetBytes(header));
            _line += header.Count(c => c == '\n');
        }

        public List<(long Line, string Reason)> BadRows { get; } = [];

        public long LineOf(int row) => _lineOfRow[row];

        public void Good(string row) => Add(Encoding.UTF8.GetBytes(row));

        public void Bad(string row, string reason) => BadBytes(Encoding.UTF8.GetBytes(row), reason);

        public void BadBytes(byte[] row, string reason) => BadRows.Add((Add(row), reason));

        public MemoryStream Stream() => new(_bytes.ToArray());

        /// <summary>Starts the row on a new line; returns that line's number.</summary>
        private long Add(byte[] row)
        {
            _bytes.WriteByte((byte)'\n');
            _line++;
            _lineOfRow[++_row] = _line;
            var line = _line;
            _bytes.Write(row);
            _line += row.Count(b => b == (byte)'\n');
            return line;
        }
    }
}

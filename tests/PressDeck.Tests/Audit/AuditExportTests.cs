using System.Globalization;
using System.Net;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PressDeck.Audit;
using PressDeck.Data;
using PressDeck.Data.Audit;
using PressDeck.Team;
using PressDeck.Tests.Team;

namespace PressDeck.Tests.Audit;

[Trait("Issue", "5")]
public sealed class AuditExportTests
{
    private const string Formula = "=HYPERLINK(\"http://evil.example/\",\"Open\")";

    private static readonly string[] Header = ["Id", "At", "ActorId", "Actor", "Action", "Target", "Details", "IpAddress", "PreviousHash", "Hash"];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_admin_downloads_the_filtered_trail_as_formula_safe_csv_with_both_hashes_and_the_export_is_audited()
    {
        await using var app = await TestPeople.StartAppAsync();
        var (client, admin) = await TestPeople.SignedInAsync(app, Roles.Admin);
        using var _ = client;
        var audit = app.Services.GetRequiredService<AuditLog>();
        await audit.WriteAsync(new AuditActor("", Formula, "203.0.113.9"), AuditActions.SignInFailed, "+44 20 7946 0000", "no such person");
        await audit.WriteAsync(new AuditActor(admin.Id, "Test admin", "10.1.2.3"), AuditActions.FeedAdded, "BBC News – Politics", "read every 15 minutes");
        var today = DateOnly.FromDateTime(OfficeTime.ToLocal(TimeProvider.System.GetUtcNow().UtcDateTime));
        var tomorrow = today.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var (status, contentType, header, rows) = await DownloadAsync(client, "api/audit/export.csv");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("text/csv; charset=utf-8", contentType);
        Assert.Equal(Header, header);
        Assert.Equal(["1", "2", "3"], rows.Select(row => row["Id"]));
        Assert.Equal([AuditActions.SignIn, AuditActions.SignInFailed, AuditActions.FeedAdded], rows.Select(row => row["Action"]));
        Assert.Equal(AuditChain.Genesis, rows[0]["PreviousHash"]);
        Assert.Equal(rows[0]["Hash"], rows[1]["PreviousHash"]);
        Assert.Equal(rows[1]["Hash"], rows[2]["PreviousHash"]);
        Assert.Equal(rows[0]["Hash"], AuditChain.HashOf(EntryOf(rows[0])));
        Assert.Equal(rows[2]["Hash"], AuditChain.HashOf(EntryOf(rows[2])));
        Assert.Equal(admin.Id, rows[0]["ActorId"]);
        Assert.Contains(admin.Email!, rows[0]["Actor"], StringComparison.Ordinal);
        Assert.Equal("'" + Formula, rows[1]["Actor"]);
        Assert.Equal("'+44 20 7946 0000", rows[1]["Target"]);
        Assert.Equal("203.0.113.9", rows[1]["IpAddress"]);
        Assert.Equal("BBC News – Politics", rows[2]["Target"]);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$", rows[2]["At"]);

        var byAction = await DownloadAsync(client, "api/audit/export.csv?action=feed.added");
        var byText = await DownloadAsync(client, "api/audit/export.csv?q=EVIL.example");
        var byUnderscore = await DownloadAsync(client, "api/audit/export.csv?q=_");
        var byDay = await DownloadAsync(client, $"api/audit/export.csv?from={today:yyyy-MM-dd}&to={today:yyyy-MM-dd}&action=sign-in");
        var afterToday = await DownloadAsync(client, $"api/audit/export.csv?from={tomorrow}");
        using var badDate = await client.Http.GetAsync("api/audit/export.csv?from=26/11/2026", Cancel);

        Assert.Equal(["3"], byAction.Rows.Select(row => row["Id"]));
        Assert.Equal(["2"], byText.Rows.Select(row => row["Id"]));
        Assert.Empty(byUnderscore.Rows);
        Assert.Equal(["1"], byDay.Rows.Select(row => row["Id"]));
        Assert.Equal(Header, afterToday.Header);
        Assert.Empty(afterToday.Rows);
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
        Assert.Contains("not a date", await badDate.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var exports = await db.AuditEntries.AsNoTracking().Where(e => e.Action == AuditActions.AuditExported).OrderBy(e => e.Id).ToListAsync(Cancel);
        Assert.Equal(6, exports.Count);
        Assert.All(exports, entry =>
        {
            Assert.Equal(admin.Id, entry.ActorId);
            Assert.Equal("the audit trail", entry.Target);
        });
        Assert.Equal("no filters; entries up to #3", exports[0].Details);
        Assert.Equal("action feed.added; entries up to #4", exports[1].Details);
        Assert.Equal("text \"EVIL.example\"; entries up to #5", exports[2].Details);
        Assert.Equal($"action sign-in, from {today:yyyy-MM-dd}, to {today:yyyy-MM-dd}; entries up to #7", exports[4].Details);
        Assert.Null((await AuditVerifier.VerifyAsync(db, null, Cancel)).Problem);
    }

    private static async Task<(HttpStatusCode Status, string? ContentType, IReadOnlyList<string> Header, List<Dictionary<string, string>> Rows)> DownloadAsync(
        Testing.SiteClient client,
        string path)
    {
        using var response = await client.Http.GetAsync(path, Cancel);
        var text = await response.Content.ReadAsStringAsync(Cancel);
        using var reader = CsvReader.Create(new StringReader(text));
        var rows = new List<Dictionary<string, string>>();
        while (await reader.ReadAsync(Cancel))
        {
            rows.Add(reader.Headers.Select((name, index) => (name, index)).ToDictionary(column => column.name, column => reader.GetString(column.index), StringComparer.Ordinal));
        }

        return (response.StatusCode, response.Content.Headers.ContentType?.ToString(), reader.Headers.ToList(), rows);
    }

    private static AuditEntry EntryOf(Dictionary<string, string> row) => new()
    {
        Id = long.Parse(row["Id"], CultureInfo.InvariantCulture),
        At = DateTime.Parse(row["At"], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        ActorId = row["ActorId"],
        ActorName = row["Actor"],
        Action = row["Action"],
        Target = row["Target"],
        Details = row["Details"],
        IpAddress = row["IpAddress"],
        PreviousHash = row["PreviousHash"],
    };
}

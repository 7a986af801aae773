using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PressDeck.Audit;
using PressDeck.Cli;
using PressDeck.Data.Audit;
using PressDeck.Team;
using PressDeck.Testing;
using PressDeck.Tests.Cli;
using PressDeck.Tests.Team;

namespace PressDeck.Tests.Audit;

/// <summary>
/// <c>pressdeck audit verify</c> against a trail written by the running app, and then against the attacks of someone who
/// can open the database file: the triggers refuse plain edits; with them dropped, every edit is still found.
/// </summary>
[Trait("Issue", "5")]
public sealed partial class AuditVerifyTamperTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Verify_finds_the_written_trail_intact_and_names_each_kind_of_tampering_with_the_database_file()
    {
        var folder = PressDeckServer.NewDataFolder();
        await using (var app = await TestPeople.StartAppAsync(folder))
        {
            var (client, _) = await TestPeople.SignedInAsync(app, Roles.Officer);
            client.Dispose();
            var audit = app.Services.GetRequiredService<AuditLog>();
            for (var i = 1; i <= 5; i++)
            {
                await audit.WriteAsync(AuditActor.System, AuditActions.PersonChanged, $"setting {i}", $"set to value {i}");
            }

            await app.StopAsync(Cancel);
        }

        SqliteConnection.ClearAllPools();
        AuditEntry last;
        await using (var db = AuditDatabaseFile.Context(folder))
        {
            Assert.Equal(6, await db.AuditEntries.CountAsync(Cancel));
            Assert.Equal(AuditActions.SignIn, (await db.AuditEntries.SingleAsync(e => e.Id == 1, Cancel)).Action);
            last = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Id == 6, Cancel);
        }

        var intact = await CliFolder.RunAsync("audit", "verify", "--data-folder", folder);

        Assert.Equal(CliExitCode.Success, intact.ExitCode);
        Assert.Equal($"Audit trail intact: 6 entries; the last is #6, {OfficeTime.FormatUtc(last.At)}, hash {last.Hash}", intact.Output.TrimEnd());
        Assert.Equal("", intact.Error);

        await using var connection = AuditDatabaseFile.Open(folder);
        var update = await Assert.ThrowsAsync<SqliteException>(() => AuditDatabaseFile.ExecuteAsync(connection, "UPDATE AuditEntries SET Details = 'nothing happened' WHERE Id = 3"));
        var delete = await Assert.ThrowsAsync<SqliteException>(() => AuditDatabaseFile.ExecuteAsync(connection, "DELETE FROM AuditEntries WHERE Id = 3"));
        Assert.Contains("the audit trail is append-only: entries cannot be changed", update.Message, StringComparison.Ordinal);
        Assert.Contains("the audit trail is append-only: entries cannot be removed", delete.Message, StringComparison.Ordinal);
        Assert.Equal(0, await AuditDatabaseFile.ExecuteAsync(connection, "DELETE FROM AuditEntries WHERE Id = 99"));

        // The attacker drops the triggers; each attack below works on its own copy of that database.
        await AuditDatabaseFile.ExecuteAsync(connection, "DROP TRIGGER AuditEntries_NoUpdate; DROP TRIGGER AuditEntries_NoDelete;");

        var changed = await AuditDatabaseFile.CopyAsync(connection);
        await using (var copy = AuditDatabaseFile.Open(changed))
        {
            Assert.Equal(1, await AuditDatabaseFile.ExecuteAsync(copy, "UPDATE AuditEntries SET ActorName = 'Someone Else' WHERE Id = 3"));
        }

        var run = await CliFolder.RunAsync("audit", "verify", "--data-folder", changed);

        Assert.Equal(CliExitCode.AuditTrailBroken, run.ExitCode);
        Assert.Equal(
            [
                "Audit trail broken at entry 3: entry 3 was changed after it was written: its contents no longer match its hash.",
                "Entries 1 to 2 before it are intact; the last of them is #2, ",
            ],
            run.OutputLines.Select(line => HashAndTime().Replace(line, "")));

        var gap = await AuditDatabaseFile.CopyAsync(connection);
        await using (var copy = AuditDatabaseFile.Open(gap))
        {
            Assert.Equal(1, await AuditDatabaseFile.ExecuteAsync(copy, "DELETE FROM AuditEntries WHERE Id = 4"));
        }

        run = await CliFolder.RunAsync("audit", "verify", "--data-folder", gap);

        Assert.Equal(CliExitCode.AuditTrailBroken, run.ExitCode);
        Assert.StartsWith("Audit trail broken at entry 5: entry 4 is missing (the next entry is 5).", run.Output, StringComparison.Ordinal);

        var rehashed = await AuditDatabaseFile.CopyAsync(connection);
        await using (var db = AuditDatabaseFile.Context(rehashed))
        {
            var entry = await db.AuditEntries.SingleAsync(e => e.Id == 3, Cancel);
            entry.Details = "set to something else entirely";
            entry.Hash = AuditChain.HashOf(entry);
            await db.SaveChangesAsync(Cancel);
            Assert.Null(AuditChain.Check(await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Id == 2, Cancel), entry));
        }

        run = await CliFolder.RunAsync("audit", "verify", "--data-folder", rehashed);

        Assert.Equal(CliExitCode.AuditTrailBroken, run.ExitCode);
        Assert.StartsWith("Audit trail broken at entry 4: entry 4 does not follow entry 3: its link to the previous entry was changed.", run.Output, StringComparison.Ordinal);

        var cut = await AuditDatabaseFile.CopyAsync(connection);
        await using (var copy = AuditDatabaseFile.Open(cut))
        {
            Assert.Equal(1, await AuditDatabaseFile.ExecuteAsync(copy, "DELETE FROM AuditEntries WHERE Id = 6"));
        }

        var withoutRecord = await CliFolder.RunAsync("audit", "verify", "--data-folder", cut);
        var withRecord = await CliFolder.RunAsync("audit", "verify", "--data-folder", cut, "--last-hash", last.Hash);
        var originalWithRecord = await CliFolder.RunAsync("audit", "verify", "--data-folder", folder, "--last-hash", last.Hash.ToUpperInvariant());

        Assert.Equal(CliExitCode.Success, withoutRecord.ExitCode);
        Assert.StartsWith("Audit trail intact: 5 entries; the last is #5, ", withoutRecord.Output, StringComparison.Ordinal);
        Assert.Equal(CliExitCode.AuditTrailBroken, withRecord.ExitCode);
        Assert.Equal(
            $"Audit trail broken: the trail ends at entry 5 and no entry has the recorded hash {last.Hash}: entries were removed from its end, or it was replaced.",
            withRecord.Output.TrimEnd());
        Assert.Equal(CliExitCode.Success, originalWithRecord.ExitCode);
    }

    [Fact]
    public async Task A_new_database_has_an_intact_trail_of_no_entries_and_a_missing_one_is_an_error_not_a_new_database()
    {
        var folder = PressDeckServer.NewDataFolder();
        await using (var app = await TestPeople.StartAppAsync(folder))
        {
            await app.StopAsync(Cancel);
        }

        SqliteConnection.ClearAllPools();
        var empty = PressDeckServer.NewDataFolder();

        var fresh = await CliFolder.RunAsync("audit", "verify", "--data-folder", folder);
        var missing = await CliFolder.RunAsync("audit", "verify", "--data-folder", empty);
        var badHash = await CliFolder.RunAsync("audit", "verify", "--data-folder", folder, "--last-hash", "not-a-hash");

        Assert.Equal(CliExitCode.Success, fresh.ExitCode);
        Assert.Equal("Audit trail intact: 0 entries", fresh.Output.TrimEnd());
        Assert.Equal(CliExitCode.Failure, missing.ExitCode);
        Assert.Equal("", missing.Output);
        Assert.Contains($"error: there is no PressDeck database at {AuditDatabaseFile.PathIn(empty)}", missing.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(AuditDatabaseFile.PathIn(empty)));
        Assert.Equal(CliExitCode.Usage, badHash.ExitCode);
        Assert.Contains("--last-hash must be the 64 hexadecimal characters", badHash.Error, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC, hash [0-9a-f]{64}\.$")]
    private static partial Regex HashAndTime();
}

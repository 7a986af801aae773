using System.CommandLine;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PressDeck.Audit;
using PressDeck.Data;
using PressDeck.Data.Audit;
using PressDeck.Storage;

namespace PressDeck.Cli;

/// <summary>
/// <c>pressdeck audit verify [--data-folder DIR] [--last-hash HASH]</c> (issue 5): checks every link of the audit trail's
/// hash chain in the database of a data folder and prints either that it is intact, with its last entry's hash to keep
/// somewhere else, or the first break in words.
/// </summary>
internal sealed class AuditCommand : Command
{
    public const string VerbName = "audit";

    public AuditCommand()
        : base(VerbName, "Work with the audit trail.")
    {
        Subcommands.Add(new VerifyCommand());
    }

    private sealed class VerifyCommand : Command
    {
        private readonly Option<string?> _dataFolder = new("--data-folder")
        {
            Description = "The data folder whose database holds the audit trail (default: the configured Storage:DataFolder, ./data).",
            HelpName = "DIR",
        };

        private readonly Option<string?> _lastHash = new("--last-hash")
        {
            Description = "The last hash an earlier verify printed: the trail must still contain it, which shows entries removed from its end.",
            HelpName = "HASH",
        };

        public VerifyCommand()
            : base("verify", "Check the audit trail's hash chain, entry by entry, without changing anything.")
        {
            Options.Add(_dataFolder);
            Options.Add(_lastHash);
            _lastHash.Validators.Add(result =>
            {
                var value = result.GetValueOrDefault<string?>();
                if (value is not null && (value.Length != 64 || !value.All(char.IsAsciiHexDigit)))
                {
                    result.AddError("--last-hash must be the 64 hexadecimal characters that verify printed.");
                }
            });
            SetAction(RunAsync);
        }

        private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var connectionString = ConnectionString(parseResult.GetValue(_dataFolder), out var databasePath);
            if (connectionString is null)
            {
                await error.WriteLineAsync(
                    $"error: there is no PressDeck database at {databasePath}. Name the data folder PressDeck runs with: --data-folder DIR.".AsMemory(),
                    cancellationToken);
                return CliExitCode.Failure;
            }

            try
            {
                await using var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite(connectionString).Options);
                var result = await AuditVerifier.VerifyAsync(db, parseResult.GetValue(_lastHash), cancellationToken);
                if (result.Problem is not { } problem)
                {
                    await output.WriteLineAsync(Intact(result).AsMemory(), cancellationToken);
                    return CliExitCode.Success;
                }

                await output.WriteLineAsync(
                    (result.IsCutShort
                        ? $"Audit trail broken: {problem.Description}."
                        : $"Audit trail broken at entry {problem.EntryId.ToString(CultureInfo.InvariantCulture)}: {problem.Description}.").AsMemory(),
                    cancellationToken);
                if (!result.IsCutShort && result.LastIntact is { } lastIntact)
                {
                    await output.WriteLineAsync(
                        $"Entries 1 to {lastIntact.Id.ToString(CultureInfo.InvariantCulture)} before it are intact; the last of them is {Describe(lastIntact)}.".AsMemory(),
                        cancellationToken);
                }

                return CliExitCode.AuditTrailBroken;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return CliExitCode.Canceled;
            }
            catch (SqliteException exception)
            {
                await error.WriteLineAsync(
                    $"error: the audit trail in {databasePath} could not be read (start PressDeck once to bring an older database up to date): {exception.Message}".AsMemory(),
                    cancellationToken);
                return CliExitCode.Failure;
            }
        }

        private static string Intact(AuditVerification result) => result.LastIntact is { } last
            ? $"Audit trail intact: {result.IntactCount.ToString(CultureInfo.InvariantCulture)} {(result.IntactCount == 1 ? "entry" : "entries")}; the last is {Describe(last)}"
            : "Audit trail intact: 0 entries";

        private static string Describe(AuditEntry entry) => string.Create(
            CultureInfo.InvariantCulture,
            $"#{entry.Id}, {DateTime.SpecifyKind(entry.At, DateTimeKind.Utc):yyyy-MM-dd HH:mm:ss} UTC, hash {entry.Hash}");

        /// <summary>
        /// The database as the web app would find it, opened read-only; null when there is no database file, so a mistyped
        /// folder is reported instead of an empty database being created and found "intact".
        /// </summary>
        private static string? ConnectionString(string? dataFolder, out string databasePath)
        {
            var configuration = new ConfigurationBuilder()
                .SetBasePath(AppContext.BaseDirectory)
                .AddJsonFile("appsettings.json", optional: true)
                .AddEnvironmentVariables()
                .Build();
            var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
            if (dataFolder is not null)
            {
                storage.DataFolder = dataFolder;
            }

            databasePath = storage.DatabasePath;
            var configured = configuration.GetConnectionString("PressDeck");
            if (dataFolder is null && !string.IsNullOrWhiteSpace(configured))
            {
                databasePath = new SqliteConnectionStringBuilder(configured).DataSource;
                return configured;
            }

            if (!File.Exists(databasePath))
            {
                return null;
            }

            return new SqliteConnectionStringBuilder
            {
                DataSource = databasePath,
                Mode = SqliteOpenMode.ReadOnly,
                Pooling = false,
                DefaultTimeout = 30,
            }.ToString();
        }
    }
}

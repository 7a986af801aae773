using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PressDeck.Data;

namespace PressDeck.Tests.Audit;

/// <summary>A PressDeck database file opened directly, as someone with access to the server's disk could.</summary>
internal static class AuditDatabaseFile
{
    public static string PathIn(string dataFolder) => Path.Combine(dataFolder, "pressdeck.db");

    public static SqliteConnection Open(string dataFolder)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = PathIn(dataFolder), Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    public static AppDbContext Context(string dataFolder) =>
        new(new DbContextOptionsBuilder<AppDbContext>()
            .UseSqlite(new SqliteConnectionStringBuilder { DataSource = PathIn(dataFolder), Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString())
            .Options);

    public static async Task<int> ExecuteAsync(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>A copy of the whole database (schema, triggers and rows) in a new data folder.</summary>
    public static async Task<string> CopyAsync(SqliteConnection connection)
    {
        var folder = Testing.PressDeckServer.NewDataFolder();
        await ExecuteAsync(connection, "VACUUM INTO $path", ("$path", PathIn(folder)));
        return folder;
    }
}

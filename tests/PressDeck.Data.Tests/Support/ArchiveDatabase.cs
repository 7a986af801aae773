using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PressDeck.Data.Archive;
using PressDeck.Data.Sqlite.Archive;

namespace PressDeck.Data.Tests.Support;

/// <summary>A real SQLite database in a temp file, migrated with the SQLite migration set, deleted on dispose.</summary>
public sealed class ArchiveDatabase : IAsyncDisposable
{
    private readonly string _path;

    private ArchiveDatabase(string path, AppDbContext context)
    {
        _path = path;
        Context = context;
        Archive = new SqlitePostArchive(context);
    }

    public AppDbContext Context { get; }

    public IPostArchive Archive { get; }

    public static async Task<ArchiveDatabase> CreateAsync(CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), "pressdeck-data-tests-" + Guid.NewGuid().ToString("N") + ".db");
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Cache = SqliteCacheMode.Private }.ToString();
        var options = new DbContextOptionsBuilder<AppDbContext>()
            .UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly("PressDeck.Data.Sqlite"))
            .Options;
        var context = new AppDbContext(options);
        await context.Database.MigrateAsync(cancellationToken);
        return new ArchiveDatabase(path, context);
    }

    /// <summary>Runs a scalar SQL query on the database, for looking behind the archive (the full-text table).</summary>
    public async Task<long> ScalarAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await Context.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = Context.Database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value;
                command.Parameters.Add(parameter);
            }

            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }
        finally
        {
            await Context.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The archive ids of the rows that an FTS5 expression matches in <c>PostsFts</c>, ascending.</summary>
    public async Task<IReadOnlyList<long>> FullTextMatchAsync(string expression, CancellationToken cancellationToken)
    {
        await Context.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = Context.Database.GetDbConnection().CreateCommand();
            command.CommandText = "SELECT rowid FROM PostsFts WHERE PostsFts MATCH $match ORDER BY rowid";
            var parameter = command.CreateParameter();
            parameter.ParameterName = "$match";
            parameter.Value = expression;
            command.Parameters.Add(parameter);
            var ids = new List<long>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add(reader.GetInt64(0));
            }

            return ids;
        }
        finally
        {
            await Context.Database.CloseConnectionAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm", _path + "-journal" })
        {
            File.Delete(file);
        }
    }
}

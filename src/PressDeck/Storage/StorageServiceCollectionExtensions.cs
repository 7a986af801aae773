using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PressDeck.Data;
using PressDeck.Data.Archive;
using PressDeck.Data.Sqlite.Archive;

namespace PressDeck.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// The database: SQLite under the data folder by default (created and migrated on start), or the connection string
    /// <c>ConnectionStrings:PressDeck</c> when given.
    /// </summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        var connectionString = configuration.GetConnectionString("PressDeck");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(storage.DatabasePath)!);
            connectionString = new SqliteConnectionStringBuilder
            {
                DataSource = storage.DatabasePath,
                Cache = SqliteCacheMode.Private,
                DefaultTimeout = 30,
            }.ToString();
        }

        // Data Protection keys (cookies, antiforgery, later the networks' secrets) live beside the database, never in it.
        services.AddDataProtection()
            .SetApplicationName("PressDeck")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(Path.GetFullPath(storage.DataFolder), "keys")));

        services.AddDbContext<AppDbContext>(options => options.UseSqlite(
            connectionString,
            sqlite => sqlite.MigrationsAssembly(typeof(SqlitePostArchive).Assembly.GetName().Name)));
        services.AddScoped<IPostArchive, SqlitePostArchive>();
        services.AddHostedService<DatabaseMigrator>();
        return services;
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace PressDeck.Data.Sqlite;

/// <summary>Lets <c>dotnet ef migrations add</c> build the context for the SQLite migration set in this assembly.</summary>
internal sealed class DesignTimeContextFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>()
            .UseSqlite("Data Source=design-time.db", sqlite => sqlite.MigrationsAssembly(typeof(DesignTimeContextFactory).Assembly.GetName().Name))
            .Options;
        return new AppDbContext(options);
    }
}

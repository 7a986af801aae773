using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PressDeck.Data;
using PressDeck.Data.Audit;

namespace PressDeck.Tests.Team;

/// <summary>Reads the audit trail the app under test wrote.</summary>
internal static class TeamAudit
{
    public static async Task<List<AuditEntry>> EntriesAsync(WebApplication app, string action)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.AuditEntries.AsNoTracking().Where(e => e.Action == action).OrderBy(e => e.Id).ToListAsync(TestContext.Current.CancellationToken);
    }
}

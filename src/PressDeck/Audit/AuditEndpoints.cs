using System.Globalization;
using CsvHelper;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PressDeck.Data;
using PressDeck.Team;

namespace PressDeck.Audit;

public static class AuditEndpoints
{
    private const int BatchSize = 500;

    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/audit/export.csv", ExportAsync).RequireAuthorization(Permissions.ViewAudit);
        return endpoints;
    }

    /// <summary>
    /// <c>GET /api/audit/export.csv?q=&amp;action=&amp;from=&amp;to=</c>: the entries the filter selects, in id order (the
    /// chain's order), with both hashes, so the chain of an unfiltered export can be checked from the file alone. The
    /// export is of the trail as it was when it began (entries written meanwhile are left for the next export), and is
    /// itself written to the trail first.
    /// </summary>
    private static async Task<IResult> ExportAsync(
        HttpContext context,
        [FromQuery] string? q,
        [FromQuery] string? action,
        [FromQuery] string? from,
        [FromQuery] string? to,
        [FromServices] AppDbContext db,
        [FromServices] AuditLog auditLog,
        CancellationToken cancellationToken)
    {
        if (!AuditFilter.TryParse(q, action, from, to, out var filter, out var problem))
        {
            return TypedResults.Problem(title: "The filter could not be understood", detail: problem, statusCode: StatusCodes.Status400BadRequest);
        }

        var upTo = await db.AuditEntries.MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0;
        await auditLog.WriteAsync(
            AuditActor.From(context.User, context),
            AuditActions.AuditExported,
            "the audit trail",
            string.Create(CultureInfo.InvariantCulture, $"{filter.Describe()}; entries up to #{upTo}"));

        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = "attachment; filename=\"pressdeck-audit.csv\"";
        // Injection = Escape: a cell that starts like a formula (a typed email address "=HYPERLINK(…)" in a failed sign-in)
        // is escaped, so a spreadsheet shows it instead of running it. Such a cell no longer hashes as it was written.
        var options = CsvWriterOptions.Default with { Injection = CsvInjection.Escape, WriteByteOrderMark = true };
        await using var csv = CsvWriter.Create(context.Response.Body, options, leaveOpen: true);
        await csv.WriteRecordAsync(["Id", "At", "ActorId", "Actor", "Action", "Target", "Details", "IpAddress", "PreviousHash", "Hash"], cancellationToken);
        long afterId = 0;
        while (true)
        {
            var batch = await filter.Apply(db.AuditEntries.AsNoTracking())
                .Where(e => e.Id > afterId && e.Id <= upTo)
                .OrderBy(e => e.Id)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            foreach (var entry in batch)
            {
                await csv.WriteRecordAsync(
                    [
                        entry.Id.ToString(CultureInfo.InvariantCulture),
                        DateTime.SpecifyKind(entry.At, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
                        entry.ActorId,
                        entry.ActorName,
                        entry.Action,
                        entry.Target,
                        entry.Details,
                        entry.IpAddress,
                        entry.PreviousHash,
                        entry.Hash,
                    ],
                    cancellationToken);
            }

            if (batch.Count < BatchSize)
            {
                break;
            }

            afterId = batch[^1].Id;
        }

        await csv.FlushAsync(cancellationToken);
        return TypedResults.Empty;
    }
}

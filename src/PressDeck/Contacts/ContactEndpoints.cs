using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PressDeck.Audit;
using PressDeck.Data;
using PressDeck.Data.Contacts;

namespace PressDeck.Contacts;

/// <summary>
/// The contacts' downloads, both personal data and so for <see cref="Team.Permissions.ManageContactData"/> only, and both
/// audited: <c>GET /api/contacts/export.csv</c> (the whole directory, in the import's columns) and
/// <c>GET /api/contacts/{id}/personal-data.json</c> (everything held on one person).
/// </summary>
internal static class ContactEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static IEndpointRouteBuilder MapContactEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/contacts/export.csv", ExportCsvAsync).RequireAuthorization(Team.Permissions.ManageContactData);
        endpoints.MapGet("/api/contacts/{id:int}/personal-data.json", ExportPersonAsync).RequireAuthorization(Team.Permissions.ManageContactData);
        return endpoints;
    }

    private static async Task<IResult> ExportCsvAsync(HttpContext context, [FromServices] AppDbContext db, [FromServices] AuditLog auditLog, CancellationToken cancellationToken)
    {
        var count = await db.Contacts.CountAsync(cancellationToken);
        await auditLog.WriteAsync(AuditActor.From(context.User, context), AuditActions.ContactsExported, "contacts", $"{count} contacts as CSV");
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = "attachment; filename=\"pressdeck-contacts.csv\"";
        await ContactCsv.WriteAsync(context.Response.Body, AllContacts(db, cancellationToken), cancellationToken);
        return TypedResults.Empty;
    }

    private static async Task<IResult> ExportPersonAsync(
        int id, HttpContext context, [FromServices] PersonalDataExport export, [FromServices] AuditLog auditLog, CancellationToken cancellationToken)
    {
        var document = await export.BuildAsync(id, cancellationToken);
        if (document is null)
        {
            return TypedResults.NotFound();
        }

        await auditLog.WriteAsync(AuditActor.From(context.User, context), AuditActions.ContactDataExported, $"contact {id} \"{document.Contact.Name}\"",
            "everything held on the person, as JSON");
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"pressdeck-contact-{id}.json\"";
        return TypedResults.Json(document, Json, "application/json; charset=utf-8");
    }

    /// <summary>Every contact with its handles, by id, a page at a time so a large directory is never all in memory.</summary>
    internal static async IAsyncEnumerable<Contact> AllContacts(AppDbContext db, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var after = 0;
        while (true)
        {
            var page = await db.Contacts.AsNoTracking().Include(c => c.Handles).Where(c => c.Id > after).OrderBy(c => c.Id).Take(500).ToListAsync(cancellationToken);
            foreach (var contact in page)
            {
                yield return contact;
            }

            if (page.Count < 500)
            {
                yield break;
            }

            after = page[^1].Id;
        }
    }
}

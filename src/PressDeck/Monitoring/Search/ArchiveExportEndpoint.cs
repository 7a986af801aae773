using System.Globalization;
using CsvHelper;
using Microsoft.AspNetCore.Mvc;
using PressDeck.Core.Query;
using PressDeck.Data.Archive;
using PressDeck.Monitoring.Lists;

namespace PressDeck.Monitoring.Search;

/// <summary>
/// <c>GET /api/archive/export.csv?q=&amp;from=&amp;to=</c>: every archived post the query matches, newest first, streamed
/// as CSV page by page (the whole result, not just the page on screen). A bad query is a 400 with the parser's message.
/// </summary>
internal static class ArchiveExportEndpoint
{
    /// <summary>Most rows one export writes, so an export of "everything" stays a sensible file.</summary>
    private const int MaxRows = 100_000;

    public static IEndpointRouteBuilder MapArchiveExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/archive/export.csv", ExportAsync).RequireAuthorization(Team.Permissions.ExportArchive);
        return endpoints;
    }

    private static async Task<IResult> ExportAsync(
        HttpContext context,
        [FromQuery] string? q,
        [FromQuery] string? from,
        [FromQuery] string? to,
        [FromServices] IPostArchive archive,
        [FromServices] ListDirectory lists,
        [FromServices] Audit.AuditLog auditLog,
        CancellationToken cancellationToken)
    {
        QueryNode? query = null;
        if (!string.IsNullOrWhiteSpace(q))
        {
            var parsed = QueryParser.Parse(q, lists);
            if (parsed.Error is not null)
            {
                return TypedResults.Problem(
                    title: "The query could not be understood",
                    detail: $"{parsed.Error.Message} (at character {parsed.Error.Position})",
                    statusCode: StatusCodes.Status400BadRequest);
            }

            query = parsed.Query;
        }

        await auditLog.WriteAsync(Audit.AuditActor.From(context.User, context), Audit.AuditActions.ArchiveExported, "search results",
            $"query {q ?? "(everything)"}; from {from ?? "-"}; to {to ?? "-"}");
        var search = new ArchiveSearch(query, SearchPage.StartOfDay(SearchPage.ParseDate(from)), SearchPage.EndOfDay(SearchPage.ParseDate(to)), PageSize: 500);
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = "attachment; filename=\"pressdeck-search.csv\"";
        // Injection = Escape: a cell that starts like a formula is escaped, so a spreadsheet shows it instead of running it.
        var options = CsvWriterOptions.Default with { Injection = CsvInjection.Escape, WriteByteOrderMark = true };
        await using var csv = CsvWriter.Create(context.Response.Body, options, leaveOpen: true);
        await csv.WriteRecordAsync(["created_at", "network", "author_handle", "author_name", "kind", "text", "url", "remote_id"], cancellationToken);
        var written = 0;
        while (written < MaxRows)
        {
            var page = await archive.SearchAsync(search, lists, cancellationToken);
            foreach (var stored in page.Posts)
            {
                var post = stored.Post;
                await csv.WriteRecordAsync(
                    [
                        post.CreatedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                        post.Network.ToString().ToLowerInvariant(),
                        post.Author.Handle,
                        post.Author.DisplayName,
                        post.Kind.ToString().ToLowerInvariant(),
                        post.Text,
                        post.Url ?? "",
                        post.RemoteId,
                    ],
                    cancellationToken);
                written++;
            }

            if (page.Next is null)
            {
                break;
            }

            search = search with { After = page.Next };
        }

        await csv.FlushAsync(cancellationToken);
        return TypedResults.Empty;
    }

}

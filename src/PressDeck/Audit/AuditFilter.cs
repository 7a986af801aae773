using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PressDeck.Data.Audit;

namespace PressDeck.Audit;

/// <summary>
/// What the audit page and its CSV export are narrowed to: words in who did it, what it happened to or the details; one
/// action; and the office's days from and to (both included). Empty parts do not narrow.
/// </summary>
public sealed record AuditFilter(string? Text = null, string? Action = null, DateOnly? From = null, DateOnly? To = null)
{
    public const int MaxTextLength = 200;

    public static readonly AuditFilter None = new();

    /// <summary>
    /// Reads the filter from the page's or the export's query string values; false, with the reason, when a date is not a
    /// date (yyyy-MM-dd), the "to" date is before the "from" date, or the text is too long.
    /// </summary>
    public static bool TryParse(string? text, string? action, string? from, string? to, out AuditFilter filter, out string? problem)
    {
        filter = None;
        problem = null;
        DateOnly? fromDate = null;
        DateOnly? toDate = null;
        if (!string.IsNullOrWhiteSpace(from))
        {
            if (!DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                problem = "The \"from\" date is not a date (expected yyyy-mm-dd).";
                return false;
            }

            fromDate = parsed;
        }

        if (!string.IsNullOrWhiteSpace(to))
        {
            if (!DateOnly.TryParseExact(to, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                problem = "The \"to\" date is not a date (expected yyyy-mm-dd).";
                return false;
            }

            toDate = parsed;
        }

        if (fromDate > toDate)
        {
            problem = "The \"to\" date is before the \"from\" date.";
            return false;
        }

        var trimmed = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        if (trimmed?.Length > MaxTextLength)
        {
            problem = $"Search for at most {MaxTextLength} characters.";
            return false;
        }

        filter = new AuditFilter(trimmed, string.IsNullOrWhiteSpace(action) ? null : action.Trim(), fromDate, toDate);
        return true;
    }

    public bool IsEmpty => Text is null && Action is null && From is null && To is null;

    public IQueryable<AuditEntry> Apply(IQueryable<AuditEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (Text is not null)
        {
            // SQLite's LIKE ignores case (for ASCII letters). The person's % and _ are searched for, not wildcards.
            var pattern = "%" + Text.Replace("\\", "\\\\", StringComparison.Ordinal)
                .Replace("%", "\\%", StringComparison.Ordinal)
                .Replace("_", "\\_", StringComparison.Ordinal) + "%";
            entries = entries.Where(e =>
                EF.Functions.Like(e.ActorName, pattern, "\\")
                || EF.Functions.Like(e.Target, pattern, "\\")
                || EF.Functions.Like(e.Details, pattern, "\\"));
        }

        if (Action is not null)
        {
            entries = entries.Where(e => e.Action == Action);
        }

        if (From is { } from)
        {
            var start = OfficeTime.StartOfDay(from);
            entries = entries.Where(e => e.At >= start);
        }

        if (To is { } to)
        {
            var end = OfficeTime.StartOfDay(to.AddDays(1));
            entries = entries.Where(e => e.At < end);
        }

        return entries;
    }

    /// <summary>
    /// One page of the entries the filter selects, newest first: those with an id below <paramref name="before"/> (null: the
    /// newest), with the cursor of the next older page, or null when there is none. Keyset paging on the id, so a page
    /// costs the same however far back it is.
    /// </summary>
    public async Task<AuditEntryPage> ReadPageAsync(IQueryable<AuditEntry> entries, long? before, int size, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        var page = await Apply(entries)
            .Where(e => before == null || e.Id < before)
            .OrderByDescending(e => e.Id)
            .Take(size + 1)
            .ToListAsync(cancellationToken);
        return page.Count > size
            ? new AuditEntryPage(page.GetRange(0, size), page[size - 1].Id)
            : new AuditEntryPage(page, null);
    }

    /// <summary>The filter as query string parameters (without the leading ?), as the page and the export read them.</summary>
    public string ToQueryString()
    {
        var parts = new List<string>(4);
        if (Text is not null)
        {
            parts.Add("q=" + Uri.EscapeDataString(Text));
        }

        if (Action is not null)
        {
            parts.Add("action=" + Uri.EscapeDataString(Action));
        }

        if (From is { } from)
        {
            parts.Add("from=" + from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        if (To is { } to)
        {
            parts.Add("to=" + to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        return string.Join('&', parts);
    }

    /// <summary>The filter in words, for the audit entry of an export.</summary>
    public string Describe()
    {
        if (IsEmpty)
        {
            return "no filters";
        }

        var parts = new List<string>(4);
        if (Text is not null)
        {
            parts.Add($"text \"{Text}\"");
        }

        if (Action is not null)
        {
            parts.Add($"action {Action}");
        }

        if (From is { } from)
        {
            parts.Add("from " + from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        if (To is { } to)
        {
            parts.Add("to " + to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        return string.Join(", ", parts);
    }
}

/// <summary>A page of the audit trail, newest first, and the cursor of the next older page (null on the last page).</summary>
public sealed record AuditEntryPage(IReadOnlyList<AuditEntry> Entries, long? Older);

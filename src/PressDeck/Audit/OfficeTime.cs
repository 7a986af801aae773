using System.Globalization;

namespace PressDeck.Audit;

/// <summary>
/// The press office's own clock (Europe/London, so GMT in winter and BST in summer): times are shown in it, and a date a
/// person types ("from 26 March") means that day in it. Instants are stored in UTC everywhere.
/// </summary>
internal static class OfficeTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public static DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    /// <summary>The instant (UTC) the office's day <paramref name="date"/> begins.</summary>
    public static DateTime StartOfDay(DateOnly date) =>
        TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), Zone);

    /// <summary>"26 Nov 2026, 13:45:02" in the office's time.</summary>
    public static string Format(DateTime utc) => ToLocal(utc).ToString("d MMM yyyy, HH:mm:ss", CultureInfo.GetCultureInfo("en-GB"));

    /// <summary>"2026-11-26 13:45:02 UTC".</summary>
    public static string FormatUtc(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}

using System.Globalization;
using PressDeck.Audit;

namespace PressDeck.Publishing;

/// <summary>
/// Turns the date and time a person picks, in the office's time zone (Europe/London), into the instant (UTC) a post is
/// stored with, so a post set for 09:00 goes out at 09:00 on that day whether the clocks have changed in between or not.
/// </summary>
public static class OfficeSchedule
{
    /// <summary>
    /// The UTC instant of <paramref name="date"/> at <paramref name="time"/> in the office's zone. A time that does not
    /// exist (the hour skipped when the clocks go forward) is an error with a message; a time that happens twice (the
    /// hour repeated when they go back) means its first occurrence, in summer time.
    /// </summary>
    public static bool TryToUtc(DateOnly date, TimeOnly time, out DateTime utc, out string? problem)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        var zone = OfficeTime.Zone;
        if (zone.IsInvalidTime(local))
        {
            utc = default;
            problem = $"{time.ToString("HH:mm", CultureInfo.InvariantCulture)} does not happen on {date.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"))}: the clocks go forward an hour. Pick another time.";
            return false;
        }

        if (zone.IsAmbiguousTime(local))
        {
            var offset = zone.GetAmbiguousTimeOffsets(local).Max();
            utc = DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
        }
        else
        {
            utc = TimeZoneInfo.ConvertTimeToUtc(local, zone);
        }

        problem = null;
        return true;
    }

    /// <summary>The office's date and time of a stored instant.</summary>
    public static (DateOnly Date, TimeOnly Time) ToOffice(DateTime utc)
    {
        var local = OfficeTime.ToLocal(utc);
        return (DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local));
    }
}

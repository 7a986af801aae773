using System.Globalization;
using System.Text;

namespace PressDeck.Connectors.Feeds;

/// <summary>
/// Lenient parsing of feed dates (protocols.md 4.1): RFC 822/1123 with numeric offsets, named zones (<c>GMT</c>,
/// <c>EST</c>, <c>PDT</c>, military letters), two-digit years, missing seconds or day names, day names in any language
/// or broken encoding, and ISO 8601 / RFC 3339 as Atom, RSS 1.0 and JSON Feed use. A date without a zone is taken as UTC.
/// </summary>
public static class FeedDates
{
    private static readonly Dictionary<string, int> ZoneMinutes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UT"] = 0,
        ["UTC"] = 0,
        ["GMT"] = 0,
        ["Z"] = 0,
        ["WET"] = 0,
        ["BST"] = 60,
        ["CET"] = 60,
        ["MET"] = 60,
        ["CEST"] = 120,
        ["MEST"] = 120,
        ["EET"] = 120,
        ["EEST"] = 180,
        ["MSK"] = 180,
        ["IST"] = 330,
        ["JST"] = 540,
        ["KST"] = 540,
        ["AEST"] = 600,
        ["AEDT"] = 660,
        ["NZST"] = 720,
        ["NZDT"] = 780,
        ["EST"] = -300,
        ["EDT"] = -240,
        ["CST"] = -360,
        ["CDT"] = -300,
        ["MST"] = -420,
        ["MDT"] = -360,
        ["PST"] = -480,
        ["PDT"] = -420,
        ["AKST"] = -540,
        ["AKDT"] = -480,
        ["HST"] = -600,
    };

    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    private static readonly string[] IsoFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd HH:mmK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss",
        "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd",
    ];

    /// <summary>The instant <paramref name="text"/> names, in UTC; false when it names none.</summary>
    public static bool TryParse(string? text, out DateTime utc)
    {
        utc = default;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 100)
        {
            return false;
        }

        var trimmed = text.Trim();
        if (DateTimeOffset.TryParseExact(trimmed, IsoFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var iso))
        {
            utc = iso.UtcDateTime;
            return IsPlausible(utc);
        }

        return TryParseRfc822(trimmed, out utc) && IsPlausible(utc);
    }

    /// <summary>[day-name ","] day month year hour ":" minute [":" second] [zone], read token by token.</summary>
    private static bool TryParseRfc822(string text, out DateTime utc)
    {
        utc = default;
        var tokens = Tokens(text);

        // Skip a day name in any language or encoding (and anything else before the day of the month).
        var index = tokens.FindIndex(token => char.IsAsciiDigit(token[0]));
        if (index < 0 || tokens.Count - index < 4)
        {
            return false;
        }

        if (!int.TryParse(tokens[index], NumberStyles.None, CultureInfo.InvariantCulture, out var day))
        {
            return false;
        }

        var month = Array.FindIndex(Months, name => tokens[index + 1].StartsWith(name, StringComparison.OrdinalIgnoreCase)) + 1;
        if (month == 0 || !int.TryParse(tokens[index + 2], NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            return false;
        }

        year = year switch
        {
            < 50 => 2000 + year,
            < 100 => 1900 + year,
            _ => year,
        };
        var time = tokens[index + 3].Split(':');
        if (time.Length is < 2 or > 3
            || !int.TryParse(time[0], NumberStyles.None, CultureInfo.InvariantCulture, out var hour)
            || !int.TryParse(time[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minute))
        {
            return false;
        }

        var second = 0;
        if (time.Length == 3 && !int.TryParse(time[2].Split('.')[0], NumberStyles.None, CultureInfo.InvariantCulture, out second))
        {
            return false;
        }

        var offsetMinutes = tokens.Count > index + 4 ? ZoneOffset(tokens[index + 4]) : 0;
        if (offsetMinutes is null || day is < 1 or > 31 || hour > 24 || minute > 59 || second > 60 || year is < 1000 or > 9999 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        var local = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Unspecified)
            .AddHours(hour).AddMinutes(minute).AddSeconds(Math.Min(second, 59));
        utc = DateTime.SpecifyKind(local.AddMinutes(-offsetMinutes.Value), DateTimeKind.Utc);
        return true;
    }

    private static int? ZoneOffset(string zone)
    {
        if (zone[0] is '+' or '-' && zone.Length is 5 or 6)
        {
            var digits = zone[1..].Replace(":", string.Empty, StringComparison.Ordinal);
            if (digits.Length == 4 && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                var minutes = (value / 100 * 60) + (value % 100);
                return zone[0] == '-' ? -minutes : minutes;
            }

            return null;
        }

        if (ZoneMinutes.TryGetValue(zone, out var named))
        {
            return named;
        }

        // Military single letters other than Z are ambiguous in practice (RFC 1123 says so); unknown names are taken as UTC.
        return 0;
    }

    private static List<string> Tokens(string text)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        foreach (var character in text)
        {
            if (char.IsWhiteSpace(character) || character == ',' || (character == '-' && current.Length > 0 && !IsTimeOrZone(current)))
            {
                if (current.Length > 0)
                {
                    tokens.Add(current.ToString());
                    current.Clear();
                }

                continue;
            }

            current.Append(character);
        }

        if (current.Length > 0)
        {
            tokens.Add(current.ToString());
        }

        return tokens;
    }

    /// <summary>Dashes split "07-Jan-2017" but not a zone such as "-0500" that starts a token.</summary>
    private static bool IsTimeOrZone(StringBuilder token) => token.Length > 0 && token[0] is '+' or '-';

    private static bool IsPlausible(DateTime utc) => utc.Year is >= 1990 and <= 2200;
}

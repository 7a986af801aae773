using System.Globalization;
using PressDeck.Core.Publishing;

namespace PressDeck.Publishing;

/// <summary>How a post's length reads in the composer: "212 of 300 characters left" or "12 characters too many".</summary>
public static class PostLengthText
{
    public static string Describe(this PostLengthMeasure measure)
    {
        ArgumentNullException.ThrowIfNull(measure);
        var culture = CultureInfo.GetCultureInfo("en-GB");
        if (measure.IsOverByteLimit)
        {
            return string.Format(culture, "{0:N0} bytes too long (the limit is {1:N0} bytes)", measure.Bytes - measure.ByteLimit, measure.ByteLimit);
        }

        return measure.Remaining >= 0
            ? string.Format(culture, "{0:N0} of {1:N0} {2} left", measure.Remaining, measure.Limit, measure.Unit)
            : string.Format(culture, "{0:N0} {1} too many", -measure.Remaining, measure.Remaining == -1 && measure.Unit.EndsWith('s') ? measure.Unit[..^1] : measure.Unit);
    }
}

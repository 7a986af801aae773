using PressDeck.Audit;

namespace PressDeck.Tests.Audit;

[Trait("Issue", "5")]
public sealed class AuditFilterTests
{
    [Theory]
    [InlineData("2026-01-15", "2026-01-15T00:00:00Z", "2026-01-16T00:00:00Z")]
    [InlineData("2026-07-01", "2026-06-30T23:00:00Z", "2026-07-01T23:00:00Z")]
    [InlineData("2026-03-29", "2026-03-29T00:00:00Z", "2026-03-29T23:00:00Z")]
    public void A_date_means_that_day_in_the_office_in_london(string day, string startUtc, string endUtc)
    {
        Assert.True(AuditFilter.TryParse(null, null, day, day, out var filter, out var problem), problem);

        Assert.Equal(DateTime.Parse(startUtc, null, System.Globalization.DateTimeStyles.RoundtripKind), OfficeTime.StartOfDay(filter.From!.Value));
        Assert.Equal(DateTime.Parse(endUtc, null, System.Globalization.DateTimeStyles.RoundtripKind), OfficeTime.StartOfDay(filter.To!.Value.AddDays(1)));
    }

    [Theory]
    [InlineData(null, "26/11/2026", null, "The \"from\" date is not a date (expected yyyy-mm-dd).")]
    [InlineData(null, null, "tomorrow", "The \"to\" date is not a date (expected yyyy-mm-dd).")]
    [InlineData(null, "2026-11-27", "2026-11-26", "The \"to\" date is before the \"from\" date.")]
    public void A_filter_it_cannot_use_is_refused_with_the_reason(string? text, string? from, string? to, string reason)
    {
        Assert.False(AuditFilter.TryParse(text, null, from, to, out _, out var problem));

        Assert.Equal(reason, problem);
    }

    [Fact]
    public void A_filter_goes_to_the_address_and_back_unchanged()
    {
        Assert.True(AuditFilter.TryParse("  Sam & Priya ", "sign-in", "2026-11-01", "2026-11-26", out var filter, out _));

        var query = System.Web.HttpUtility.ParseQueryString(filter.ToQueryString());

        Assert.True(AuditFilter.TryParse(query["q"], query["action"], query["from"], query["to"], out var again, out _));
        Assert.Equal(filter, again);
        Assert.Equal("Sam & Priya", again.Text);
        Assert.Equal("text \"Sam & Priya\", action sign-in, from 2026-11-01, to 2026-11-26", again.Describe());
        Assert.Equal("no filters", AuditFilter.None.Describe());
    }
}

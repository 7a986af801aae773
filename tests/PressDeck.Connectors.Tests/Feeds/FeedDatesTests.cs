using PressDeck.Connectors.Feeds;

namespace PressDeck.Connectors.Tests.Feeds;

[Trait("Issue", "4")]
public sealed class FeedDatesTests
{
    [Theory]
    [InlineData("Sat, 07 Sep 2002 09:42:31 GMT", "2002-09-07T09:42:31")]
    [InlineData("Sat, 07 Jan 2017 08:52:27 -0500", "2017-01-07T13:52:27")]
    [InlineData("07 Jan 2017 17:12:53 +0300", "2017-01-07T14:12:53")]
    [InlineData("Tue, 10 Jun 2003 04:00 EST", "2003-06-10T09:00:00")]
    [InlineData("Wed, 02 Oct 02 13:00:00 PDT", "2002-10-02T20:00:00")]
    [InlineData("Mo, 19 Aug 2018 07:08:00 +0100", "2018-08-19T06:08:00")]
    [InlineData("19-Aug-2018 07:08:00 GMT", "2018-08-19T07:08:00")]
    [InlineData("2017-01-07T09:00:01-05:00", "2017-01-07T14:00:01")]
    [InlineData("2019-10-12T07:20:50.52Z", "2019-10-12T07:20:50.52")]
    [InlineData("2017-01-23T21:54:55+01:00", "2017-01-23T20:54:55")]
    [InlineData("2024-03-12 05:30:27", "2024-03-12T05:30:27")]
    public void Parses_the_date_forms_real_feeds_use(string text, string utc)
    {
        Assert.True(FeedDates.TryParse(text, out var parsed));

        Assert.Equal(DateTime.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), parsed);
        Assert.Equal(DateTimeKind.Utc, parsed.Kind);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("Ôñé, 29 Éïý 2004 12:53:00 GMT")]
    [InlineData("31 Feb 2020 10:00:00 GMT")]
    [InlineData("Thu, 01 Jan 1970 00:00:00 GMT")]
    public void Refuses_what_names_no_plausible_instant(string? text) =>
        Assert.False(FeedDates.TryParse(text, out _));
}

using PressDeck.Core.Query;

namespace PressDeck.Core.Tests.Query;

/// <summary>Parser fuzzing (issues 2 and 3): random text, nesting and length at the limits, every truncation of valid queries.</summary>
[Trait("Issue", "3")]
public sealed class QueryParserFuzzTests
{
    public static TheoryData<string> ValidQueries => [.. QueryCorpus.ValidQueries];

    [Theory]
    [Trait("Issue", "2")]
    [InlineData(33)]
    [InlineData(100)]
    [InlineData(1000)]
    public void Deep_nesting_is_an_error_not_a_crash(int depth)
    {
        var opening = new string('(', depth) + "a" + new string(')', depth);
        var negated = string.Concat(Enumerable.Repeat("-(a ", depth)) + "b" + new string(')', depth);

        var result = QueryParser.Parse(opening);
        var negatedResult = QueryParser.Parse(negated);

        Assert.False(result.IsValid);
        Assert.Equal(33, result.Error.Position);
        Assert.False(negatedResult.IsValid);
    }

    [Fact]
    [Trait("Issue", "2")]
    public void A_100000_character_input_is_refused_quickly()
    {
        var huge = new string('(', 50_000) + new string('a', 50_000);

        var result = QueryParser.Parse(huge);

        Assert.False(result.IsValid);
        Assert.Equal(2049, result.Error.Position);
    }

    [Theory]
    [Trait("Issue", "2")]
    [MemberData(nameof(ValidQueries))]
    public void Every_truncation_of_a_valid_query_parses_or_gives_a_positioned_error(string query)
    {
        for (var length = 0; length <= query.Length; length++)
        {
            var prefix = query[..length];

            var result = QueryParser.Parse(prefix);

            if (result.IsValid)
            {
                Assert.True(QueryParser.Parse(QueryPrinter.Print(result.Query)).IsValid, prefix);
            }
            else
            {
                Assert.InRange(result.Error.Position, 1, prefix.EnumerateRunes().Count() + 1);
                Assert.False(string.IsNullOrWhiteSpace(result.Error.Message));
            }
        }
    }

    [Fact]
    [Trait("Issue", "2")]
    public void Random_byte_soup_never_throws()
    {
        var random = new Random(2026);
        const string alphabet = "ab é東🎉()\"-#@:*_.ORAND\t\n\u0301\uFE0F\uD800";
        for (var iteration = 0; iteration < 5_000; iteration++)
        {
            var length = random.Next(0, 40);
            var text = new string([.. Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)])]);

            var result = QueryParser.Parse(text);

            Assert.True(result.IsValid != (result.Error is not null), text);
        }
    }
}

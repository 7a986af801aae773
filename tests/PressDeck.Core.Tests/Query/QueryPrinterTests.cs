using PressDeck.Core.Query;

namespace PressDeck.Core.Tests.Query;

public sealed class QueryPrinterTests
{
    public static TheoryData<string> ValidQueries => [.. QueryCorpus.ValidQueries];

    [Theory]
    [Trait("Issue", "2")]
    [MemberData(nameof(ValidQueries))]
    public void Parse_print_parse_gives_the_same_tree(string query)
    {
        var first = QueryParser.Parse(query);
        Assert.True(first.IsValid, first.ToString());

        var printed = QueryPrinter.Print(first.Query);
        var second = QueryParser.Parse(printed);

        Assert.True(second.IsValid, $"{printed}: {second}");
        Assert.Equal(first.Query, second.Query);
        Assert.Equal(printed, QueryPrinter.Print(second.Query));
    }

    [Theory]
    [InlineData("skills bill OR apprentices", "(skills AND bill) OR apprentices")]
    [InlineData("budget -leak", "budget AND NOT leak")]
    [InlineData("(a OR b) c", "(a OR b) AND c")]
    [InlineData("a b OR c d OR e", "(a AND b) OR (c AND d) OR e")]
    [InlineData("-(is:repost OR is:quote) from:@BBC", "NOT (is:repost OR is:quote) AND from:bbc")]
    [InlineData("a -(b c)", "a AND NOT (b AND c)")]
    [InlineData("covid-19", "\"covid 19\"")]
    [InlineData("budget", "budget")]
    public void Explains_how_a_query_was_understood_with_visible_grouping(string query, string explanation)
    {
        var parsed = QueryParser.Parse(query).Query!;

        Assert.Equal(explanation, QueryPrinter.Explain(parsed));
    }

    [Fact]
    public void A_node_prints_itself_as_canonical_query_text()
    {
        var parsed = QueryParser.Parse("Skills  Bill OR #Apprentices").Query!;

        Assert.Equal("skills bill OR #apprentices", parsed.ToString());
    }
}

using PressDeck.Core.Posts;
using PressDeck.Core.Query;
using PressDeck.Core.Tests.Support;
using PressDeck.Core.Text;
using static PressDeck.Core.Tests.Support.PostBuilder;

namespace PressDeck.Core.Tests.Query;

/// <summary>Every row of QUERY-LANGUAGE.md section 8, in order.</summary>
public sealed class QueryLanguageExamplesTests
{
    [Theory]
    [Trait("Issue", "2")]
    [InlineData("apprentices", "More #Apprentices than ever", true)]
    [InlineData("#apprentices", "more apprentices than ever", false)]
    [InlineData("\"skills bill\"", "The Skills-Bill passes", true)]
    [InlineData("\"skills bill\"", "skills for the bill", false)]
    [InlineData("covid-19", "Covid 19 figures out", true)]
    [InlineData("naive", "A naïve plan", true)]
    [InlineData("strasse", "Straße closed", true)]
    [InlineData("emplo*", "Employers welcome it", true)]
    [InlineData("@bbcnews", "thanks @BBCNews.", true)]
    [InlineData("@bbcnews", "email press@bbcnews.com", false)]
    [InlineData("bbcnews", "thanks @bbcnews", false)]
    [InlineData("url:gov.uk", "see https://assets.publishing.gov.uk/x.pdf", true)]
    [InlineData("url:gov.uk/skills", "https://www.gov.uk/skills-bill", true)]
    [InlineData("skills bill OR apprentices", "apprentices rally", true)]
    [InlineData("skills -bill", "skills bill", false)]
    public void Example_rows_with_a_post_text_match_as_the_table_says(string query, string text, bool expected)
    {
        Assert.Equal(expected, Matches(query, Post(text)));
    }

    [Fact]
    [Trait("Issue", "2")]
    public void From_with_an_at_sign_and_capitals_matches_the_author()
    {
        Assert.True(Matches("from:@BBCNews", Post("anything", author: "bbcnews")));
    }

    [Fact]
    [Trait("Issue", "2")]
    public void Skills_bill_or_apprentices_is_understood_as_skills_and_bill_or_apprentices()
    {
        var query = QueryParser.Parse("skills bill OR apprentices").Query!;

        Assert.Equal("(skills AND bill) OR apprentices", QueryPrinter.Explain(query));
    }

    [Fact]
    [Trait("Issue", "2")]
    public void Lang_en_matches_a_post_declared_en_gb()
    {
        Assert.True(Matches("lang:en", Post("hello", languages: ["en-GB"])));
    }

    [Fact]
    [Trait("Issue", "2")]
    public void A_reply_that_also_quotes_is_a_reply_and_a_quote()
    {
        var post = Post("agreed", kind: PostKind.Reply, replyTo: "jo", quoteOf: "q1");

        Assert.True(Matches("is:reply", post));
        Assert.True(Matches("is:quote", post));
    }

    [Fact]
    [Trait("Issue", "2")]
    public void A_repost_matches_the_original_text_and_the_reposter()
    {
        var post = Post("apprentices rally", author: "jo", kind: PostKind.Repost, repostOf: "ft_reporter");

        Assert.True(Matches("rally", post));
        Assert.True(Matches("from:jo", post));
    }

    [Theory]
    [Trait("Issue", "2")]
    [InlineData("-budget", 1, "the query looks for nothing")]
    [InlineData("skills OR", 8, "OR with nothing after it")]
    public void Example_rows_that_are_errors_are_refused(string query, int position, string message)
    {
        var result = QueryParser.Parse(query);

        Assert.False(result.IsValid);
        Assert.Equal(position, result.Error.Position);
        Assert.Contains(message, result.Error.Message, StringComparison.Ordinal);
    }

    private static bool Matches(string query, Post post)
    {
        var parsed = QueryParser.Parse(query);
        Assert.True(parsed.IsValid, parsed.ToString());
        var analyzed = PostAnalyzer.Analyze(post);
        var reference = ReferenceEvaluator.Matches(parsed.Query, analyzed, InMemoryListDirectory.Empty);
        Assert.Equal(reference, CompiledQuery.Compile(parsed.Query).Matches(analyzed, InMemoryListDirectory.Empty));
        return reference;
    }
}

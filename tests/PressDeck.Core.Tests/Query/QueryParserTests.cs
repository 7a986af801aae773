using PressDeck.Core.Posts;
using PressDeck.Core.Query;
using PressDeck.Core.Tests.Support;

namespace PressDeck.Core.Tests.Query;

public sealed class QueryParserTests
{
    [Theory]
    [Trait("Issue", "2")]
    [InlineData("budget", "budget")]
    [InlineData("Budget", "budget")]
    [InlineData("covid-19", "\"covid 19\"")]
    [InlineData("東京", "\"東 京\"")]
    [InlineData("minister's", "\"minister s\"")]
    [InlineData("\"Skills Bill\"", "\"skills bill\"")]
    [InlineData("\"Skills-Bill\"", "\"skills bill\"")]
    [InlineData("\"budget\"", "budget")]
    [InlineData("emplo*", "emplo*")]
    [InlineData("Écon*", "econ*")]
    [InlineData("#Budget", "#budget")]
    [InlineData("#Économie", "#economie")]
    [InlineData("#steel_news", "#steel_news")]
    [InlineData("#予算", "#予算")]
    [InlineData("@BBCNews", "@bbcnews")]
    [InlineData("@bob@mastodon.social", "@bob@mastodon.social")]
    [InlineData("@ft_reporter", "@ft_reporter")]
    [InlineData("from:@BBCNews", "from:bbcnews")]
    [InlineData("FROM:BBC", "from:bbc")]
    [InlineData("from:alice.bsky.social", "from:alice.bsky.social")]
    [InlineData("from:did:plc:Abc123", "from:did:plc:abc123")]
    [InlineData("to:@Jo", "to:jo")]
    [InlineData("list:Ministers", "list:ministers")]
    [InlineData("list:\"Select Committee\"", "list:\"select committee\"")]
    [InlineData("lang:EN", "lang:en")]
    [InlineData("network:bluesky", "network:bluesky")]
    [InlineData("network:Mastodon", "network:mastodon")]
    [InlineData("network:twitter", "network:x")]
    [InlineData("network:X", "network:x")]
    [InlineData("network:rss", "network:rss")]
    [InlineData("network:demo", "network:demo")]
    [InlineData("url:gov.uk", "url:gov.uk")]
    [InlineData("url:gov.uk/skills", "url:gov.uk/skills")]
    [InlineData("url:https://www.GOV.uk/Skills/", "url:gov.uk/skills")]
    [InlineData("https://www.gov.uk/budget?utm_source=x#top", "https://gov.uk/budget")]
    [InlineData("(https://en.wikipedia.org/wiki/Mercury_(planet))", "https://en.wikipedia.org/wiki/mercury_(planet)")]
    [InlineData("has:links", "has:links")]
    [InlineData("has:media", "has:media")]
    [InlineData("has:images", "has:images")]
    [InlineData("has:video", "has:video")]
    [InlineData("has:videos", "has:video")]
    [InlineData("is:reply", "is:reply")]
    [InlineData("is:quote", "is:quote")]
    [InlineData("is:repost", "is:repost")]
    [InlineData("IS:RETWEET", "is:repost")]
    [InlineData("10:30", "\"10 30\"")]
    [InlineData("note:", "note")]
    [InlineData("東京:会議", "\"東 京 会 議\"")]
    [InlineData("and or not NOT", "and or not not")]
    [InlineData("a AND b", "a b")]
    [InlineData("skills bill OR apprentices", "skills bill OR apprentices")]
    [InlineData("(a OR b) c", "(a OR b) c")]
    [InlineData("((a))", "a")]
    [InlineData("(a b) c", "a b c")]
    [InlineData("a OR (b OR c)", "a OR b OR c")]
    [InlineData("budget -leak", "budget -leak")]
    [InlineData("-(is:repost OR is:quote) budget", "-(is:repost OR is:quote) budget")]
    [InlineData("lang:fr -budget", "lang:fr -budget")]
    [InlineData("budget -\"skills bill\" -#leak -from:jo", "budget -\"skills bill\" -#leak -from:jo")]
    [InlineData("a -(b c)", "a -(b c)")]
    [InlineData("  spaced\t\nout  ", "spaced out")]
    public void Parses_every_construct_to_its_canonical_form(string query, string canonical)
    {
        var result = QueryParser.Parse(query);

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(canonical, QueryPrinter.Print(result.Query));
    }

    [Fact]
    [Trait("Issue", "2")]
    public void Parses_clauses_into_typed_nodes()
    {
        var query = QueryParser.Parse("budget \"skills bill\" emplo* #tag @bob from:bbc to:jo list:ministers lang:en network:x url:gov.uk/a https://gov.uk/b has:images is:quote").Query;

        var expected = new AndNode(
        [
            new WordNode("budget"),
            new PhraseNode(["skills", "bill"]),
            new PrefixNode("emplo"),
            new HashtagNode("tag"),
            new MentionNode("bob"),
            new FromNode("bbc"),
            new ToNode("jo"),
            new ListNode("ministers"),
            new LangNode("en"),
            new NetworkNode(Network.X),
            new UrlNode("gov.uk", "/a"),
            new LinkPageNode("gov.uk", "/b"),
            new HasNode(HasFilter.Images),
            new IsNode(IsFilter.Quote),
        ]);
        Assert.Equal(expected, query);
    }

    [Fact]
    [Trait("Issue", "2")]
    public void And_binds_tighter_than_or()
    {
        var query = QueryParser.Parse("skills bill OR apprentices").Query;

        Assert.Equal(new OrNode([new AndNode([new WordNode("skills"), new WordNode("bill")]), new WordNode("apprentices")]), query);
    }

    [Fact]
    [Trait("Issue", "2")]
    public void A_minus_negates_a_clause_or_a_group()
    {
        var query = QueryParser.Parse("budget -leak -(is:repost OR is:quote)").Query;

        var expected = new AndNode(
        [
            new WordNode("budget"),
            new NotNode(new WordNode("leak")),
            new NotNode(new OrNode([new IsNode(IsFilter.Repost), new IsNode(IsFilter.Quote)])),
        ]);
        Assert.Equal(expected, query);
    }

    [Theory]
    [Trait("Issue", "2")]
    [InlineData("", 1, "empty")]
    [InlineData("   ", 1, "empty")]
    [InlineData("(skills", 1, "'(' is never closed")]
    [InlineData("a (b OR c", 3, "'(' is never closed")]
    [InlineData("skills)", 7, "')' has no matching '('")]
    [InlineData(") skills", 1, "')' has no matching '('")]
    [InlineData("\"skills bill", 1, "unbalanced quote")]
    [InlineData("a \"b", 3, "unbalanced quote")]
    [InlineData("list:\"two words", 6, "unbalanced quote")]
    [InlineData("skills OR", 8, "OR with nothing after it")]
    [InlineData("OR skills", 1, "OR with nothing before it")]
    [InlineData("a OR OR b", 3, "OR with nothing after it")]
    [InlineData("(a OR) b", 4, "OR with nothing after it")]
    [InlineData("(OR a)", 2, "OR with nothing before it")]
    [InlineData("skills AND", 8, "AND with nothing after it")]
    [InlineData("AND skills", 1, "AND with nothing before it")]
    [InlineData("a AND OR b", 3, "AND with nothing after it")]
    [InlineData("-", 1, "lone '-'")]
    [InlineData("budget - leak", 8, "lone '-'")]
    [InlineData("budget -", 8, "lone '-'")]
    [InlineData("(budget -)", 9, "lone '-'")]
    [InlineData("--budget", 2, "only once")]
    [InlineData("a -OR b", 3, "directly in front")]
    [InlineData("form:x", 1, "unknown operator 'form'")]
    [InlineData("budget FORM:x", 8, "unknown operator 'FORM'")]
    [InlineData("note:x", 1, "unknown operator 'note'")]
    [InlineData("http:x", 1, "unknown operator 'http'")]
    [InlineData("network:myspace", 9, "unknown network 'myspace'")]
    [InlineData("lang:xx", 6, "unknown language 'xx'")]
    [InlineData("lang:eng", 6, "unknown language 'eng'")]
    [InlineData("lang:en-GB", 6, "write lang:en instead of lang:en-GB")]
    [InlineData("has:pictures", 5, "unknown has: value 'pictures'")]
    [InlineData("is:thread", 4, "unknown is: value 'thread'")]
    [InlineData("min_likes:100", 1, "reserved for a later version")]
    [InlineData("budget min_reposts:5", 8, "reserved for a later version")]
    [InlineData("from:", 1, "from: needs a value")]
    [InlineData("budget to:", 8, "to: needs a value")]
    [InlineData("list:", 1, "list: needs a value")]
    [InlineData("list:\"\"", 1, "list: needs a value")]
    [InlineData("url:", 1, "url: needs a value")]
    [InlineData("url:<>", 5, "not a host")]
    [InlineData("url:ex_ample.com", 5, "not a host")]
    [InlineData("from:@", 6, "'@' needs a handle")]
    [InlineData("from:bbc's", 9, "cannot be part of a handle")]
    [InlineData("em*", 1, "at least 3 characters")]
    [InlineData("東京*", 1, "single word")]
    [InlineData("covid-1*", 1, "single word")]
    [InlineData("*", 1, "nothing to search for")]
    [InlineData("🎉", 1, "nothing to search for")]
    [InlineData("budget !!!", 8, "nothing to search for")]
    [InlineData("\"...\"", 1, "nothing to search for")]
    [InlineData("#steel-news", 7, "'-' cannot be part of a hashtag")]
    [InlineData("𝐁udget #steel-news", 14, "'-' cannot be part of a hashtag")]
    [InlineData("#tag:", 5, "cannot be part of a hashtag")]
    [InlineData("#bud*", 5, "works on words only")]
    [InlineData("#2026", 1, "only digits")]
    [InlineData("#", 1, "needs a hashtag")]
    [InlineData("@", 1, "needs a handle")]
    [InlineData("@bbc's", 5, "cannot be part of a mention")]
    [InlineData("@bbcnews.", 9, "cannot end with '.'")]
    [InlineData("@bob@", 5, "must be followed by a domain")]
    [InlineData("@bbc*", 5, "works on words only")]
    [InlineData("https://", 1, "not a link")]
    [InlineData("()", 1, "empty group")]
    [InlineData("a () b", 3, "empty group")]
    [InlineData("-budget", 1, "the query looks for nothing")]
    [InlineData("-budget -leak", 1, "the query looks for nothing")]
    [InlineData("-budget OR steel", 1, "looks for nothing")]
    [InlineData("steel OR -budget", 10, "looks for nothing")]
    [InlineData("-(is:repost OR is:quote)", 1, "looks for nothing")]
    [InlineData("-(steel budget)", 1, "looks for nothing")]
    [InlineData("steel -(-budget)", 9, "looks for nothing")]
    [InlineData("steel (-budget OR leak)", 8, "looks for nothing")]
    public void Refuses_an_invalid_query_with_the_position_of_the_problem(string query, int position, string message)
    {
        var result = QueryParser.Parse(query);

        Assert.False(result.IsValid);
        Assert.Null(result.Query);
        Assert.Equal(position, result.Error.Position);
        Assert.Contains(message, result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Issue", "2")]
    public void An_unknown_list_is_an_error_only_when_a_directory_is_given()
    {
        var withoutDirectory = QueryParser.Parse("budget list:nobody");
        var withDirectory = QueryParser.Parse("budget list:nobody", InMemoryListDirectory.Sample);
        var knownList = QueryParser.Parse("list:\"select committee\"", InMemoryListDirectory.Sample);

        Assert.True(withoutDirectory.IsValid);
        Assert.False(withDirectory.IsValid);
        Assert.Equal(new QueryError("unknown list 'nobody'", 13), withDirectory.Error);
        Assert.True(knownList.IsValid);
    }

    [Fact]
    [Trait("Issue", "2")]
    public void Accepts_2048_characters_and_refuses_2049()
    {
        var longest = string.Join(' ', Enumerable.Repeat("abcdefgh", 228))[..2047] + "d";
        var tooLong = longest + "e";

        Assert.True(QueryParser.Parse(longest).IsValid);
        Assert.Equal(2049, QueryParser.Parse(tooLong).Error?.Position);
        Assert.Contains("longer than 2,048 characters", QueryParser.Parse(tooLong).Error?.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Issue", "2")]
    public void Counts_length_in_code_points_not_utf16_units()
    {
        var emojiAndWords = string.Concat(Enumerable.Repeat("🎉abcdefg ", 227)) + "abcde";

        var result = QueryParser.Parse(emojiAndWords);

        Assert.Equal(2048, emojiAndWords.EnumerateRunes().Count());
        Assert.True(result.IsValid, result.ToString());
    }

    [Fact]
    [Trait("Issue", "2")]
    public void Accepts_256_clauses_and_refuses_the_257th_at_its_position()
    {
        var clauses = Enumerable.Range(0, 257).Select(index => "w" + index.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var allowed = string.Join(' ', clauses[..256]);
        var tooMany = string.Join(' ', clauses);

        var result = QueryParser.Parse(tooMany);

        Assert.True(QueryParser.Parse(allowed).IsValid);
        Assert.False(result.IsValid);
        Assert.Equal(allowed.Length + 2, result.Error.Position);
        Assert.Contains("more than 256 clauses", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Issue", "2")]
    public void Accepts_32_nested_groups_and_refuses_33()
    {
        var allowed = new string('(', 32) + "a" + new string(')', 32);
        var tooDeep = new string('(', 33) + "a" + new string(')', 33);

        var result = QueryParser.Parse(tooDeep);

        Assert.True(QueryParser.Parse(allowed).IsValid);
        Assert.False(result.IsValid);
        Assert.Equal(33, result.Error.Position);
        Assert.Contains("nested deeper than 32", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_null_query_is_an_empty_query_not_an_exception()
    {
        var result = QueryParser.Parse(null!);

        Assert.Equal(new QueryError("the query is empty", 1), result.Error);
    }
}

using PressDeck.Connectors.X;
using PressDeck.Core.Query;

namespace PressDeck.Connectors.Tests.X;

[Trait("Issue", "4")]
public sealed class XRuleTranslatorTests
{
    private static readonly XRuleTranslator Pro = new(XRuleLimits.Pro);

    [Theory]
    [InlineData("budget", "budget")]
    [InlineData("\"skills bill\"", "\"skills bill\"")]
    [InlineData("covid-19", "\"covid 19\"")]
    [InlineData("#Budget", "#budget")]
    [InlineData("@BBCNews", "@bbcnews")]
    [InlineData("from:@bbcnews", "from:bbcnews")]
    [InlineData("to:dfe", "to:dfe")]
    [InlineData("budget is:reply", "budget is:reply")]
    [InlineData("budget is:quote", "budget is:quote")]
    [InlineData("budget is:repost", "budget is:retweet")]
    [InlineData("budget has:media", "budget has:media")]
    [InlineData("budget has:links", "budget has:links")]
    [InlineData("budget has:images", "budget has:images")]
    [InlineData("budget lang:fr", "budget lang:fr")]
    [InlineData("budget OR steel", "budget OR steel")]
    [InlineData("skills bill OR apprentices", "skills bill OR apprentices")]
    [InlineData("(budget OR steel) -leak", "(budget OR steel) -leak")]
    [InlineData("budget -(leak OR rumour)", "budget -leak -rumour")]
    [InlineData("budget -is:repost -from:spam_bot", "budget -is:retweet -from:spam_bot")]
    [InlineData("budget network:x", "budget")]
    [InlineData("from:alice.bsky.social OR budget", "budget")]
    [InlineData("budget -from:bob@mastodon.social", "budget")]
    public void Operators_X_has_translate_exactly(string query, string rule)
    {
        var translation = Pro.Translate("q", Parse(query));

        Assert.Equal(XTranslationOutcome.Exact, translation.Outcome);
        Assert.Equal([rule], translation.RuleValues);
    }

    [Theory]
    [InlineData("budg* steel", "steel", "'budg*': X has no prefix match")]
    [InlineData("steel list:journalists", "steel", "list:journalists: PressDeck lists are not X lists")]
    [InlineData("steel has:video", "steel has:media", "has:video: X's has:videos leaves out GIFs")]
    [InlineData("url:gov.uk/skills", "url:\"gov.uk/skills\"", "url:gov.uk/skills: X matches URLs by tokens")]
    [InlineData("steel -(budget tax)", "steel", "-(budget tax): X cannot exclude a combination")]
    [InlineData("steel -url:gov.uk", "steel", "-url:gov.uk: X can only exclude it approximately")]
    [InlineData("steel (budg* OR tax)", "steel", "'budg*': X has no prefix match")]
    public void What_X_cannot_express_is_left_out_only_where_that_selects_more_and_is_noted(string query, string rule, string note)
    {
        var translation = Pro.Translate("q", Parse(query));

        Assert.Equal(XTranslationOutcome.Broadened, translation.Outcome);
        Assert.Equal([rule], translation.RuleValues);
        Assert.Contains(translation.Notes, line => line.StartsWith(note, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("from:alice.bsky.social")]
    [InlineData("budget network:bluesky")]
    [InlineData("@bob@mastodon.social OR network:rss")]
    public void Queries_no_X_post_can_match_need_no_rule(string query)
    {
        var translation = Pro.Translate("q", Parse(query));

        Assert.Equal(XTranslationOutcome.NotNeeded, translation.Outcome);
        Assert.Empty(translation.RuleValues);
    }

    [Theory]
    [InlineData("is:reply lang:en", "X needs a word, phrase, #hashtag, @mention, from:, to: or url: in every rule")]
    [InlineData("budget OR has:media", "X needs a word, phrase, #hashtag, @mention, from:, to: or url: in every rule")]
    [InlineData("has:images budg*", "X needs a word, phrase, #hashtag, @mention, from:, to: or url: in every rule")]
    [InlineData("budg*", "nothing in it that narrows the stream can be written as an X rule")]
    [InlineData("network:x", "it would need every X post")]
    public void Queries_without_a_sound_rule_are_refused_with_the_reason(string query, string reason)
    {
        var translation = Pro.Translate("q", Parse(query));

        Assert.Equal(XTranslationOutcome.Refused, translation.Outcome);
        Assert.StartsWith(reason, translation.Reason, StringComparison.Ordinal);
        Assert.Empty(translation.RuleValues);
    }

    [Fact]
    public void A_query_longer_than_a_rule_is_split_at_its_top_level_ORs_into_rules_that_fit()
    {
        var translator = new XRuleTranslator(new XRuleLimits(10, 40));
        var query = "alpha OR bravo OR charlie delta OR echo OR foxtrot OR golf OR hotel OR india OR juliet";

        var translation = translator.Translate("q", Parse(query));

        Assert.Equal(XTranslationOutcome.Exact, translation.Outcome);
        Assert.True(translation.RuleValues.Count > 1);
        Assert.All(translation.RuleValues, value => Assert.InRange(value.Length, 1, 40));
        Assert.Equal(
            ["alpha", "bravo", "charlie delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet"],
            translation.RuleValues.SelectMany(value => value.Split(" OR ")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_part_longer_than_a_rule_with_no_OR_to_split_at_is_refused()
    {
        var translator = new XRuleTranslator(XRuleLimits.Basic);
        var query = string.Join(' ', Enumerable.Range(0, 80).Select(index => "word" + index));

        var translation = translator.Translate("q", Parse(query));

        Assert.Equal(XTranslationOutcome.Refused, translation.Outcome);
        Assert.Contains("and the tier allows 512", translation.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void With_room_each_query_has_its_own_rule_tagged_with_it_and_equal_rules_are_shared()
    {
        var plan = Pro.Plan([Query("budget", "#Budget"), Query("steel", "steel OR tata"), Query("also-budget", "#budget")]);

        Assert.Equal([new XRule("#budget", "pressdeck:budget,also-budget"), new XRule("steel OR tata", "pressdeck:steel")], plan.Rules);
        Assert.All(plan.Queries, query => Assert.Equal(XTranslationOutcome.Exact, query.Outcome));
    }

    [Fact]
    public void Past_the_rule_count_queries_are_merged_with_OR_and_tags_list_every_query_a_rule_serves()
    {
        var translator = new XRuleTranslator(new XRuleLimits(2, 50));
        string[] words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot"];

        var plan = translator.Plan([.. words.Select(word => Query("q-" + word, word + " lang:en"))]);

        Assert.Equal(2, plan.Rules.Count);
        Assert.All(plan.Rules, rule => Assert.InRange(rule.Value.Length, 1, 50));
        Assert.Equal(
            words.Select(word => "q-" + word),
            plan.Rules.SelectMany(rule => XRuleTag.TryParse(rule.Tag, out var ids) ? ids : []));
        Assert.Equal("alpha lang:en OR bravo lang:en OR charlie lang:en", plan.Rules[0].Value);
        Assert.All(plan.Queries, query => Assert.Equal(XTranslationOutcome.Exact, query.Outcome));
        Assert.All(plan.Queries, query => Assert.Contains("merged with other queries into shared rules to fit the tier's rule count", query.Notes));
    }

    [Fact]
    public void Queries_that_do_not_fit_the_tier_are_refused_last_first_and_take_no_room()
    {
        var translator = new XRuleTranslator(new XRuleLimits(1, 16));

        var plan = translator.Plan([Query("a", "alpha"), Query("b", "bravo"), Query("c", "charlie"), Query("d", "no")]);

        Assert.Equal([new XRule("alpha OR bravo", "pressdeck:a,b")], plan.Rules);
        Assert.Equal([XTranslationOutcome.Exact, XTranslationOutcome.Exact, XTranslationOutcome.Refused, XTranslationOutcome.Refused], plan.Queries.Select(query => query.Outcome));
        Assert.StartsWith("no room: the tier allows 1 rules of 16 characters", plan.Queries[2].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Tags_carry_any_query_id_and_read_back()
    {
        var tag = XRuleTag.Format(["column 7", "alert,3", "inbox/é"]);

        Assert.True(XRuleTag.TryParse(tag, out var ids));
        Assert.Equal(["column 7", "alert,3", "inbox/é"], ids);
        Assert.False(XRuleTag.TryParse("cats with images", out _));
    }

    private static XStandingQuery Query(string id, string text) => new(id, Parse(text));

    private static QueryNode Parse(string text)
    {
        var result = QueryParser.Parse(text);
        Assert.True(result.IsValid, result.ToString());
        return result.Query;
    }
}

using Microsoft.Extensions.Options;
using PressDeck.Connectors.X;
using PressDeck.Core.Query;
using PressDeck.Testing;

namespace PressDeck.Connectors.Tests.X;

[Trait("Issue", "4")]
public sealed class XRuleReconcilerTests
{
    private static readonly XBearerToken Token = new(FakeXServer.BearerToken);

    [Fact]
    public void The_diff_keeps_wanted_rules_deletes_stale_and_duplicate_PressDeck_rules_and_leaves_others_alone()
    {
        XRule[] wanted = [new("budget", "pressdeck:a"), new("steel", "pressdeck:b"), new("tata", "pressdeck:c")];
        XStreamRule[] existing =
        [
            new("1", "budget", "pressdeck:a"),
            new("2", "budget", "pressdeck:a"),
            new("3", "steel", "pressdeck:b,old"),
            new("4", "cat has:images", "cats with images"),
            new("5", "old query", "pressdeck:old"),
        ];

        var changes = XRuleReconciler.Diff(wanted, existing);

        Assert.Equal(["1"], changes.Kept.Select(rule => rule.Id));
        Assert.Equal(["2", "3", "5"], changes.ToDelete.Select(rule => rule.Id));
        Assert.Equal([new XRule("steel", "pressdeck:b"), new XRule("tata", "pressdeck:c")], changes.ToAdd);
    }

    [Fact]
    public async Task Applying_a_plan_on_the_fake_X_leaves_exactly_the_wanted_rules_beside_others_and_a_second_run_changes_nothing()
    {
        await using var server = await FakeXServer.StartAsync();
        server.AddRule("cat has:images", "cats with images");
        server.AddRule("old query", "pressdeck:gone");
        server.AddRule("budget", "pressdeck:budget");
        var plan = new XRuleTranslator(XRuleLimits.Pro).Plan([new XStandingQuery("budget", Parse("budget")), new XStandingQuery("steel", Parse("steel -is:repost"))]);
        var reconciler = new XRuleReconciler(RulesClient(server));

        var (changes, result) = await reconciler.ApplyAsync(plan.Rules, dryRun: false, Token, TestContext.Current.CancellationToken);
        var (again, _) = await reconciler.ApplyAsync(plan.Rules, dryRun: false, Token, TestContext.Current.CancellationToken);

        Assert.Equal(["old query"], changes.ToDelete.Select(rule => rule.Value));
        Assert.Equal(1, result.Deleted);
        Assert.Equal(["steel -is:retweet"], result.Created.Select(rule => rule.Value));
        Assert.Empty(result.Problems);
        Assert.Equal(
            [("cat has:images", "cats with images"), ("budget", "pressdeck:budget"), ("steel -is:retweet", "pressdeck:steel")],
            server.Rules.Select(rule => (rule.Value, rule.Tag)));
        Assert.True(again.IsEmpty);
    }

    [Fact]
    public async Task A_dry_run_changes_nothing_on_X()
    {
        await using var server = await FakeXServer.StartAsync();
        server.AddRule("old query", "pressdeck:gone");
        var reconciler = new XRuleReconciler(RulesClient(server));

        var (changes, result) = await reconciler.ApplyAsync([new XRule("budget", "pressdeck:budget")], dryRun: true, Token, TestContext.Current.CancellationToken);

        Assert.Single(changes.ToAdd);
        Assert.Single(result.Created);
        Assert.Contains("POST /2/tweets/search/stream/rules?dry_run=true", server.Requests);
        Assert.Equal([("old query", "pressdeck:gone")], server.Rules.Select(rule => (rule.Value, rule.Tag)));
    }

    [Fact]
    public async Task X_rule_problems_come_back_per_rule_without_failing_the_call()
    {
        await using var server = await FakeXServer.StartAsync();
        server.AddRule("budget", "someone else");
        server.MaxRules = 2;
        var rules = RulesClient(server);

        var result = await rules.AddRulesAsync([new XRule("budget", "pressdeck:a"), new XRule("steel", "pressdeck:b"), new XRule("tata", "pressdeck:c")], dryRun: false, Token, TestContext.Current.CancellationToken);

        Assert.Equal(["steel"], result.Created.Select(rule => rule.Value));
        Assert.Equal(["duplicate-rules", "rule-cap"], result.Problems.Select(problem => problem.Type));
        Assert.Equal("budget", result.Problems[0].Value);
    }

    [Fact]
    public async Task Rules_calls_refused_by_X_throw_with_the_reason()
    {
        await using var server = await FakeXServer.StartAsync();
        var rules = RulesClient(server);

        var exception = await Assert.ThrowsAsync<XApiException>(() => rules.GetRulesAsync(new XBearerToken("wrong"), TestContext.Current.CancellationToken));

        Assert.Equal("list rules answered 401 (the token was refused): Unauthorized", exception.Message);
    }

    private static XStreamRulesClient RulesClient(FakeXServer server) =>
        new(new HttpClient(), Options.Create(new XOptions { ApiUrl = server.Url }), TimeProvider.System);

    private static QueryNode Parse(string text) => QueryParser.Parse(text).Query!;
}

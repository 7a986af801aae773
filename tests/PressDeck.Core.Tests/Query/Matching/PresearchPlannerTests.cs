using PressDeck.Core.Query;
using PressDeck.Core.Query.Matching;
using PressDeck.Core.Tests.Support;

namespace PressDeck.Core.Tests.Query.Matching;

public sealed class PresearchPlannerTests
{
    [Theory]
    [Trait("Issue", "3")]
    [InlineData("skills apprenticeships", "")]
    [InlineData("skills \"apprenticeship levy\"", "")]
    [InlineData("skills (apprenticeships OR #skillsbill OR @dfe.gov.uk)", "")]
    [InlineData("skills (apprenticeships OR (#skillsbill OR \"apprenticeship levy\")) lang:en -is:reply", "")]
    [InlineData("skills -levy", "[NOT levy]")]
    [InlineData("\"new apprenticeship levy\"", "[\"new apprenticeship levy\"]")]
    [InlineData("skills (apprenticeships OR \"new apprenticeship levy\")", "[apprenticeships OR \"new apprenticeship levy\"]")]
    [InlineData("skills (apprenticeships OR levy -budget)", "[apprenticeships OR (levy AND NOT budget)]")]
    public void Leaves_to_evaluation_only_what_the_passes_and_attributes_do_not_decide(string query, string residual)
    {
        var parsed = QueryParser.Parse(query, InMemoryListDirectory.Sample);
        Assert.True(parsed.IsValid, parsed.ToString());

        var plan = PresearchPlanner.Plan(parsed.Query);

        Assert.NotEmpty(plan.Passes);
        Assert.Equal(residual, string.Concat(plan.Residual.Select(operand => $"[{QueryPrinter.Explain(operand)}]")));
    }
}

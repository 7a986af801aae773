using System.Reflection;
using PressDeck.Audit;

namespace PressDeck.Tests.Audit;

[Trait("Issue", "5")]
public sealed class AuditActionLabelsTests
{
    [Fact]
    public void Every_action_the_trail_can_record_has_its_own_label_in_words()
    {
        var actions = typeof(AuditActions).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral)
            .Select(field => field.GetRawConstantValue() as string ?? "")
            .ToList();

        Assert.Equal(actions.Order(StringComparer.Ordinal), AuditActionLabels.All.Select(pair => pair.Key).Order(StringComparer.Ordinal));
        Assert.Equal(actions.Count, AuditActionLabels.All.Select(pair => pair.Value).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal("Signed in", AuditActionLabels.Of(AuditActions.SignIn));
        Assert.Equal("Failed sign-in", AuditActionLabels.Of(AuditActions.SignInFailed));
        Assert.Equal("Refused access", AuditActionLabels.Of(AuditActions.AccessRefused));
        Assert.Equal("something.new", AuditActionLabels.Of("something.new"));
    }
}

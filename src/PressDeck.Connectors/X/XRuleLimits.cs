namespace PressDeck.Connectors.X;

/// <summary>
/// How many stream rules a tier allows and how long each may be (protocols.md 3.3). Pro and pay-per-use:
/// 1,000 × 1,024; Enterprise: 25,000 × 2,048. The older Basic limits (25 × 512) are unconfirmed.
/// </summary>
public sealed record XRuleLimits(int MaxRules, int MaxRuleLength)
{
    public static XRuleLimits Pro { get; } = new(1000, 1024);

    public static XRuleLimits PayPerUse { get; } = new(1000, 1024);

    public static XRuleLimits Enterprise { get; } = new(25_000, 2048);

    public static XRuleLimits Basic { get; } = new(25, 512);

    public static XRuleLimits From(XOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new XRuleLimits(options.MaxRules, options.MaxRuleLength);
    }
}

using PressDeck.Core.Posts;

namespace PressDeck.Connectors.Demo;

/// <summary>
/// A simulated account. <paramref name="Description"/> is the profile line ("Political correspondent, The Northern
/// Chronicle"); <paramref name="Affiliation"/> is the outlet, organisation or constituency, if any;
/// <paramref name="Language"/> is the language the account mostly writes in (<c>en-GB</c>, <c>cy</c> or <c>fr</c>).
/// </summary>
public sealed record DemoAccount(
    Author Author,
    DemoAccountRole Role,
    string Description,
    string? Affiliation,
    string Language)
{
    public string Handle => Author.Handle;

    internal DemoOutlet? Outlet { get; init; }

    internal DemoOrganisation? Organisation { get; init; }

    /// <summary>For politicians: a member of the government (speaks for the department) rather than the opposition.</summary>
    internal bool IsGovernment { get; init; }

    internal string FirstName => Author.DisplayName.Split(' ')[0];
}

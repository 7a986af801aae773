using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using PressDeck.Data.Identity;

namespace PressDeck.Team;

/// <summary>The claims a signed-in person carries besides Identity's own: their display name.</summary>
public sealed class PersonClaims(UserManager<AppUser> userManager, RoleManager<IdentityRole> roleManager, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(userManager, roleManager, options)
{
    public const string DisplayName = "pressdeck:name";

    public static string NameOf(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var name = principal.FindFirstValue(DisplayName);
        return string.IsNullOrWhiteSpace(name) ? principal.Identity?.Name ?? "" : name;
    }

    /// <summary>"Sam Lead &lt;lead@press.example.gov.uk&gt;", as the audit trail names people.</summary>
    public static string NameAndEmail(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var name = principal.FindFirstValue(DisplayName);
        var email = principal.Identity?.Name ?? "";
        return string.IsNullOrWhiteSpace(name) ? email : $"{name} <{email}>";
    }

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(DisplayName, user.DisplayName));
        return identity;
    }
}

using System.Security.Claims;
using PressDeck.Data.Identity;
using PressDeck.Team;

namespace PressDeck.Audit;

/// <summary>Who did something, for the audit trail: the person's id and name as they are now, and the address they came from.</summary>
public sealed record AuditActor(string Id, string Name, string IpAddress)
{
    /// <summary>PressDeck itself (background work, the command line).</summary>
    public static readonly AuditActor System = new("", "PressDeck", "");

    public static AuditActor From(ClaimsPrincipal? principal, HttpContext? httpContext)
    {
        var address = httpContext?.Connection.RemoteIpAddress?.ToString() ?? "";
        if (principal?.Identity?.IsAuthenticated != true)
        {
            return new AuditActor("", "anonymous", address);
        }

        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        return new AuditActor(id, PersonClaims.NameAndEmail(principal), address);
    }

    /// <summary>A person acting before (or while) they are signed in: at sign-in, set-up, accepting an invitation.</summary>
    public static AuditActor For(AppUser person, HttpContext? httpContext)
    {
        ArgumentNullException.ThrowIfNull(person);
        return new(person.Id, Describe(person), httpContext?.Connection.RemoteIpAddress?.ToString() ?? "");
    }

    /// <summary>"Sam Lead &lt;lead@press.example.gov.uk&gt;", as the audit trail names people.</summary>
    public static string Describe(AppUser person)
    {
        ArgumentNullException.ThrowIfNull(person);
        return $"{person.DisplayName} <{person.Email}>";
    }

    /// <summary>Someone who is not signed in but said who they are (a failed sign-in's typed email address).</summary>
    public static AuditActor Anonymous(string claimedName, HttpContext? httpContext) =>
        new("", claimedName, httpContext?.Connection.RemoteIpAddress?.ToString() ?? "");
}

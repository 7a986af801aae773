using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using PressDeck.Audit;
using PressDeck.Data.Identity;

namespace PressDeck.Team;

/// <summary>
/// The server-side check in front of every action a person takes from a page: it reads the person and their role from
/// the database (not from what the browser last saw), refuses a deactivated person or a role without the permission,
/// and writes every refusal to the audit trail. Hiding a button is a courtesy; this is the rule.
/// </summary>
public sealed class PermissionGate(
    AuthenticationStateProvider ownAuthenticationStateProvider,
    CircuitServicesAccessor circuit,
    UserManager<AppUser> userManager,
    AuditLog auditLog,
    IHttpContextAccessor httpContextAccessor)
{
    // Inside a circuit, the circuit's own state (this scope may be a page's short-lived one); otherwise this scope's.
    private AuthenticationStateProvider AuthenticationStateProvider =>
        circuit.Services?.GetService<AuthenticationStateProvider>() ?? ownAuthenticationStateProvider;

    /// <summary>The signed-in person if their role grants <paramref name="permission"/>; otherwise the refusal is audited and thrown.</summary>
    public async Task<Person> DemandAsync(string permission, string target)
    {
        var person = await CurrentAsync();
        if (person is not null && Permissions.Allows(person.Role, permission))
        {
            return person;
        }

        var state = await AuthenticationStateProvider.GetAuthenticationStateAsync();
        var actor = AuditActor.From(state.User, httpContextAccessor.HttpContext);
        var why = person is null ? "not signed in, or deactivated" : $"role {person.Role} lacks {permission}";
        await auditLog.WriteAsync(actor, AuditActions.AccessRefused, target, why);
        throw new PermissionDeniedException(permission, person is null
            ? "You are no longer signed in. Sign in again to go on."
            : $"Your role ({Roles.Title(person.Role)}) does not allow this. Ask your digital communications lead if you need it.");
    }

    /// <summary>
    /// Demands <paramref name="permission"/> and that the signed-in person is <paramref name="ownerUserId"/>: for acting on
    /// something that belongs to one person (their deck).
    /// </summary>
    public async Task<Person> DemandOwnAsync(string ownerUserId, string permission, string target)
    {
        var person = await DemandAsync(permission, target);
        if (person.Id == ownerUserId)
        {
            return person;
        }

        await auditLog.WriteAsync(person.Actor, AuditActions.AccessRefused, target, "belongs to someone else");
        throw new PermissionDeniedException(permission, "That belongs to someone else's deck.");
    }

    /// <summary>True when the signed-in person's role grants <paramref name="permission"/> (for showing or hiding controls).</summary>
    public async Task<bool> AllowsAsync(string permission)
    {
        var person = await CurrentAsync();
        return person is not null && Permissions.Allows(person.Role, permission);
    }

    /// <summary>The signed-in, active person as the database has them now, or null.</summary>
    public async Task<Person?> CurrentAsync()
    {
        var state = await AuthenticationStateProvider.GetAuthenticationStateAsync();
        var id = userManager.GetUserId(state.User);
        if (id is null)
        {
            return null;
        }

        var user = await userManager.FindByIdAsync(id);
        if (user is null || !user.IsActive)
        {
            return null;
        }

        var roles = await userManager.GetRolesAsync(user);
        var role = Roles.All.FirstOrDefault(r => roles.Contains(r, StringComparer.Ordinal)) ?? Roles.Viewer;
        return new Person(user.Id, user.DisplayName, user.Email ?? "", role, AuditActor.From(state.User, httpContextAccessor.HttpContext));
    }
}

/// <summary>A signed-in person as the permission check found them.</summary>
public sealed record Person(string Id, string Name, string Email, string Role, AuditActor Actor)
{
    /// <summary>Trainees see and do everything in the training sandbox (the demo network) only.</summary>
    public bool SandboxOnly => Role == Roles.Trainee;
}

/// <summary>A person tried something their role does not allow (already audited).</summary>
public sealed class PermissionDeniedException : Exception
{
    public PermissionDeniedException()
    {
    }

    public PermissionDeniedException(string message)
        : base(message)
    {
    }

    public PermissionDeniedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PermissionDeniedException(string permission, string message)
        : base(message) => Permission = permission;

    public string Permission { get; } = "";
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Diagnostics;
using PressDeck.Audit;

namespace PressDeck.Team;

/// <summary>An authorization requirement named after a permission: met when one of the person's roles grants it.</summary>
public sealed class PermissionRequirement(string permission) : IAuthorizationRequirement
{
    public string Permission { get; } = permission;

    public override string ToString() => Permission;
}

internal sealed class PermissionHandler : AuthorizationHandler<PermissionRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        var roles = context.User.Claims.Where(c => c.Type == System.Security.Claims.ClaimTypes.Role).Select(c => c.Value);
        if (Permissions.AllowsAny(roles, requirement.Permission))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

/// <summary>
/// Writes every refused request (a signed-in person without the permission) to the audit trail, then answers 403: a
/// bare status for the live feed and the API, the "no access" page for people.
/// </summary>
internal sealed class AuditingAuthorizationResultHandler(AuditLog auditLog) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden)
        {
            var missing = authorizeResult.AuthorizationFailure?.FailedRequirements.Select(r => r.ToString()) ?? [];
            await auditLog.WriteAsync(
                AuditActor.From(context.User, context),
                AuditActions.AccessRefused,
                $"{context.Request.Method} {context.Request.Path}",
                "missing " + string.Join(", ", missing));
            if (TeamServiceCollectionExtensions.IsMachineRequest(context.Request))
            {
                context.Features.Get<IStatusCodePagesFeature>()?.Enabled = false;
            }

            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}

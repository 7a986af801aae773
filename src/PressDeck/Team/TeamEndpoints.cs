using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using PressDeck.Audit;
using PressDeck.Data.Identity;

namespace PressDeck.Team;

public static class TeamEndpoints
{
    /// <summary>
    /// The live feed (the Blazor circuit's hub under <c>/_blazor</c>) answers only signed-in people: an anonymous
    /// connection is refused with 401 before it reaches the hub, whatever component it would ask for.
    /// </summary>
    public static IApplicationBuilder UseLiveFeedSignInRequirement(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/_blazor", StringComparison.Ordinal)
                && context.User.Identity?.IsAuthenticated != true)
            {
                // A bare 401: the status-code page is for people, not for the hub's client.
                context.Features.Get<IStatusCodePagesFeature>()?.Enabled = false;
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }

            await next(context);
        });

    public static IEndpointRouteBuilder MapTeamEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // The antiforgery token is checked here, so another site cannot sign people out; a missing one is a plain 400.
        endpoints.MapPost("/account/logout", async Task<IResult> (HttpContext context, [FromServices] IAntiforgery antiforgery, [FromServices] SignInManager<AppUser> signInManager, [FromServices] AuditLog auditLog) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return TypedResults.BadRequest("This sign-out form is out of date. Reload the page and sign out again.");
            }

            var actor = AuditActor.From(context.User, context);
            await signInManager.SignOutAsync();
            await auditLog.WriteAsync(actor, AuditActions.SignOut, actor.Name);
            return TypedResults.LocalRedirect("~/account/login");
        }).DisableAntiforgery();
        endpoints.MapSingleSignOnEndpoints();
        return endpoints;
    }
}

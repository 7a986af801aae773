using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
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
        // Reading the form makes the endpoint validate the antiforgery token, so another site cannot sign people out.
        endpoints.MapPost("/account/logout", async ([FromServices] SignInManager<AppUser> signInManager, [FromForm] string? reason) =>
        {
            _ = reason;
            await signInManager.SignOutAsync();
            return TypedResults.LocalRedirect("~/account/login");
        });
        endpoints.MapSingleSignOnEndpoints();
        return endpoints;
    }
}

using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using PressDeck.Data.Identity;

namespace PressDeck.Team;

public static class SingleSignOnEndpoints
{
    public static IEndpointRouteBuilder MapSingleSignOnEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // A POST with the sign-in page's antiforgery token (reading the form validates it), so another site cannot start
        // a sign-in in someone's browser. The provider sends the person back to SingleSignOnCallbackPage.
        endpoints.MapPost("/account/sso", (
                [FromServices] SignInManager<AppUser> signInManager,
                [FromServices] IOptions<SingleSignOnOptions> options,
                [FromForm(Name = "ReturnUrl")] string? returnUrl) =>
            {
                if (!options.Value.IsConfigured)
                {
                    return Results.NotFound();
                }

                var callback = "/account/sso-callback?ReturnUrl=" + Uri.EscapeDataString(LoginPage.SafeReturnUrl(returnUrl));
                var properties = signInManager.ConfigureExternalAuthenticationProperties(SingleSignOnOptions.Scheme, callback);
                return Results.Challenge(properties, [SingleSignOnOptions.Scheme]);
            })
            .AllowAnonymous();
        return endpoints;
    }
}

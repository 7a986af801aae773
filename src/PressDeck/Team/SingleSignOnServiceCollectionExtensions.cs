using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using PressDeck.Audit;

namespace PressDeck.Team;

public static class SingleSignOnServiceCollectionExtensions
{
    private static readonly string[] AlwaysAskedScopes = ["openid", "profile", "email"];

    /// <summary>
    /// Sign-in through the office's OpenID Connect provider, when <c>SingleSignOn:Authority</c> is set: the
    /// authorization-code flow with PKCE, the answer kept only in Identity's short-lived external cookie until
    /// <see cref="SingleSignOnCallbackPage"/> has matched it to an invited person. No tokens are kept.
    /// </summary>
    public static IServiceCollection AddSingleSignOn(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SingleSignOnOptions>().BindConfiguration(SingleSignOnOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var settings = configuration.GetSection(SingleSignOnOptions.Section).Get<SingleSignOnOptions>() ?? new SingleSignOnOptions();
        if (!settings.IsConfigured)
        {
            return services;
        }

        services.AddAuthentication().AddOpenIdConnect(SingleSignOnOptions.Scheme, settings.DisplayName, options =>
        {
            options.Authority = settings.Authority;
            options.ClientId = settings.ClientId;
            options.ClientSecret = settings.ClientSecret;
            options.RequireHttpsMetadata = settings.RequireHttpsMetadata;
            options.ResponseType = OpenIdConnectResponseType.Code;
            options.UsePkce = true;
            options.SignInScheme = IdentityConstants.ExternalScheme;
            options.SaveTokens = false;
            options.CallbackPath = "/account/sso-signin";
            options.GetClaimsFromUserInfoEndpoint = true;
            options.ClaimActions.MapUniqueJsonKey("email_verified", "email_verified");
            options.Scope.Clear();
            foreach (var scope in AlwaysAskedScopes.Concat(settings.Scopes).Distinct(StringComparer.Ordinal))
            {
                options.Scope.Add(scope);
            }

            // The provider answers in the query of a top-level redirect, so the correlation and nonce cookies need only
            // SameSite=Lax (a form_post answer would need SameSite=None, which browsers accept only over HTTPS).
            options.ResponseMode = OpenIdConnectResponseMode.Query;
            options.CorrelationCookie.SameSite = SameSiteMode.Lax;
            options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.NonceCookie.SameSite = SameSiteMode.Lax;
            options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Events.OnRemoteFailure = async context =>
            {
                // A refusal at the provider, an expired attempt or an answer that fails validation: recorded, then the
                // person sees it in words. The failure's message names the check that failed, never a secret.
                var audit = context.HttpContext.RequestServices.GetRequiredService<AuditLog>();
                await audit.WriteAsync(
                    AuditActor.Anonymous("anonymous", context.HttpContext),
                    AuditActions.SignInFailed,
                    settings.DisplayName,
                    $"single sign-on: the provider's answer was refused ({context.Failure?.Message ?? "no reason given"})");
                context.Response.Redirect("/account/sso-callback?failed=true");
                context.HandleResponse();
            };
        });
        return services;
    }
}

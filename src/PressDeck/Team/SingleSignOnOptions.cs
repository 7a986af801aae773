using System.ComponentModel.DataAnnotations;

namespace PressDeck.Team;

/// <summary>
/// Settings under <c>SingleSignOn</c>: the office's OpenID Connect provider (its Microsoft 365 or Google tenant). Single
/// sign-on is off while <see cref="Authority"/> is empty; people then sign in with their PressDeck password only.
/// </summary>
public sealed class SingleSignOnOptions : IValidatableObject
{
    public const string Section = "SingleSignOn";

    /// <summary>The scheme name the sign-in button challenges and the external login is stored under.</summary>
    public const string Scheme = "oidc";

    /// <summary>The issuer, e.g. <c>https://login.microsoftonline.com/{tenant}/v2.0</c>; its discovery document is read from here.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    /// <summary>Never logged and never shown; comes from user-secrets or an environment variable.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>What the sign-in button says after "Sign in with", e.g. "Microsoft 365".</summary>
    [StringLength(60)]
    public string DisplayName { get; set; } = "your organisation";

    /// <summary>Off only for a provider on this machine in tests: the discovery document must otherwise come over HTTPS.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Scopes asked for besides <c>openid</c>, <c>profile</c> and <c>email</c>, which are always asked for.</summary>
    public string[] Scopes { get; set; } = [];

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsConfigured)
        {
            yield break;
        }

        if (!Uri.TryCreate(Authority, UriKind.Absolute, out var authority) || (authority.Scheme != Uri.UriSchemeHttps && authority.Scheme != Uri.UriSchemeHttp))
        {
            yield return new ValidationResult("SingleSignOn:Authority must be the provider's absolute http(s) address.", [nameof(Authority)]);
        }
        else if (RequireHttpsMetadata && authority.Scheme != Uri.UriSchemeHttps)
        {
            yield return new ValidationResult("SingleSignOn:Authority must use https (or set SingleSignOn:RequireHttpsMetadata=false for a provider on this machine).", [nameof(Authority)]);
        }

        if (string.IsNullOrWhiteSpace(ClientId))
        {
            yield return new ValidationResult("SingleSignOn:ClientId is needed when SingleSignOn:Authority is set.", [nameof(ClientId)]);
        }

        if (string.IsNullOrWhiteSpace(ClientSecret))
        {
            yield return new ValidationResult("SingleSignOn:ClientSecret is needed when SingleSignOn:Authority is set.", [nameof(ClientSecret)]);
        }

        if (string.IsNullOrWhiteSpace(DisplayName))
        {
            yield return new ValidationResult("SingleSignOn:DisplayName cannot be empty.", [nameof(DisplayName)]);
        }
    }
}

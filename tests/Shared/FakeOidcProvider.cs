using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PressDeck.Testing;

/// <summary>
/// An OpenID Connect provider on 127.0.0.1, as an office's Microsoft 365 or Google tenant answers PressDeck: discovery,
/// a JWKS with one RSA key, <c>/authorize</c> that signs in <see cref="Person"/> at once and redirects back with a code
/// and the state (query response mode), <c>/token</c> that checks the code, the client's id and secret, the
/// redirect_uri and the PKCE verifier and answers with an RS256 id_token, and <c>/userinfo</c>. Every request is
/// recorded for assertions.
/// </summary>
internal sealed class FakeOidcProvider : IAsyncDisposable
{
    private static readonly Dictionary<string, string> NoValues = [];
    private static readonly string[] ResponseTypes = ["code"];
    private static readonly string[] ResponseModes = ["query"];
    private static readonly string[] SubjectTypes = ["public"];
    private static readonly string[] SigningAlgorithms = [SecurityAlgorithms.RsaSha256];
    private static readonly string[] ChallengeMethods = ["S256"];
    private static readonly string[] Scopes = ["openid", "profile", "email"];
    private static readonly string[] ClientAuthMethods = ["client_secret_post", "client_secret_basic"];
    private static readonly string[] ClaimsSupported = ["sub", "email", "email_verified", "name"];

    private readonly RSA _rsa = RSA.Create(2048);
    private readonly RsaSecurityKey _key;
    private readonly ConcurrentDictionary<string, PendingCode> _codes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, OidcPerson> _accessTokens = new(StringComparer.Ordinal);
    private WebApplication? _app;

    private FakeOidcProvider(string clientId, string clientSecret)
    {
        ClientId = clientId;
        ClientSecret = clientSecret;
        _key = new RsaSecurityKey(_rsa) { KeyId = "fake-oidc-key-1" };
    }

    public string ClientId { get; }

    public string ClientSecret { get; }

    /// <summary>The issuer and PressDeck's <c>SingleSignOn:Authority</c>, without a trailing slash.</summary>
    public string Authority { get; private set; } = "";

    /// <summary>Who the next <c>/authorize</c> signs in.</summary>
    public OidcPerson Person { get; set; } = new("subject-1", "someone@press.example.gov.uk", true, "Someone");

    public ConcurrentQueue<OidcRequest> Requests { get; } = new();

    /// <summary>Token requests the provider refused, and why.</summary>
    public ConcurrentQueue<string> Refusals { get; } = new();

    public static async Task<FakeOidcProvider> StartAsync(string clientId = "pressdeck-test", string clientSecret = "fake-client-secret-for-tests")
    {
        var provider = new FakeOidcProvider(clientId, clientSecret);
        Uri url;
        (provider._app, url) = await LoopbackWebServer.StartAsync(provider.Map);
        provider.Authority = url.ToString().TrimEnd('/');
        return provider;
    }

    private void Map(WebApplication app)
    {
        app.MapGet("/.well-known/openid-configuration", (HttpContext context) =>
        {
            Record(context, NoValues);
            return Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = Authority,
                ["authorization_endpoint"] = Authority + "/authorize",
                ["token_endpoint"] = Authority + "/token",
                ["userinfo_endpoint"] = Authority + "/userinfo",
                ["jwks_uri"] = Authority + "/jwks",
                ["response_types_supported"] = ResponseTypes,
                ["response_modes_supported"] = ResponseModes,
                ["subject_types_supported"] = SubjectTypes,
                ["id_token_signing_alg_values_supported"] = SigningAlgorithms,
                ["code_challenge_methods_supported"] = ChallengeMethods,
                ["scopes_supported"] = Scopes,
                ["token_endpoint_auth_methods_supported"] = ClientAuthMethods,
                ["claims_supported"] = ClaimsSupported,
            });
        });
        app.MapGet("/jwks", (HttpContext context) =>
        {
            Record(context, NoValues);
            var parameters = _rsa.ExportParameters(includePrivateParameters: false);
            return Results.Json(new
            {
                keys = new[]
                {
                    new Dictionary<string, string>
                    {
                        ["kty"] = "RSA",
                        ["use"] = "sig",
                        ["alg"] = SecurityAlgorithms.RsaSha256,
                        ["kid"] = _key.KeyId,
                        ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                        ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
                    },
                },
            });
        });
        app.MapGet("/authorize", Authorize);
        app.MapPost("/token", new Func<HttpContext, Task<IResult>>(TokenAsync));
        app.MapGet("/userinfo", UserInfo);
    }

    private IResult Authorize(HttpContext context)
    {
        var query = context.Request.Query.ToDictionary(pair => pair.Key, pair => pair.Value.ToString(), StringComparer.Ordinal);
        Record(context, query);
        string Get(string name) => query.GetValueOrDefault(name) ?? "";
        if (Get("client_id") != ClientId || Get("response_type") != "code" || !Uri.TryCreate(Get("redirect_uri"), UriKind.Absolute, out var redirect))
        {
            return Results.BadRequest("unknown client, response type or redirect_uri");
        }

        var code = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _codes[code] = new PendingCode(Get("redirect_uri"), Get("code_challenge"), Get("code_challenge_method"), Get("nonce"), Person);
        var location = $"{redirect}{(redirect.Query.Length > 0 ? "&" : "?")}code={code}&state={Uri.EscapeDataString(Get("state"))}";
        return Results.Redirect(location);
    }

    private async Task<IResult> TokenAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var fields = form.ToDictionary(pair => pair.Key, pair => pair.Value.ToString(), StringComparer.Ordinal);
        Record(context, fields);
        string Get(string name) => fields.GetValueOrDefault(name) ?? "";
        var (clientId, clientSecret) = ClientCredentials(context.Request, Get("client_id"), Get("client_secret"));
        if (clientId != ClientId || clientSecret != ClientSecret)
        {
            return Refuse("invalid_client", "wrong client id or secret");
        }

        if (Get("grant_type") != "authorization_code" || !_codes.TryRemove(Get("code"), out var pending))
        {
            return Refuse("invalid_grant", "unknown or used code");
        }

        if (pending.RedirectUri != Get("redirect_uri"))
        {
            return Refuse("invalid_grant", "redirect_uri differs from the one authorized");
        }

        var verifier = Get("code_verifier");
        var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        if (pending.CodeChallengeMethod != "S256" || verifier.Length < 43 || challenge != pending.CodeChallenge)
        {
            return Refuse("invalid_grant", "PKCE verifier does not match the challenge");
        }

        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var person = pending.Person;
        var claims = new Dictionary<string, object>
        {
            ["sub"] = person.Subject,
            ["email"] = person.Email,
            ["email_verified"] = person.EmailVerified,
            ["name"] = person.Name,
            ["nonce"] = pending.Nonce,
        };
        var idToken = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Authority,
            Audience = ClientId,
            Claims = claims,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        });
        var accessToken = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _accessTokens[accessToken] = person;
        return Results.Json(new Dictionary<string, object>
        {
            ["access_token"] = accessToken,
            ["token_type"] = "Bearer",
            ["expires_in"] = 300,
            ["id_token"] = idToken,
        });
    }

    private IResult UserInfo(HttpContext context)
    {
        Record(context, NoValues);
        var authorization = context.Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal) || !_accessTokens.TryGetValue(authorization["Bearer ".Length..], out var person))
        {
            return Results.Unauthorized();
        }

        return Results.Json(new Dictionary<string, object>
        {
            ["sub"] = person.Subject,
            ["email"] = person.Email,
            ["email_verified"] = person.EmailVerified,
            ["name"] = person.Name,
        });
    }

    private IResult Refuse(string error, string why)
    {
        Refusals.Enqueue(why);
        return Results.Json(new { error, error_description = why }, statusCode: StatusCodes.Status400BadRequest);
    }

    /// <summary>client_secret_basic (the Authorization header) or client_secret_post (the form), whichever the client used.</summary>
    private static (string Id, string Secret) ClientCredentials(HttpRequest request, string formId, string formSecret)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Basic ", StringComparison.Ordinal))
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(authorization["Basic ".Length..])).Split(':', 2);
            return (Uri.UnescapeDataString(pair[0]), pair.Length > 1 ? Uri.UnescapeDataString(pair[1]) : "");
        }

        return (formId, formSecret);
    }

    private void Record(HttpContext context, IReadOnlyDictionary<string, string> values) =>
        Requests.Enqueue(new OidcRequest(context.Request.Method, context.Request.Path.Value ?? "", values, context.Request.Headers.Authorization.ToString()));

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _rsa.Dispose();
    }

    private sealed record PendingCode(string RedirectUri, string CodeChallenge, string CodeChallengeMethod, string Nonce, OidcPerson Person);
}

/// <summary>The person the fake provider signs in.</summary>
internal sealed record OidcPerson(string Subject, string Email, bool EmailVerified, string Name);

/// <summary>One request to the fake provider: the query for GETs, the form for POSTs.</summary>
internal sealed record OidcRequest(string Method, string Path, IReadOnlyDictionary<string, string> Values, string Authorization);

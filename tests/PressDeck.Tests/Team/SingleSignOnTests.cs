using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PressDeck.Audit;
using PressDeck.Data.Identity;
using PressDeck.Team;
using PressDeck.Testing;

namespace PressDeck.Tests.Team;

/// <summary>
/// Single sign-on through the office's OpenID Connect provider (issue 5), against a provider on 127.0.0.1, with every
/// redirect followed by hand: invited people are matched by their verified email address and linked; nobody else gets
/// in, and every outcome is in the audit trail.
/// </summary>
public sealed class SingleSignOnTests : IAsyncLifetime
{
    private FakeOidcProvider _provider = default!;
    private WebApplication _app = default!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _provider = await FakeOidcProvider.StartAsync();
        _app = await TestPeople.StartAppAsync(null,
            $"--SingleSignOn:Authority={_provider.Authority}", "--SingleSignOn:RequireHttpsMetadata=false",
            $"--SingleSignOn:ClientId={_provider.ClientId}", $"--SingleSignOn:ClientSecret={_provider.ClientSecret}",
            "--SingleSignOn:DisplayName=Test Office 365");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _provider.DisposeAsync();
    }

    [Fact]
    [Trait("Issue", "5")]
    public async Task An_invited_person_is_matched_by_verified_email_linked_and_signed_in_with_pkce()
    {
        var user = await TestPeople.CreateAsync(_app.Services, Roles.Officer, "casey.officer@press.example.gov.uk", "Casey Officer");
        _provider.Person = new OidcPerson("tenant-subject-casey", "Casey.Officer@press.example.gov.uk", true, "Casey Officer");
        using var browser = new SiteClient(TestPeople.BaseUrl(_app));

        using var login = await browser.Http.GetAsync("/account/login", Cancel);
        Assert.Contains("Sign in with Test Office 365", await login.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        using var landed = await SignInThroughProviderAsync(browser, "/search?q=budget");

        Assert.Equal(HttpStatusCode.Redirect, landed.StatusCode);
        Assert.Equal("/search?q=budget", TwoFactorSignInTests.PathOf(landed));
        using var deck = await browser.Http.GetAsync("/", Cancel);
        Assert.Equal(HttpStatusCode.OK, deck.StatusCode);

        var authorize = Assert.Single(_provider.Requests, r => r.Path == "/authorize");
        Assert.Equal(_provider.ClientId, authorize.Values["client_id"]);
        Assert.Equal("code", authorize.Values["response_type"]);
        Assert.Equal("S256", authorize.Values["code_challenge_method"]);
        Assert.Equal(43, authorize.Values["code_challenge"].Length);
        Assert.Contains("email", authorize.Values["scope"].Split(' '));
        Assert.StartsWith(TestPeople.BaseUrl(_app), authorize.Values["redirect_uri"], StringComparison.Ordinal);
        var token = Assert.Single(_provider.Requests, r => r.Path == "/token");
        Assert.True(token.Values.ContainsKey("code_verifier"));
        Assert.Equal(authorize.Values["redirect_uri"], token.Values["redirect_uri"]);
        Assert.Empty(_provider.Refusals);

        var logins = await LoginsAsync(user);
        var link = Assert.Single(logins);
        Assert.Equal((SingleSignOnOptions.Scheme, "tenant-subject-casey"), (link.LoginProvider, link.ProviderKey));
        var signIn = Assert.Single(await TeamAudit.EntriesAsync(_app, AuditActions.SignIn));
        Assert.Equal((user.Id, "single sign-on"), (signIn.ActorId, signIn.Details));
    }

    [Fact]
    [Trait("Issue", "5")]
    public async Task A_linked_person_signs_in_by_their_subject_even_after_their_email_changes_at_the_provider()
    {
        var user = await TestPeople.CreateAsync(_app.Services, Roles.Approver, "robin.approver@press.example.gov.uk");
        _provider.Person = new OidcPerson("tenant-subject-robin", "robin.approver@press.example.gov.uk", true, "Robin");
        using (var first = new SiteClient(TestPeople.BaseUrl(_app)))
        {
            using var landed = await SignInThroughProviderAsync(first, "/");
            Assert.Equal(HttpStatusCode.Redirect, landed.StatusCode);
        }

        _provider.Person = _provider.Person with { Email = "robin.renamed@press.example.gov.uk" };
        using var second = new SiteClient(TestPeople.BaseUrl(_app));
        using var again = await SignInThroughProviderAsync(second, "/");

        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        using var deck = await second.Http.GetAsync("/", Cancel);
        Assert.Equal(HttpStatusCode.OK, deck.StatusCode);
        Assert.Single(await LoginsAsync(user));
        Assert.Equal(2, (await TeamAudit.EntriesAsync(_app, AuditActions.SignIn)).Count(e => e.ActorId == user.Id && e.Details == "single sign-on"));
    }

    [Fact]
    [Trait("Issue", "5")]
    public async Task An_unknown_email_is_refused_with_an_invitation_hint_and_no_account_is_made()
    {
        _provider.Person = new OidcPerson("tenant-subject-stranger", "stranger@press.example.gov.uk", true, "Stranger");
        using var browser = new SiteClient(TestPeople.BaseUrl(_app));

        using var answer = await SignInThroughProviderAsync(browser, "/");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains(
            "There is no PressDeck account for stranger@press.example.gov.uk. Ask your digital communications lead for an invitation.",
            await answer.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        using var deck = await browser.Http.GetAsync("/", Cancel);
        Assert.Equal(HttpStatusCode.Redirect, deck.StatusCode);
        Assert.Null(await FindByEmailAsync("stranger@press.example.gov.uk"));
        var failed = Assert.Single(await TeamAudit.EntriesAsync(_app, AuditActions.SignInFailed));
        Assert.Equal(("stranger@press.example.gov.uk", "single sign-on: no PressDeck account has this email address"), (failed.Target, failed.Details));
        Assert.Empty(await TeamAudit.EntriesAsync(_app, AuditActions.SignIn));
    }

    [Fact]
    [Trait("Issue", "5")]
    public async Task A_deactivated_person_is_refused_and_not_linked()
    {
        var user = await TestPeople.CreateAsync(_app.Services, Roles.Officer, "former.officer@press.example.gov.uk");
        await DeactivateAsync(user);
        _provider.Person = new OidcPerson("tenant-subject-former", "former.officer@press.example.gov.uk", true, "Former");
        using var browser = new SiteClient(TestPeople.BaseUrl(_app));

        using var answer = await SignInThroughProviderAsync(browser, "/");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("This account has been deactivated", await answer.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        using var deck = await browser.Http.GetAsync("/", Cancel);
        Assert.Equal(HttpStatusCode.Redirect, deck.StatusCode);
        Assert.Empty(await LoginsAsync(user));
        var failed = Assert.Single(await TeamAudit.EntriesAsync(_app, AuditActions.SignInFailed));
        Assert.Equal((user.Id, "single sign-on: the person is deactivated"), (failed.ActorId, failed.Details));
    }

    [Fact]
    [Trait("Issue", "5")]
    public async Task An_email_the_provider_has_not_verified_is_not_matched()
    {
        var user = await TestPeople.CreateAsync(_app.Services, Roles.Admin, "lead@press.example.gov.uk");
        _provider.Person = new OidcPerson("tenant-subject-impostor", "lead@press.example.gov.uk", false, "Impostor");
        using var browser = new SiteClient(TestPeople.BaseUrl(_app));

        using var answer = await SignInThroughProviderAsync(browser, "/");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("has not verified the email address lead@press.example.gov.uk", await answer.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Empty(await LoginsAsync(user));
        Assert.Equal("single sign-on: the provider has not verified the email address", Assert.Single(await TeamAudit.EntriesAsync(_app, AuditActions.SignInFailed)).Details);
    }

    /// <summary>
    /// What a browser does: posts the sign-in page's single sign-on form, follows PressDeck's redirect to the provider,
    /// the provider's redirect back to PressDeck's callback, and that one to the page that finishes the sign-in, whose
    /// answer is returned.
    /// </summary>
    private async Task<HttpResponseMessage> SignInThroughProviderAsync(SiteClient browser, string returnUrl)
    {
        var token = await browser.AntiforgeryTokenAsync("account/login", Cancel);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["ReturnUrl"] = returnUrl });
        using var challenge = await browser.Http.PostAsync("account/sso", form, Cancel);
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var authorizeUrl = challenge.Headers.Location ?? throw new InvalidOperationException("no redirect to the provider");
        Assert.StartsWith(_provider.Authority + "/authorize?", authorizeUrl.AbsoluteUri, StringComparison.Ordinal);

        using var providerClient = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var authorized = await providerClient.GetAsync(authorizeUrl, Cancel);
        Assert.Equal(HttpStatusCode.Redirect, authorized.StatusCode);
        var callbackUrl = authorized.Headers.Location ?? throw new InvalidOperationException("no redirect back from the provider");

        using var callback = await browser.Http.GetAsync(callbackUrl, Cancel);
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        var finish = callback.Headers.Location ?? throw new InvalidOperationException("no redirect from the callback");
        Assert.StartsWith("/account/sso-callback", finish.OriginalString, StringComparison.Ordinal);
        return await browser.Http.GetAsync(finish, Cancel);
    }

    private async Task<IList<UserLoginInfo>> LoginsAsync(AppUser user)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return await users.GetLoginsAsync(await users.FindByIdAsync(user.Id) ?? throw new InvalidOperationException("no such person"));
    }

    private async Task<AppUser?> FindByEmailAsync(string email)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email);
    }

    private async Task DeactivateAsync(AppUser user)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var person = await users.FindByIdAsync(user.Id) ?? throw new InvalidOperationException("no such person");
        person.IsActive = false;
        var updated = await users.UpdateAsync(person);
        Assert.True(updated.Succeeded);
    }
}

using System.Net;
using Microsoft.Extensions.Options;
using PressDeck.Audit;
using PressDeck.Testing;

namespace PressDeck.Tests.Team;

/// <summary>Single sign-on's settings (issue 5): off unless configured, checked at start, and a provider's refusal is shown and audited.</summary>
public sealed class SingleSignOnSettingsTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    [Trait("Issue", "5")]
    public async Task Without_an_authority_there_is_no_single_sign_on_button_and_no_way_to_start_one()
    {
        await using var app = await TestPeople.StartAppAsync();
        using var browser = new SiteClient(TestPeople.BaseUrl(app));

        using var login = await browser.Http.GetAsync("/account/login", Cancel);
        var token = await browser.AntiforgeryTokenAsync("account/login", Cancel);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["ReturnUrl"] = "/" });
        using var start = await browser.Http.PostAsync("account/sso", form, Cancel);

        Assert.DoesNotContain("Sign in with", await login.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, start.StatusCode);
    }

    [Fact]
    [Trait("Issue", "5")]
    public async Task An_authority_without_a_client_id_and_secret_stops_PressDeck_at_start()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            TestPeople.StartAppAsync(null, "--SingleSignOn:Authority=https://login.example.gov.uk/tenant/v2.0"));

        Assert.Contains("SingleSignOn:ClientId is needed", failure.Message, StringComparison.Ordinal);
        Assert.Contains("SingleSignOn:ClientSecret is needed", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Issue", "5")]
    public async Task An_http_authority_is_refused_unless_https_metadata_is_turned_off()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => TestPeople.StartAppAsync(null,
            "--SingleSignOn:Authority=http://login.example.gov.uk", "--SingleSignOn:ClientId=pressdeck", "--SingleSignOn:ClientSecret=secret"));

        Assert.Contains("SingleSignOn:Authority must use https", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Issue", "5")]
    public async Task A_provider_that_refuses_the_client_leaves_the_person_signed_out_with_a_message_and_an_audit_entry()
    {
        await using var provider = await FakeOidcProvider.StartAsync();
        await using var app = await TestPeople.StartAppAsync(null,
            $"--SingleSignOn:Authority={provider.Authority}", "--SingleSignOn:RequireHttpsMetadata=false",
            $"--SingleSignOn:ClientId={provider.ClientId}", "--SingleSignOn:ClientSecret=not-the-registered-secret",
            "--SingleSignOn:DisplayName=Test Office 365");
        await TestPeople.CreateAsync(app.Services, PressDeck.Team.Roles.Officer, "casey.officer@press.example.gov.uk");
        provider.Person = new OidcPerson("tenant-subject-casey", "casey.officer@press.example.gov.uk", true, "Casey");
        using var browser = new SiteClient(TestPeople.BaseUrl(app));

        var token = await browser.AntiforgeryTokenAsync("account/login", Cancel);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["ReturnUrl"] = "/" });
        using var challenge = await browser.Http.PostAsync("account/sso", form, Cancel);
        using var providerClient = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var authorized = await providerClient.GetAsync(challenge.Headers.Location, Cancel);
        using var callback = await browser.Http.GetAsync(authorized.Headers.Location, Cancel);
        using var answer = await browser.Http.GetAsync(callback.Headers.Location, Cancel);
        using var deck = await browser.Http.GetAsync("/", Cancel);

        Assert.Equal("wrong client id or secret", Assert.Single(provider.Refusals));
        Assert.Equal("/account/sso-callback?failed=true", TwoFactorSignInTests.PathOf(callback));
        Assert.Contains("Signing in with Test Office 365 did not work", await answer.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, deck.StatusCode);
        var failed = Assert.Single(await TeamAudit.EntriesAsync(app, AuditActions.SignInFailed));
        Assert.StartsWith("single sign-on: the provider's answer was refused", failed.Details, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-registered-secret", failed.Details, StringComparison.Ordinal);
    }
}

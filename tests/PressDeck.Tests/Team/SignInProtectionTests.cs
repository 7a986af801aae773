using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PressDeck.Audit;
using PressDeck.Data;
using PressDeck.Team;
using PressDeck.Testing;

namespace PressDeck.Tests.Team;

/// <summary>Issue 5: guessing passwords is throttled and locked out; the session cookie is safe; every form needs its antiforgery token.</summary>
[Trait("Issue", "5")]
public sealed class SignInProtectionTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one_and_each_attempt_is_audited()
    {
        await using var app = await TestPeople.StartAppAsync();
        var person = await TestPeople.CreateAsync(app.Services, Roles.Officer);
        using var client = new SiteClient(TestPeople.BaseUrl(app));

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            using var wrong = await client.SignInAsync(person.Email!, "not the password at all " + attempt, Cancel);
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            var page = await wrong.Content.ReadAsStringAsync(Cancel);
            Assert.Contains(attempt < 5 ? "do not match an account" : "this account is locked", page, StringComparison.Ordinal);
            Assert.DoesNotContain("not the password at all", page, StringComparison.Ordinal);
        }

        using var right = await client.SignInAsync(person.Email!, TestPeople.Password, Cancel);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("this account is locked", await right.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        using var deck = await client.Http.GetAsync("", Cancel);
        Assert.Equal(HttpStatusCode.Redirect, deck.StatusCode);

        await using var scope = app.Services.CreateAsyncScope();
        var entries = await scope.ServiceProvider.GetRequiredService<AppDbContext>().AuditEntries.AsNoTracking()
            .Where(e => e.ActorId == person.Id).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync(Cancel);
        Assert.Equal(4, entries.Count(a => a == AuditActions.SignInFailed));
        Assert.Equal(2, entries.Count(a => a == AuditActions.SignInLockedOut));
        Assert.DoesNotContain(AuditActions.SignIn, entries);
    }

    [Fact]
    public async Task Many_attempts_from_one_address_are_throttled_with_429_whatever_the_account()
    {
        await using var app = await TestPeople.StartAppAsync(extra: "--SignIn:AttemptsPerMinute=4");
        using var client = new SiteClient(TestPeople.BaseUrl(app));
        var answers = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 6; attempt++)
        {
            // A different made-up account each time: the per-account lockout would not stop this, the throttle does.
            using var response = await client.SignInAsync($"guess{attempt}@press.example.gov.uk", "password guess number one", Cancel);
            answers.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Equal("60", response.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
                Assert.Contains("Too many sign-in attempts", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
            }
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], answers);
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Equal(2, await scope.ServiceProvider.GetRequiredService<AppDbContext>().AuditEntries.CountAsync(e => e.Action == AuditActions.SignInThrottled, Cancel));

        // Reading pages is not throttled.
        using var page = await client.Http.GetAsync("account/login", Cancel);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task The_session_cookie_is_http_only_and_same_site_over_http()
    {
        await using var app = await TestPeople.StartAppAsync();
        var person = await TestPeople.CreateAsync(app.Services, Roles.Viewer);
        using var client = new SiteClient(TestPeople.BaseUrl(app));

        using var response = await client.SignInAsync(person.Email!, TestPeople.Password, Cancel);

        var session = SessionCookie(response);
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", session, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", session.Replace("PressDeck.Session", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Over_https_the_session_and_antiforgery_cookies_are_also_secure()
    {
        using var certificate = SelfSignedCertificate();
        var folder = PressDeckServer.NewDataFolder();
        await using var app = PressDeckApp.Build(
            ["--Kestrel:Endpoints:Http:Url=https://127.0.0.1:0", $"--Storage:DataFolder={folder}", "--Demo:Enabled=false", "--SignIn:AttemptsPerMinute=1000"],
            builder => builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = certificate)));
        await app.StartAsync(Cancel);
        var person = await TestPeople.CreateAsync(app.Services, Roles.Viewer);
        using var handler = new HttpClientHandler
        {
            AllowAutoRedirect = false,
            CookieContainer = new CookieContainer(),
            ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert?.Thumbprint == certificate.Thumbprint,
        };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(app.Urls.First() + "/") };
        using var form = await http.GetAsync("account/login", Cancel);
        var antiforgery = form.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        var token = System.Text.RegularExpressions.Regex.Match(await form.Content.ReadAsStringAsync(Cancel), "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        using var body = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["Input.Email"] = person.Email!,
            ["Input.Password"] = TestPeople.Password,
        });

        using var response = await http.PostAsync("account/login", body, Cancel);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var session = SessionCookie(response);
        Assert.StartsWith("https://", http.BaseAddress!.ToString(), StringComparison.Ordinal);
        Assert.Contains("secure", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", antiforgery, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("account/login", "login", "Input.Email", "someone@press.example.gov.uk")]
    [InlineData("account/invitation?token=0000", "invitation", "Input.Password", "a long enough password here")]
    [InlineData("setup?token=0000", "setup", "Input.Email", "someone@press.example.gov.uk")]
    public async Task Every_form_refuses_a_post_without_its_antiforgery_token(string path, string formName, string field, string value)
    {
        await using var app = await TestPeople.StartAppAsync();
        using var client = new SiteClient(TestPeople.BaseUrl(app));
        var fields = new Dictionary<string, string> { [field] = value };
        if (formName.Length > 0)
        {
            fields["_handler"] = formName;
        }

        using var body = new FormUrlEncodedContent(fields);
        using var response = await client.Http.PostAsync(path, body, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Signing_out_needs_the_token_so_another_site_cannot_sign_people_out()
    {
        await using var app = await TestPeople.StartAppAsync();
        var (client, _) = await TestPeople.SignedInAsync(app, Roles.Officer);
        using var _c = client;
        using var forged = new FormUrlEncodedContent(new Dictionary<string, string> { ["reason"] = "signed-out" });

        using var refused = await client.Http.PostAsync("account/logout", forged, Cancel);
        using var stillIn = await client.Http.GetAsync("", Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
    }

    private static string SessionCookie(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("PressDeck.Session=", StringComparison.Ordinal));

    private static X509Certificate2 SelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var created = request.CreateSelfSigned(TimeProvider.System.GetUtcNow().AddMinutes(-5), TimeProvider.System.GetUtcNow().AddHours(1));
        // Kestrel needs the private key in a form it can use on Linux: round-trip through PKCS#12.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }
}

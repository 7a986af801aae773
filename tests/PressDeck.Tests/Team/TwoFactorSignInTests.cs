using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;
using PressDeck.Audit;
using PressDeck.Data.Identity;
using PressDeck.Team;
using PressDeck.Testing;

namespace PressDeck.Tests.Team;

/// <summary>
/// Two-factor sign-in with an authenticator app (issue 5), with real codes computed from the person's key as a phone
/// would: turned on through /account/security, then password, code, deck; recovery codes work once; wrong codes lock the
/// account like wrong passwords.
/// </summary>
public sealed partial class TwoFactorSignInTests : IAsyncLifetime
{
    private WebApplication _app = default!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _app = await TestPeople.StartAppAsync();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    [Trait("Issue", "5")]
    public async Task Turned_on_in_security_then_sign_in_asks_for_the_code_refuses_a_wrong_one_and_accepts_the_right_one()
    {
        var (officer, user) = await TestPeople.SignedInAsync(_app, Roles.Officer);
        using var signedIn = officer;

        using var started = await officer.SubmitFormAsync("account/security", "start-two-factor", new Dictionary<string, string>(), Cancel);
        var startPage = await started.Content.ReadAsStringAsync(Cancel);
        var shownKey = SharedKeyPattern().Match(startPage).Groups[1].Value;
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        Assert.Matches("^([a-z2-7]{4} )+[a-z2-7]{1,4}$", shownKey);
        Assert.Equal(await StoredKeyAsync(user), shownKey.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant());
        Assert.Contains("otpauth://totp/PressDeck:", startPage, StringComparison.Ordinal);
        Assert.Contains("src=\"data:image/svg+xml;base64,", WebUtility.HtmlDecode(startPage), StringComparison.Ordinal);

        var key = shownKey.Replace(" ", "", StringComparison.Ordinal);
        using var wrongConfirm = await officer.SubmitFormAsync("account/security", "confirm-two-factor", new Dictionary<string, string> { ["Confirm.Code"] = WrongCode(key) }, Cancel);
        Assert.True(wrongConfirm.StatusCode == HttpStatusCode.OK, $"{(int)wrongConfirm.StatusCode} {wrongConfirm.Headers.Location}");
        Assert.Contains("That code is not right", await wrongConfirm.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.False(await TwoFactorEnabledAsync(user));

        using var confirmed = await officer.SubmitFormAsync("account/security", "confirm-two-factor", new Dictionary<string, string> { ["Confirm.Code"] = CodeNow(key) }, Cancel);
        var confirmedPage = await confirmed.Content.ReadAsStringAsync(Cancel);
        var recoveryCodes = RecoveryCodePattern().Matches(confirmedPage).Select(m => m.Groups[1].Value).ToList();
        Assert.Contains("Two-factor sign-in is on", confirmedPage, StringComparison.Ordinal);
        Assert.Equal(10, recoveryCodes.Distinct(StringComparer.Ordinal).Count());
        Assert.True(await TwoFactorEnabledAsync(user));
        using (var stillSignedIn = await officer.Http.GetAsync("/", Cancel))
        {
            Assert.Equal(HttpStatusCode.OK, stillSignedIn.StatusCode);
        }

        var enabled = Assert.Single(await TeamAudit.EntriesAsync(_app, AuditActions.TwoFactorEnabled));
        Assert.Equal(user.Id, enabled.ActorId);

        using var browser = new SiteClient(TestPeople.BaseUrl(_app));
        using var password = await browser.SignInAsync(EmailOf(user), TestPeople.Password, Cancel);
        var codePage = PathOf(password);
        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        Assert.StartsWith("/account/two-factor?ReturnUrl=%2F&RememberMe=false", codePage, StringComparison.Ordinal);
        using (var notYet = await browser.Http.GetAsync("/", Cancel))
        {
            Assert.Equal(HttpStatusCode.Redirect, notYet.StatusCode);
        }

        using var wrong = await browser.SubmitFormAsync(codePage, "two-factor", new Dictionary<string, string> { ["Input.Code"] = WrongCode(key) }, Cancel);
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("That code is not right", await wrong.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        var failed = Assert.Single(await TeamAudit.EntriesAsync(_app, AuditActions.SignInFailed));
        Assert.Equal("wrong authenticator code", failed.Details);
        Assert.Equal(user.Id, failed.ActorId);

        using var right = await browser.SubmitFormAsync(codePage, "two-factor", new Dictionary<string, string> { ["Input.Code"] = CodeNow(key) }, Cancel);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal("/", PathOf(right));
        using var deck = await browser.Http.GetAsync("/", Cancel);
        Assert.Equal(HttpStatusCode.OK, deck.StatusCode);
        Assert.Contains(await TeamAudit.EntriesAsync(_app, AuditActions.SignIn), e => e.ActorId == user.Id && e.Details == "password + authenticator code");
    }

    [Fact]
    [Trait("Issue", "5")]
    public async Task Turning_two_factor_off_needs_the_password_or_a_code_and_is_audited()
    {
        var (officer, user) = await TestPeople.SignedInAsync(_app, Roles.Officer);
        using var signedIn = officer;
        var (key, _) = await TurnOnAsync(user);

        using var refused = await officer.SubmitFormAsync("account/security", "turn-off-two-factor", new Dictionary<string, string> { ["TurnOff.PasswordOrCode"] = "not the password at all" }, Cancel);
        Assert.Contains("That is not your current password", await refused.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.True(await TwoFactorEnabledAsync(user));

        using var turnedOff = await officer.SubmitFormAsync("account/security", "turn-off-two-factor", new Dictionary<string, string> { ["TurnOff.PasswordOrCode"] = CodeNow(key) }, Cancel);
        Assert.Contains("Two-factor sign-in is off", await turnedOff.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.False(await TwoFactorEnabledAsync(user));
        var disabled = Assert.Single(await TeamAudit.EntriesAsync(_app, AuditActions.TwoFactorDisabled));
        Assert.Equal("confirmed with an authenticator code", disabled.Details);

        using var browser = new SiteClient(TestPeople.BaseUrl(_app));
        using var signIn = await browser.SignInAsync(EmailOf(user), TestPeople.Password, Cancel);
        Assert.Equal("/", PathOf(signIn));
    }

    [Fact]
    [Trait("Issue", "5")]
    public async Task A_recovery_code_signs_in_once_only()
    {
        var user = await TestPeople.CreateAsync(_app.Services, Roles.Approver);
        var (_, recoveryCodes) = await TurnOnAsync(user);

        using (var first = new SiteClient(TestPeople.BaseUrl(_app)))
        {
            using var password = await first.SignInAsync(EmailOf(user), TestPeople.Password, Cancel);
            using var recovered = await first.SubmitFormAsync(PathOf(password), "recovery-code", new Dictionary<string, string> { ["Recovery.Code"] = recoveryCodes[3] }, Cancel);
            Assert.Equal(HttpStatusCode.Redirect, recovered.StatusCode);
            using var deck = await first.Http.GetAsync("/", Cancel);
            Assert.Equal(HttpStatusCode.OK, deck.StatusCode);
        }

        using var second = new SiteClient(TestPeople.BaseUrl(_app));
        using var again = await second.SignInAsync(EmailOf(user), TestPeople.Password, Cancel);
        using var reused = await second.SubmitFormAsync(PathOf(again), "recovery-code", new Dictionary<string, string> { ["Recovery.Code"] = recoveryCodes[3] }, Cancel);
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
        Assert.Contains("it has been used already", await reused.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        using var notIn = await second.Http.GetAsync("/", Cancel);
        Assert.Equal(HttpStatusCode.Redirect, notIn.StatusCode);
        Assert.Contains(await TeamAudit.EntriesAsync(_app, AuditActions.SignIn), e => e.ActorId == user.Id && e.Details == "password + recovery code (9 recovery codes left)");
        Assert.Contains(await TeamAudit.EntriesAsync(_app, AuditActions.SignInFailed), e => e.ActorId == user.Id && e.Details == "wrong or used recovery code");
    }

    [Fact]
    [Trait("Issue", "5")]
    public async Task Repeated_wrong_codes_lock_the_account_even_against_the_right_code()
    {
        var user = await TestPeople.CreateAsync(_app.Services, Roles.Officer);
        var (key, _) = await TurnOnAsync(user);
        using var browser = new SiteClient(TestPeople.BaseUrl(_app));
        using var password = await browser.SignInAsync(EmailOf(user), TestPeople.Password, Cancel);
        var codePage = PathOf(password);

        var answers = new List<string>();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var wrong = await browser.SubmitFormAsync(codePage, "two-factor", new Dictionary<string, string> { ["Input.Code"] = WrongCode(key) }, Cancel);
            answers.Add(await wrong.Content.ReadAsStringAsync(Cancel));
        }

        using var right = await browser.SubmitFormAsync(codePage, "two-factor", new Dictionary<string, string> { ["Input.Code"] = CodeNow(key) }, Cancel);

        Assert.All(answers[..4], page => Assert.Contains("That code is not right", page, StringComparison.Ordinal));
        Assert.Contains("Too many wrong codes: this account is locked", answers[4], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("Too many wrong codes: this account is locked", await right.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        using var notIn = await browser.Http.GetAsync("/", Cancel);
        Assert.Equal(HttpStatusCode.Redirect, notIn.StatusCode);
        Assert.Equal(2, (await TeamAudit.EntriesAsync(_app, AuditActions.SignInLockedOut)).Count(e => e.ActorId == user.Id));
    }

    [Fact]
    [Trait("Issue", "5")]
    public async Task Changing_the_password_keeps_this_session_and_is_audited()
    {
        var (officer, user) = await TestPeople.SignedInAsync(_app, Roles.Officer);
        using var signedIn = officer;
        const string newPassword = "a different and long password";

        using var mismatch = await officer.SubmitFormAsync("account/security", "change-password", new Dictionary<string, string>
        {
            ["PasswordChange.CurrentPassword"] = "not my password at all",
            ["PasswordChange.NewPassword"] = newPassword,
            ["PasswordChange.ConfirmPassword"] = newPassword,
        }, Cancel);
        using var changed = await officer.SubmitFormAsync("account/security", "change-password", new Dictionary<string, string>
        {
            ["PasswordChange.CurrentPassword"] = TestPeople.Password,
            ["PasswordChange.NewPassword"] = newPassword,
            ["PasswordChange.ConfirmPassword"] = newPassword,
        }, Cancel);

        Assert.Contains("That is not your current password", await mismatch.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Contains("Your password has been changed", await changed.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        using var deck = await officer.Http.GetAsync("/", Cancel);
        Assert.Equal(HttpStatusCode.OK, deck.StatusCode);
        Assert.Equal(user.Id, Assert.Single(await TeamAudit.EntriesAsync(_app, AuditActions.PasswordChanged)).ActorId);
        using var fresh = new SiteClient(TestPeople.BaseUrl(_app));
        using var signIn = await fresh.SignInAsync(EmailOf(user), newPassword, Cancel);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/", PathOf(signIn));
    }

    /// <summary>The code an authenticator app shows now for <paramref name="key"/> (base32, as shown on the page).</summary>
    internal static string CodeNow(string key) => new Totp(Base32Encoding.ToBytes(key.ToUpperInvariant())).ComputeTotp(TimeProvider.System.GetUtcNow().UtcDateTime);

    /// <summary>A six-digit code that no time step near now accepts, so it is wrong however the clock falls.</summary>
    internal static string WrongCode(string key)
    {
        var totp = new Totp(Base32Encoding.ToBytes(key.ToUpperInvariant()));
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var near = Enumerable.Range(-4, 9).Select(step => totp.ComputeTotp(now.AddSeconds(30 * step))).ToHashSet(StringComparer.Ordinal);
        return Enumerable.Range(0, 10).Select(digit => new string((char)('0' + digit), 6)).First(code => !near.Contains(code));
    }

    private async Task<(string Key, List<string> RecoveryCodes)> TurnOnAsync(AppUser user)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var person = await users.FindByIdAsync(user.Id) ?? throw new InvalidOperationException("no such person");
        await users.ResetAuthenticatorKeyAsync(person);
        await users.SetTwoFactorEnabledAsync(person, true);
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(person, 10))?.ToList() ?? [];
        return (await users.GetAuthenticatorKeyAsync(person) ?? throw new InvalidOperationException("no key after resetting it"), codes);
    }

    private async Task<string?> StoredKeyAsync(AppUser user)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return await users.GetAuthenticatorKeyAsync(await users.FindByIdAsync(user.Id) ?? throw new InvalidOperationException("no such person"));
    }

    private async Task<bool> TwoFactorEnabledAsync(AppUser user)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return await users.GetTwoFactorEnabledAsync(await users.FindByIdAsync(user.Id) ?? throw new InvalidOperationException("no such person"));
    }

    private static string EmailOf(AppUser user) => user.Email ?? throw new InvalidOperationException("a test person without an email address");

    /// <summary>Where a redirect goes, as a local path and query (PressDeck writes some redirects as absolute addresses).</summary>
    internal static string PathOf(HttpResponseMessage response) => response.Headers.Location switch
    {
        null => throw new InvalidOperationException($"expected a redirect, got {(int)response.StatusCode}"),
        { IsAbsoluteUri: true } absolute => absolute.PathAndQuery,
        var relative => relative.OriginalString,
    };

    [GeneratedRegex("<code id=\"shared-key\"[^>]*>([^<]+)</code>")]
    private static partial Regex SharedKeyPattern();

    [GeneratedRegex("<li><code>([^<]+)</code></li>")]
    private static partial Regex RecoveryCodePattern();
}

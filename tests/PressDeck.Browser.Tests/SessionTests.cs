using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace PressDeck.Browser.Tests;

/// <summary>Signing out and in again: the deck comes back as it was left; a wrong password lets no one in.</summary>
[Collection(SharedBrowser.Name)]
public sealed class SessionTests(BrowserFixture fixture)
{
    [Fact]
    [Trait("Issue", "2")]
    public async Task After_signing_out_and_in_again_the_deck_is_as_it_was_left()
    {
        var page = await fixture.NewAdminPageAsync();
        await page.GotoAsync("/");
        await page.Locator(".deck-column").First.WaitForAsync();
        var titles = page.Locator(".deck-column .column-title");
        var starter = (await titles.AllInnerTextsAsync()).ToArray();

        // A column of one's own, renamed and moved one place to the left.
        await page.GetByRole(AriaRole.Button, new() { Name = "Add column" }).ClickAsync();
        await page.GetByLabel("Column name").FillAsync("Apprenticeships");
        await page.GetByLabel("Hashtags").FillAsync("#Apprenticeships");
        await Assertions.Expect(page.Locator("#generated-query")).ToHaveTextAsync("#Apprenticeships");
        await page.Locator("#save-column").ClickAsync();
        await Assertions.Expect(titles).ToHaveTextAsync([.. starter, "Apprenticeships"]);

        await page.GetByRole(AriaRole.Button, new() { Name = "Column menu for Apprenticeships" }).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Edit column" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog.GetByLabel("Column name")).ToHaveValueAsync("Apprenticeships");
        await dialog.GetByLabel("Column name").FillAsync("Apprentices watch");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save column" }).ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(titles).ToHaveTextAsync([.. starter, "Apprentices watch"]);

        await page.GetByRole(AriaRole.Button, new() { Name = "Column menu for Apprentices watch" }).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Move left" }).ClickAsync();
        string[] expected = [.. starter[..^1], "Apprentices watch", starter[^1]];
        await Assertions.Expect(titles).ToHaveTextAsync(expected);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync(LoginUrl());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();

        await page.GotoAsync("/");
        await page.WaitForURLAsync(LoginUrl());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();

        await SignInAsync(page, BrowserFixture.AdminPassword);
        await page.WaitForURLAsync(fixture.Server.BaseUrl + "/");
        await Assertions.Expect(titles).ToHaveTextAsync(expected);
        await Assertions.Expect(page.Locator(".deck-column").First.Locator(".post-card").First).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    [Trait("Issue", "2")]
    public async Task A_wrong_password_shows_a_clear_error_and_starts_no_session()
    {
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.Server.BaseUrl });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");

        await SignInAsync(page, "not the password");
        var error = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(error).ToContainTextAsync("That email address and password do not match an account");
        await Assertions.Expect(page).ToHaveURLAsync(LoginUrl());
        await Assertions.Expect(page.GetByLabel("Email address")).ToHaveValueAsync(BrowserFixture.AdminEmail);
        await Assertions.Expect(page.GetByLabel("Password", new() { Exact = true })).ToHaveValueAsync("");
        var cookies = await context.CookiesAsync();
        Assert.DoesNotContain(cookies, c => c.Name.StartsWith(".AspNetCore.Identity", StringComparison.Ordinal));

        await page.GotoAsync("/");
        await page.WaitForURLAsync(LoginUrl());
        await Assertions.Expect(page.Locator(".deck-column")).ToHaveCountAsync(0);
    }

    private static async Task SignInAsync(IPage page, string password)
    {
        await page.GetByLabel("Email address").FillAsync(BrowserFixture.AdminEmail);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    private Regex LoginUrl() => new("^" + Regex.Escape(fixture.Server.BaseUrl) + "/account/login(\\?.*)?$");
}

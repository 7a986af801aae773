using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PressDeck.Connectors.Demo;

namespace PressDeck.Browser.Tests;

/// <summary>What the browser tests do as the office's people: invite and join, and set the demo account's approval step.</summary>
internal static class OfficeSteps
{
    private const string Handle = DemoOptions.DefaultOfficeHandle;

    /// <summary>Adds one "any approver" step to the demo account's rules, or removes every step it has.</summary>
    public static async Task SetDemoApprovalStepAsync(IPage admin, bool required, Func<string, Task>? snap = null)
    {
        await admin.GotoAsync("/admin/publishing");
        var rules = admin.GetByRole(AriaRole.Form, new() { Name = $"Demo @{Handle}" });
        var removeButtons = rules.GetByRole(AriaRole.Button, new() { Name = "Remove step" });
        await Assertions.Expect(rules.GetByRole(AriaRole.Button, new() { Name = "Add an approval step" })).ToBeVisibleAsync();
        while (await removeButtons.CountAsync() > 0)
        {
            var before = await removeButtons.CountAsync();
            await removeButtons.First.ClickAsync();
            await Assertions.Expect(removeButtons).ToHaveCountAsync(before - 1);
        }

        if (required)
        {
            await rules.GetByRole(AriaRole.Button, new() { Name = "Add an approval step" }).ClickAsync();
            await Assertions.Expect(rules.GetByLabel("Step 1: approved by")).ToHaveValueAsync("");
            await Assertions.Expect(rules.GetByLabel("Step 1: approved by").Locator("option:checked")).ToHaveTextAsync("any approver");
            if (snap is not null)
            {
                await snap("0-rules-step-added");
            }
        }

        await rules.GetByRole(AriaRole.Button, new() { Name = $"Save rules for @{Handle}" }).ClickAsync();

        await Assertions.Expect(admin.GetByRole(AriaRole.Status).Filter(new() { HasText = $"Saved the rules for @{Handle}." })).ToBeVisibleAsync();
        if (required)
        {
            await Assertions.Expect(rules.GetByLabel("Step 1: approved by")).ToBeVisibleAsync();
            if (snap is not null)
            {
                await snap("0-rules-saved");
            }
        }
        else
        {
            await Assertions.Expect(rules.GetByText("No approval: posts from this account go straight out")).ToBeVisibleAsync();
        }
    }

    public static async Task<IBrowserContext> NewContextAsync(BrowserFixture fixture) => await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
    {
        BaseURL = fixture.Server.BaseUrl,
        ViewportSize = new ViewportSize { Width = 1440, Height = 1000 },
    });

    /// <summary>The admin invites someone on the team page; with no email server, the link is shown there to pass on.</summary>
    public static async Task<string> InviteAsync(IPage admin, string name, string email, string role)
    {
        await admin.GotoAsync("/admin/team");
        await admin.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await admin.GetByLabel("Email address").FillAsync(email);
        await admin.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync(role);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();

        var link = admin.Locator("#invite-link");
        await Assertions.Expect(link).ToHaveValueAsync(new Regex(@"/account/invitation\?token=[0-9a-f]{64}$"));
        await Assertions.Expect(admin.Locator("#invitations-table")).ToContainTextAsync(name);
        return await link.InputValueAsync();
    }

    public static async Task<IPage> JoinAsync(BrowserFixture fixture, IBrowserContext context, string link, string password)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(link);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByLabel("Password again").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Join and open the deck" }).ClickAsync();
        await page.WaitForURLAsync(fixture.Server.BaseUrl + "/");
        await page.Locator(".deck-column").First.WaitForAsync();
        return page;
    }
}

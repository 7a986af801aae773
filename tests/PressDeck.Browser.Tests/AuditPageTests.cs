using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace PressDeck.Browser.Tests;

/// <summary>
/// The admin reads the audit trail (issue 5): the office's set-up and the sign-ins are there, newest first; filtering by
/// words and by what happened narrows it; the page meets WCAG 2.2 AA in both themes.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class AuditPageTests(BrowserFixture fixture)
{
    [Fact]
    [Trait("Issue", "5")]
    public async Task The_admin_sees_the_set_up_and_sign_ins_and_filters_the_trail_by_words_and_by_action()
    {
        var stranger = $"nobody-{Guid.NewGuid():n}@example.org";
        await using (var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.Server.BaseUrl }))
        {
            var login = await context.NewPageAsync();
            await SignInAsync(login, stranger, "not the right password");
            await Assertions.Expect(login.GetByRole(AriaRole.Alert)).ToContainTextAsync("do not match an account");
            await SignInAsync(login, BrowserFixture.AdminEmail, BrowserFixture.AdminPassword);
            await login.WaitForURLAsync(fixture.Server.BaseUrl + "/");
        }

        var page = await fixture.NewAdminPageAsync();
        await page.GotoAsync("/admin/audit");

        var table = page.Locator("#audit-table");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Audit trail", Level = 1 })).ToBeVisibleAsync();
        var created = table.Locator("tr[data-action='office.created']");
        await Assertions.Expect(created).ToHaveCountAsync(1);
        await Assertions.Expect(created).ToContainTextAsync("Set up the office");
        await Assertions.Expect(created).ToContainTextAsync("Sam Lead");
        var signIns = table.Locator("tr[data-action='sign-in']");
        await Assertions.Expect(signIns.First).ToContainTextAsync("Signed in");
        await Assertions.Expect(signIns.First).ToContainTextAsync(BrowserFixture.AdminEmail);
        await Assertions.Expect(table.Locator("tbody tr").First).ToHaveAttributeAsync("data-action", "sign-in");
        await Assertions.Expect(table.Locator("tbody tr").Nth(1)).ToHaveAttributeAsync("data-action", "sign-in.failed");
        var ids = await table.Locator("tbody tr").EvaluateAllAsync<long[]>("rows => rows.map(r => Number(r.dataset.entry))");
        Assert.Equal(ids.OrderDescending(), ids);
        var when = created.Locator("time");
        Assert.EndsWith(" UTC", await when.GetAttributeAsync("title"), StringComparison.Ordinal);
        Assert.EndsWith("Z", await when.GetAttributeAsync("datetime"), StringComparison.Ordinal);

        await page.GetByLabel("Who, what it happened to, or details").FillAsync(stranger);
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();

        await page.WaitForURLAsync("**/admin/audit?q=*");
        await Assertions.Expect(table.Locator("tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(table.Locator("tbody tr")).ToContainTextAsync("Failed sign-in");
        await Assertions.Expect(table.Locator("tbody tr")).ToContainTextAsync("no such person");
        await Assertions.Expect(page.Locator("#audit-export")).ToHaveAttributeAsync("href", "api/audit/export.csv?q=" + Uri.EscapeDataString(stranger));

        await page.GetByLabel("Who, what it happened to, or details").FillAsync("");
        await page.GetByLabel("What happened").SelectOptionAsync(new SelectOptionValue { Label = "Signed in" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();

        await page.WaitForURLAsync("**/admin/audit?action=sign-in");
        await Assertions.Expect(table.Locator("tbody tr").First).ToContainTextAsync("Signed in");
        var actions = await table.Locator("tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.action)");
        Assert.NotEmpty(actions);
        Assert.All(actions, action => Assert.Equal("sign-in", action));
        await Assertions.Expect(page.Locator("#audit-export")).ToHaveAttributeAsync("href", "api/audit/export.csv?action=sign-in");
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Delete" }).CountAsync());
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Edit" }).CountAsync());

        foreach (var dark in new[] { false, true })
        {
            await Theme.UseAsync(page, dark);
            var results = await page.RunAxe(new AxeRunOptions
            {
                RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
            });
            var serious = results.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
            Assert.True(serious.Count == 0, (dark ? "dark: " : "light: ") + string.Join("\n", serious.Select(v => $"{v.Id}: {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")));
        }

        await Theme.UseAsync(page, dark: false);
        await page.Context.CloseAsync();
    }

    private static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }
}

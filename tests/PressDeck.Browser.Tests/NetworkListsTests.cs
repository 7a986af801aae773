using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace PressDeck.Browser.Tests;

/// <summary>
/// Issue 7, lists joined to contacts in a real browser: the admin imports one of the demo office's lists into a new
/// list, with its people added to Contacts; each member links to their contact, and the contact shows the list; then
/// the list is pushed back to the demo network after its warning is accepted, and the page says it is up to date. The
/// page meets WCAG 2.2 AA in both themes.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class NetworkListsTests(BrowserFixture fixture)
{
    [Fact]
    [Trait("Issue", "7")]
    public async Task A_demo_list_is_imported_into_contacts_and_pushed_back_after_its_warning_is_accepted()
    {
        var name = "Stakeholders " + Guid.NewGuid().ToString("n")[..6];
        var page = await fixture.NewAdminPageAsync();
        await page.GotoAsync("/lists");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Import a list from a network" })).ToBeVisibleAsync();

        var remote = page.Locator(".remote-lists .list-button", new() { HasText = "Organisations we work with" });
        var count = int.Parse(await remote.Locator(".list-count").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        await remote.ClickAsync();
        await page.GetByLabel("Name of the new list").FillAsync(name);
        await page.GetByLabel("Also add the people who are not in Contacts yet").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Import the list" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Imported into “{name}”: {count} added, 0 already on the list.");
        await Assertions.Expect(page.Locator("#list-title")).ToHaveTextAsync(name);
        await Assertions.Expect(page.Locator(".list-detail tbody tr")).ToHaveCountAsync(count);
        await Assertions.Expect(page.Locator(".list-source")).ToContainTextAsync("Imported from “Organisations we work with” by @dbt_press on Demo");
        // Every member is in Contacts now, so each name links to the contact.
        await Assertions.Expect(page.Locator(".list-detail tbody tr td:first-child a")).ToHaveCountAsync(count);

        // Pushing back is opt-in: the button waits for the warning to be accepted.
        var push = page.GetByRole(AriaRole.Button, new() { Name = "Push to Demo" });
        await Assertions.Expect(page.Locator(".list-push-warning")).ToContainTextAsync("anyone on the demo network can see the list");
        await Assertions.Expect(push).ToBeDisabledAsync();
        await AccessibleAsync(page, "imported");
        await page.GetByLabel("I understand, and the office wants this").CheckAsync();
        await push.ClickAsync();
        await Assertions.Expect(page.Locator(".list-push-items")).ToContainTextAsync($"Created the list. Added {count}, removed 0; {count} on the list there.");
        await Assertions.Expect(page.Locator(".list-push-items")).ToContainTextAsync("Pushed to @dbt_press on Demo");
        await AccessibleAsync(page, "pushed");

        // The contact shows the list they are on.
        var first = page.Locator(".list-detail tbody tr td:first-child a").First;
        var person = (await first.InnerTextAsync()).Trim();
        await first.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = person, Level = 2 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".contacts-fields")).ToContainTextAsync(name);
        await page.Context.CloseAsync();
    }

    /// <summary>Runs axe in each theme, after the buttons have finished fading to the theme's colours.</summary>
    private static async Task AccessibleAsync(IPage page, string state)
    {
        foreach (var dark in new[] { false, true })
        {
            await Theme.UseAsync(page, dark);
            await page.EvaluateAsync("() => Promise.all(document.getAnimations().filter(a => a instanceof CSSTransition).map(a => a.finished.catch(() => null)))");
            var results = await page.RunAxe(new AxeRunOptions
            {
                RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
            });
            var serious = results.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
            Assert.True(serious.Count == 0, $"{state}, {(dark ? "dark" : "light")}: " + string.Join("\n", serious.Select(v => $"{v.Id}: {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")));
        }
    }
}

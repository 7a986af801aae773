using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace PressDeck.Browser.Tests;

/// <summary>
/// Issue 7, contacts, the golden path in a real browser: the admin imports a CSV file (the preview first, with the bad row
/// by line and reason), imports the good rows, opens a contact, logs a call and sees it in the history; the page meets
/// WCAG 2.2 AA in both themes with the preview and with the contact open.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class ContactsTests(BrowserFixture fixture)
{
    [Fact]
    [Trait("Issue", "7")]
    public async Task The_admin_previews_a_csv_imports_the_good_rows_opens_a_contact_and_logs_a_call()
    {
        var tag = Guid.NewGuid().ToString("n")[..8];
        var csv = $"""
            name,outlet,beat,email,phone,bluesky,mastodon,x,notes
            Jane {tag},The Chronicle,Housing,jane@chronicle.example,,jane{tag}.bsky.social,,,Prefers calls before 11
            Tom {tag},Trade Weekly,Industry,not-an-email,,,,,
            Amy {tag},Radio 5,Politics,,,,amy{tag}@journa.host,amy_{tag},
            """;
        var page = await fixture.NewAdminPageAsync();
        await page.GotoAsync("/contacts");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Contacts", Level = 1 })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Import CSV" }).ClickAsync();
        await page.GetByLabel("CSV file (at most 10 MB)").SetInputFilesAsync(new FilePayload { Name = "contacts.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });

        await Assertions.Expect(page.GetByText("3 rows read: 2 can be imported, 1 cannot.")).ToBeVisibleAsync();
        var bad = page.Locator("table", new() { Has = page.GetByText("Rows that will not be imported") });
        await Assertions.Expect(bad.Locator("tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(bad.Locator("tbody tr")).ToContainTextAsync("3");
        await Assertions.Expect(bad.Locator("tbody tr")).ToContainTextAsync("\"not-an-email\" is not a valid email address");
        await AccessibleAsync(page, "preview");

        await page.GetByRole(AriaRole.Button, new() { Name = "Import 2 contacts" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Imported 2 contacts.")).ToBeVisibleAsync();

        await page.GetByLabel("Search by name, outlet, beat or handle").FillAsync(tag);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Open Amy {tag}" })).ToBeVisibleAsync();
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = $"Open Tom {tag}" }).CountAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = $"Open Jane {tag}" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Jane {tag}", Level = 2 })).ToBeFocusedAsync();
        await page.GetByLabel("What it was about").FillAsync("Phoned about the housing figures");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log it" }).ClickAsync();
        var history = page.Locator(".contacts-history li");
        await Assertions.Expect(history).ToHaveCountAsync(1);
        await Assertions.Expect(history).ToContainTextAsync("Phone call · logged by");
        await Assertions.Expect(history).ToContainTextAsync("Phoned about the housing figures");
        await AccessibleAsync(page, "contact");

        await page.GetByRole(AriaRole.Button, new() { Name = "Change" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Handle 1", new() { Exact = true })).ToHaveValueAsync($"jane{tag}.bsky.social");
        await AccessibleAsync(page, "dialog", themes: [true]);
    }

    /// <summary>Runs axe in each theme (the theme switch is behind a dialog's overlay, so a dialog is checked in the theme it opened in).</summary>
    private static async Task AccessibleAsync(IPage page, string state, bool[]? themes = null)
    {
        foreach (var dark in themes ?? [false, true])
        {
            await Theme.UseAsync(page, dark);
            // The buttons fade to the other theme's colours; axe must see them after the fade, not halfway.
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

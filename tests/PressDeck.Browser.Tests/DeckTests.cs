using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace PressDeck.Browser.Tests;

[Collection(SharedBrowser.Name)]
public sealed class DeckTests(BrowserFixture fixture)
{
    [Fact]
    [Trait("Issue", "2")]
    public async Task A_new_hashtag_column_fills_live_without_a_reload()
    {
        var page = await fixture.NewAdminPageAsync();
        await page.GotoAsync("/");
        await page.Locator(".deck-column").First.WaitForAsync();
        var columnsBefore = await page.Locator(".deck-column").CountAsync();
        await page.EvaluateAsync("() => { window.__noReload = true; }");

        await page.GetByRole(AriaRole.Button, new() { Name = "Add column" }).ClickAsync();
        await page.GetByLabel("Column name").FillAsync("Skills Bill live");
        await page.GetByLabel("Hashtags").FillAsync("#SkillsBill");
        await Assertions.Expect(page.Locator("#generated-query")).ToHaveTextAsync("#SkillsBill");
        await page.Locator("#save-column").ClickAsync();

        var column = page.Locator(".deck-column", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Skills Bill live" }) });
        await Assertions.Expect(page.Locator(".deck-column")).ToHaveCountAsync(columnsBefore + 1);
        await column.WaitForAsync();
        var initial = await column.Locator(".post-card").EvaluateAllAsync<string[]>("cards => cards.map(c => c.dataset.postId)");

        var notInitial = string.Concat(initial.Select(id => $":not([data-post-id='{id}'])"));
        var fresh = column.Locator(".post-card" + notInitial);
        await Assertions.Expect(fresh.First).ToBeVisibleAsync(new() { Timeout = 10_000 });

        var text = await fresh.First.Locator(".post-text").InnerTextAsync();
        Assert.Contains("#skillsbill", text, StringComparison.OrdinalIgnoreCase);
        Assert.True(await page.EvaluateAsync<bool>("() => window.__noReload === true"), "the page reloaded");
    }

    [Fact]
    [Trait("Issue", "2")]
    public async Task A_column_being_read_shows_new_posts_waiting_instead_of_jumping()
    {
        var page = await fixture.NewAdminPageAsync();
        await page.GotoAsync("/");
        var column = page.Locator(".deck-column").Nth(1);
        var body = column.Locator(".column-body");
        await column.Locator(".post-card").Nth(8).WaitForAsync();

        await body.EvaluateAsync("b => b.scrollTop = 400");
        // The scroll reaches the server over the circuit; a post arriving before it does is still shown at the top.
        await page.WaitForTimeoutAsync(1000);
        var firstBefore = await column.Locator(".post-card").First.GetAttributeAsync("data-post-id");
        var waiting = column.Locator(".new-posts");
        await Assertions.Expect(waiting).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(waiting).ToContainTextAsync("new post");
        var firstWhileReading = await column.Locator(".post-card").First.GetAttributeAsync("data-post-id");
        var scrollWhileReading = await body.EvaluateAsync<double>("b => b.scrollTop");
        await waiting.ClickAsync();

        Assert.Equal(firstBefore, firstWhileReading);
        Assert.True(scrollWhileReading > 300, $"the column jumped to {scrollWhileReading}");
        await Assertions.Expect(waiting).ToBeHiddenAsync();
        await Assertions.Expect(column.Locator(".post-card").First).Not.ToHaveAttributeAsync("data-post-id", firstBefore!);
    }

    [Fact]
    [Trait("Issue", "2")]
    public async Task An_invalid_query_shows_its_error_and_position_and_saves_nothing()
    {
        var page = await fixture.NewAdminPageAsync();
        await page.GotoAsync("/");
        await page.Locator(".deck-column").First.WaitForAsync();
        var columnsBefore = await page.Locator(".deck-column").CountAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Add column" }).ClickAsync();
        await page.GetByLabel("Column name").FillAsync("Broken");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show as query" }).ClickAsync();
        await page.Locator("#column-query").FillAsync("skills OR");

        var error = page.Locator("#query-error");
        await Assertions.Expect(error).ToBeVisibleAsync();
        await Assertions.Expect(error).ToContainTextAsync("OR");
        await Assertions.Expect(error).ToContainTextAsync("at character");
        await page.Locator("#save-column").ClickAsync();
        await Assertions.Expect(error).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Assertions.Expect(page.Locator(".deck-column")).ToHaveCountAsync(columnsBefore);
    }

    [Fact]
    [Trait("Issue", "3")]
    public async Task The_column_editor_explains_the_query_and_counts_the_last_day_of_matches()
    {
        var page = await fixture.NewAdminPageAsync();
        await page.GotoAsync("/");
        await page.Locator(".deck-column").First.WaitForAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Add column" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Show as query" }).ClickAsync();
        await page.Locator("#column-query").FillAsync("skills bill OR #SkillsBill");

        await Assertions.Expect(page.Locator("#query-explanation")).ToHaveTextAsync("(skills AND bill) OR #skillsbill");
        await Assertions.Expect(page.Locator("#query-count")).ToHaveTextAsync(
            new System.Text.RegularExpressions.Regex(@"^(Over )?[1-9][0-9,]* archived posts? from the last 24 hours match"), new() { Timeout = 15_000 });
        await page.Locator("#column-query").FillAsync("zzzqqqxxyy");
        await Assertions.Expect(page.Locator("#query-count")).ToHaveTextAsync("0 archived posts from the last 24 hours match.", new() { Timeout = 15_000 });
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
    }

    [Fact]
    [Trait("Issue", "2")]
    public async Task The_deck_has_no_serious_or_critical_accessibility_violations()
    {
        foreach (var dark in new[] { false, true })
        {
            var page = await fixture.NewAdminPageAsync();
            await page.GotoAsync("/");
            await page.Locator(".post-card").First.WaitForAsync();
            await Theme.UseAsync(page, dark);

            var results = await page.RunAxe(new AxeRunOptions
            {
                RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
            });
            var serious = results.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
            Assert.True(serious.Count == 0, (dark ? "dark: " : "light: ") + string.Join("\n", serious.Select(v => $"{v.Id}: {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")));
            await Theme.UseAsync(page, dark: false);
            await page.Context.CloseAsync();
        }
    }
}

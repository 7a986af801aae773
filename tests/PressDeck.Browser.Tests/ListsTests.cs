using Microsoft.Playwright;

namespace PressDeck.Browser.Tests;

/// <summary>Lists of accounts: the starter list, a new list with one journalist on it, and a deck column that follows it.</summary>
[Collection(SharedBrowser.Name)]
public sealed class ListsTests(BrowserFixture fixture)
{
    [Fact]
    [Trait("Issue", "2")]
    public async Task A_new_list_drives_a_column_with_posts_only_from_its_members()
    {
        var page = await fixture.NewAdminPageAsync();
        await page.GotoAsync("/lists");

        // The starter list is there, selected, with its journalists.
        var journalists = page.Locator(".list-index .list-button", new() { Has = page.Locator(".list-name", new() { HasTextRegex = new("^journalists$") }) });
        await Assertions.Expect(journalists).ToBeVisibleAsync();
        await journalists.ClickAsync();
        await Assertions.Expect(page.Locator("#list-title")).ToHaveTextAsync("journalists");
        var handles = page.Locator(".list-detail tbody tr td:nth-child(4)");
        await Assertions.Expect(handles.First).ToBeVisibleAsync();
        var members = (await handles.AllInnerTextsAsync()).Select(h => h.Trim().TrimStart('@')).ToList();
        Assert.Equal(int.Parse(await journalists.Locator(".list-count").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture), members.Count);

        // One of them who has posts in the archive already, so the column fills without waiting for the live stream.
        var handle = await FirstWithPostsAsync(page, members);

        var name = "watch" + Guid.NewGuid().ToString("n")[..6];
        await page.Locator("#new-list-name").FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create list" }).ClickAsync();
        await Assertions.Expect(page.Locator("#list-title")).ToHaveTextAsync(name);
        await Assertions.Expect(page.Locator(".list-detail tbody tr")).ToHaveCountAsync(0);

        await page.GetByLabel("Handle", new() { Exact = true }).FillAsync("@" + handle);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".list-detail tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".list-detail tbody tr td:nth-child(4)")).ToHaveTextAsync("@" + handle);
        var created = page.Locator(".list-index .list-button", new() { Has = page.Locator(".list-name", new() { HasText = name }) });
        await Assertions.Expect(created.Locator(".list-count")).ToHaveTextAsync("1");

        await page.GotoAsync("/");
        await page.Locator(".deck-column").First.WaitForAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add column" }).ClickAsync();
        await page.GetByLabel("Column name").FillAsync("My list");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show as query" }).ClickAsync();
        await page.Locator("#column-query").FillAsync("list:" + name);
        await Assertions.Expect(page.GetByText("Understood as:")).ToBeVisibleAsync();
        await page.Locator("#save-column").ClickAsync();

        var column = page.Locator(".deck-column", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "My list", Exact = true }) });
        await Assertions.Expect(column.Locator(".post-card").First).ToBeVisibleAsync();
        var authors = await column.Locator(".post-card .post-handle").AllInnerTextsAsync();
        Assert.NotEmpty(authors);
        Assert.All(authors, a => Assert.Equal("@" + handle, a.Trim(), ignoreCase: true));
        await page.Context.CloseAsync();
    }

    [Fact]
    [Trait("Issue", "2")]
    public async Task A_query_naming_an_unknown_list_is_refused()
    {
        var page = await fixture.NewAdminPageAsync();
        await page.GotoAsync("/");
        await page.Locator(".deck-column").First.WaitForAsync();
        var columnsBefore = await page.Locator(".deck-column").CountAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Add column" }).ClickAsync();
        await page.GetByLabel("Column name").FillAsync("Nobody");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show as query" }).ClickAsync();
        await page.Locator("#column-query").FillAsync("list:nosuchlist");
        var error = page.Locator("#query-error");
        await Assertions.Expect(error).ToContainTextAsync("unknown list 'nosuchlist'");
        await Assertions.Expect(error).ToContainTextAsync("at character 6");
        await page.Locator("#save-column").ClickAsync();
        await Assertions.Expect(error).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Assertions.Expect(page.Locator(".deck-column")).ToHaveCountAsync(columnsBefore);

        await page.GotoAsync("/search?q=" + Uri.EscapeDataString("list:nosuchlist"));
        await Assertions.Expect(page.Locator("#search-feedback .query-error")).ToContainTextAsync("unknown list 'nosuchlist'");
        await page.Context.CloseAsync();
    }

    private static async Task<string> FirstWithPostsAsync(IPage page, IReadOnlyList<string> handles)
    {
        foreach (var handle in handles)
        {
            var response = await page.Context.APIRequest.GetAsync("api/archive/export.csv?q=" + Uri.EscapeDataString("from:" + handle));
            Assert.True(response.Ok, $"export for {handle}: {response.Status}");
            var lines = (await response.TextAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            if (lines.Length > 1)
            {
                return handle;
            }
        }

        Assert.Fail("No journalist on the starter list has posts in the archive.");
        return "";
    }
}

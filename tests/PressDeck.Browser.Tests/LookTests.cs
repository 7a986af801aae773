using Microsoft.Playwright;

namespace PressDeck.Browser.Tests;

/// <summary>
/// The deck as a person sees it, on a laptop, an iPad and a wall display, in both themes: each screen shows its columns
/// filled with posts and is saved as a picture (under the test output's screenshots/ folder) for a human to look at.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class LookTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData("laptop", 1440, 900, false)]
    [InlineData("ipad", 1024, 768, false)]
    [InlineData("wall", 2560, 1440, true)]
    public async Task The_deck_shows_filled_columns_on_every_screen_size(string name, int width, int height, bool dark)
    {
        var page = await fixture.NewAdminPageAsync(new ViewportSize { Width = width, Height = height });
        await page.GotoAsync("/");
        await page.Locator(".post-card").First.WaitForAsync();
        await Theme.UseAsync(page, dark);

        await page.WaitForTimeoutAsync(1500);
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"deck-{name}.png") });

        var visibleColumns = await page.Locator(".deck-column").EvaluateAllAsync<int>(
            "columns => columns.filter(c => { const r = c.getBoundingClientRect(); return r.right > 0 && r.left < window.innerWidth; }).length");
        Assert.True(visibleColumns >= 1);
        Assert.True(await page.Locator(".deck-column").First.Locator(".post-card").CountAsync() > 0);
        await Theme.UseAsync(page, dark: false);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_column_editor_reads_as_a_plain_form()
    {
        var page = await fixture.NewAdminPageAsync();
        await page.GotoAsync("/");
        await page.Locator(".post-card").First.WaitForAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Add column" }).ClickAsync();
        await page.WaitForTimeoutAsync(800);
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, "column-editor.png") });

        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }
}

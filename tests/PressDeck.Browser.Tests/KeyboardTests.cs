using Microsoft.Playwright;

namespace PressDeck.Browser.Tests;

/// <summary>The deck without a mouse: jump to a column, move between its posts, see the shortcuts and put them away.</summary>
[Collection(SharedBrowser.Name)]
public sealed class KeyboardTests(BrowserFixture fixture)
{
    [Fact]
    [Trait("Issue", "2")]
    public async Task Number_keys_jump_to_a_column_and_j_k_move_between_its_posts()
    {
        var page = await fixture.NewAdminPageAsync();
        await page.GotoAsync("/");
        var columns = page.Locator(".deck-column");
        var second = columns.Nth(1);
        await Assertions.Expect(second.Locator(".post-card").Nth(1)).ToBeVisibleAsync();
        await WaitForShortcutsAsync(page);

        await page.Keyboard.PressAsync("2");
        var focused = page.Locator(".post-card:focus");
        await Assertions.Expect(second.Locator(".post-card:focus")).ToHaveCountAsync(1);
        var first = await focused.GetAttributeAsync("data-post-id");

        // Live posts may arrive at the top meanwhile; j and k move relative to the focused post, whatever its index.
        await page.Keyboard.PressAsync("j");
        await Assertions.Expect(focused).Not.ToHaveAttributeAsync("data-post-id", first!);
        await Assertions.Expect(second.Locator(".post-card:focus")).ToHaveCountAsync(1);
        var next = await focused.GetAttributeAsync("data-post-id");
        var order = await second.Locator(".post-card").EvaluateAllAsync<string[]>("cards => cards.map(c => c.dataset.postId)");
        Assert.Equal(Array.IndexOf(order, first) + 1, Array.IndexOf(order, next));

        await page.Keyboard.PressAsync("k");
        await Assertions.Expect(focused).ToHaveAttributeAsync("data-post-id", first!);
        await Assertions.Expect(second.Locator(".post-card:focus")).ToHaveCountAsync(1);

        await page.Keyboard.PressAsync("1");
        await Assertions.Expect(columns.First.Locator(".post-card:focus")).ToHaveCountAsync(1);
        await page.Context.CloseAsync();
    }

    [Fact]
    [Trait("Issue", "2")]
    public async Task Question_mark_shows_the_shortcuts_and_escape_puts_them_away()
    {
        var page = await fixture.NewAdminPageAsync();
        await page.GotoAsync("/");
        await page.Locator(".deck-column .post-card").First.WaitForAsync();
        await WaitForShortcutsAsync(page);

        await page.Keyboard.PressAsync("?");
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Keyboard shortcuts" });
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await Assertions.Expect(dialog.GetByRole(AriaRole.Table)).ToContainTextAsync("Jump to column 1 to 9");
        await Assertions.Expect(dialog.GetByRole(AriaRole.Table)).ToContainTextAsync("Next / previous post in the column");

        // MudBlazor listens for Escape once the dialog has taken the focus (a moment after it shows); a person sees no gap.
        await Assertions.Expect(page.Locator(".mud-dialog-container :focus")).ToHaveCountAsync(1);
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);

        // With the dialog gone, the shortcuts work again.
        await page.Keyboard.PressAsync("1");
        await Assertions.Expect(page.Locator(".deck-column").First.Locator(".post-card:focus")).ToHaveCountAsync(1);
        await page.Context.CloseAsync();
    }

    /// <summary>The deck attaches its keys just after it first draws, and marks the page when they work.</summary>
    internal static Task WaitForShortcutsAsync(IPage page) =>
        page.Locator("html[data-deck-shortcuts='on']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
}

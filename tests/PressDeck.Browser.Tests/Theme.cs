using Microsoft.Playwright;

namespace PressDeck.Browser.Tests;

/// <summary>
/// Puts a page in the light or dark theme whatever it started in. The choice is kept with the account, which the
/// browser tests share, so a test must not assume the theme the previous one left behind.
/// </summary>
internal static class Theme
{
    public static async Task UseAsync(IPage page, bool dark)
    {
        var wanted = dark ? ".shell.theme-dark" : ".shell.theme-light";
        if (await page.Locator(wanted).CountAsync() == 0)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = dark ? "Switch to dark theme" : "Switch to light theme" }).ClickAsync();
        }

        // Generous: right after an axe run over a full deck on a loaded 2-core machine, the page can take a while to answer.
        await page.Locator(wanted).WaitForAsync(new LocatorWaitForOptions { Timeout = 90_000 });
    }
}

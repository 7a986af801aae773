using System.Globalization;
using System.Text;
using Microsoft.Playwright;

namespace PressDeck.Browser.Tests;

/// <summary>
/// Searching the archive as a press officer would: from the deck with <c>/</c>, paging through the results, narrowing by
/// date, mistyping a query, and taking the whole result away as a CSV file.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class SearchTests(BrowserFixture fixture)
{
    private const string Hashtag = "#SkillsBill";

    [Fact]
    [Trait("Issue", "2")]
    public async Task A_hashtag_search_from_the_deck_pages_newest_first_and_exports_every_match()
    {
        var page = await fixture.NewAdminPageAsync();
        await page.GotoAsync("/");
        await page.Locator(".post-card").First.WaitForAsync();
        await KeyboardTests.WaitForShortcutsAsync(page);

        await page.Keyboard.PressAsync("/");
        await Assertions.Expect(page.Locator("#deck-search")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(Hashtag);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/search?q=%23SkillsBill");
        await Assertions.Expect(page.Locator("#search-query")).ToHaveValueAsync(Hashtag);

        var pager = page.Locator(".pager");
        var newer = pager.GetByRole(AriaRole.Button, new() { Name = "Newer" });
        var older = pager.GetByRole(AriaRole.Button, new() { Name = "Older" });
        await Assertions.Expect(pager).ToContainTextAsync("Page 1");
        await Assertions.Expect(newer).ToBeDisabledAsync();

        // Every page: newest first, each post carries the hashtag, no post twice; "Older" until there is no older page.
        var seen = new Dictionary<string, DateTime>(StringComparer.Ordinal);
        var pages = new List<Card[]>();
        var previousOldest = DateTime.MaxValue;
        for (var number = 1; ; number++)
        {
            await Assertions.Expect(pager).ToContainTextAsync($"Page {number}");
            var cards = await ReadResultsAsync(page);
            Assert.NotEmpty(cards);
            Assert.True(cards.Length <= 25, $"page {number} shows {cards.Length} posts");
            for (var i = 0; i < cards.Length; i++)
            {
                Assert.Contains(Hashtag, cards[i].Text, StringComparison.OrdinalIgnoreCase);
                Assert.True(seen.TryAdd(cards[i].Id, cards[i].Time), $"post {cards[i].Id} appears twice (page {number})");
                var before = i == 0 ? previousOldest : cards[i - 1].Time;
                Assert.True(cards[i].Time <= before, $"page {number}, post {i + 1} ({cards[i].Time:o}) is newer than the one before it ({before:o})");
            }

            previousOldest = cards[^1].Time;
            pages.Add(cards);
            if (await older.IsDisabledAsync())
            {
                break;
            }

            await older.ClickAsync();
        }

        Assert.True(pages.Count >= 2, $"expected several pages of {Hashtag} posts, got {pages.Count}");

        // "Newer" goes back one page at a time, to the same pages.
        for (var number = pages.Count - 1; number >= 1; number--)
        {
            await newer.ClickAsync();
            await Assertions.Expect(pager).ToContainTextAsync($"Page {number}");
            var cards = await ReadResultsAsync(page);
            Assert.Equal(pages[number - 1].Select(c => c.Id), cards.Select(c => c.Id));
        }

        await Assertions.Expect(newer).ToBeDisabledAsync();

        // The export holds the whole result, not just one page: everything paged through above, plus only what arrived since.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Export as CSV" }).ClickAsync());
        Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.OrdinalIgnoreCase);
        var path = await download.PathAsync();
        var rows = ParseCsv(await File.ReadAllTextAsync(path, Encoding.UTF8, TestContext.Current.CancellationToken));
        Assert.Equal(["created_at", "network", "author_handle", "author_name", "kind", "text", "url", "remote_id"], rows[0]);
        var records = rows.Skip(1).ToList();
        Assert.All(records, r => Assert.Equal(8, r.Length));
        Assert.All(records, r => Assert.Contains(Hashtag, r[5], StringComparison.OrdinalIgnoreCase));
        var exported = records.ToDictionary(r => r[7], r => DateTime.Parse(r[0], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), StringComparer.Ordinal);
        Assert.Equal(records.Count, exported.Count);
        var missing = seen.Keys.Where(id => !exported.ContainsKey(id)).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} posts shown in the results are not in the export, e.g. {missing.FirstOrDefault()}");
        var newestShown = seen.Values.Max();
        var extra = exported.Where(e => !seen.ContainsKey(e.Key)).ToList();
        Assert.All(extra, e => Assert.True(e.Value >= newestShown.AddSeconds(-5), $"exported post {e.Key} ({e.Value:o}) is older than the newest result shown ({newestShown:o}) but was not in the results"));
        Assert.Equal(seen.Count + extra.Count, records.Count);
        var order = records.Select(r => r[0]).ToList();
        Assert.Equal(order.OrderDescending(StringComparer.Ordinal), order);

        await page.Context.CloseAsync();
    }

    [Fact]
    [Trait("Issue", "2")]
    public async Task A_date_range_without_posts_says_so_and_a_bad_query_shows_where_it_went_wrong()
    {
        var page = await fixture.NewAdminPageAsync();
        await page.GotoAsync("/search?q=" + Uri.EscapeDataString(Hashtag));
        await Assertions.Expect(page.Locator(".search-results .post-card").First).ToBeVisibleAsync();

        await page.Locator("#search-from").FillAsync("2001-01-01");
        await page.Locator("#search-to").FillAsync("2001-12-31");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/search?q=%23SkillsBill&from=2001-01-01&to=2001-12-31");
        await Assertions.Expect(page.Locator(".search-results-bar")).ToContainTextAsync("No posts match");
        await Assertions.Expect(page.Locator(".search-results .post-card")).ToHaveCountAsync(0);

        await page.Locator("#search-from").FillAsync("");
        await page.Locator("#search-to").FillAsync("");
        await page.Locator("#search-query").FillAsync("skills OR");
        await page.Locator("#search-query").PressAsync("Enter");
        var error = page.Locator("#search-feedback .query-error");
        await Assertions.Expect(error).ToBeVisibleAsync();
        await Assertions.Expect(error).ToContainTextAsync("OR with nothing after it");
        await Assertions.Expect(error).ToContainTextAsync("at character 8");
        await Assertions.Expect(page.Locator("#search-query")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator(".search-results")).ToHaveCountAsync(0);

        await page.Context.CloseAsync();
    }

    private static async Task<Card[]> ReadResultsAsync(IPage page)
    {
        // The pager can show the new page number a moment before the page's posts are drawn (a busy CI machine).
        await page.Locator(".search-results .post-card").First.WaitForAsync();
        var raw = await page.Locator(".search-results .post-card").EvaluateAllAsync<string[][]>(
            "cards => cards.map(c => [c.dataset.postId, c.querySelector('time').getAttribute('datetime'), c.querySelector('.post-text').textContent])");
        return raw.Select(r => new Card(r[0], DateTime.Parse(r[1], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind).ToUniversalTime(), r[2])).ToArray();
    }

    /// <summary>RFC 4180: quoted fields may hold commas, doubled quotes and line breaks.</summary>
    private static List<string[]> ParseCsv(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        text = text.TrimStart('\uFEFF');
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                row.Add(field.ToString());
                field.Clear();
                rows.Add([.. row]);
                row.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add([.. row]);
        }

        return rows;
    }

    private sealed record Card(string Id, DateTime Time, string Text);
}

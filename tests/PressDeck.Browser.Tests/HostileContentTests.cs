using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using PressDeck.Cli;
using PressDeck.Testing;

namespace PressDeck.Browser.Tests;

/// <summary>
/// SECURITY.md, script in content we display (issue 4): a corpus of script and markup payloads arrives through every
/// connector's reader (news-feed titles, descriptions, links and image descriptions; Mastodon HTML content, display names
/// and alt text; X text, names and alt text; Bluesky text and alt text), is loaded into the running PressDeck with
/// <c>pressdeck import</c>, and is shown in Chromium: no payload runs, every payload that is shown is shown as text, and
/// no link goes anywhere but a web address.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class HostileContentTests(BrowserFixture fixture) : IDisposable
{
    /// <summary>Each payload would set <c>window.__pwned</c> (or open a dialog) if it ran.</summary>
    private static readonly string[] Payloads =
    [
        "<script>window.__pwned=1</script>",
        "<img src=x onerror=\"window.__pwned=2\">",
        "<svg onload=\"window.__pwned=3\"></svg>",
        "\"><script>window.__pwned=4</script>",
        "<iframe src=\"javascript:window.__pwned=5\"></iframe>",
        "<a href=\"javascript:window.__pwned=6\">read more</a>",
        "<details open ontoggle=\"window.__pwned=7\">x</details>",
        "<body onload=\"window.__pwned=8\">",
        "<math><mtext><table><mglyph><style><img src=x onerror=\"window.__pwned=9\">",
        "javascript:window.__pwned=10",
        "<scr<script>ipt>window.__pwned=11</scr</script>ipt>",
        "&lt;img src=x onerror=\"window.__pwned=12\"&gt;",
    ];

    private readonly string _folder = Directory.CreateTempSubdirectory("pressdeck-hostile-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    [Trait("Issue", "4")]
    public async Task Script_and_markup_in_feeds_mastodon_x_and_bluesky_never_run_and_show_as_text()
    {
        await ImportAsync("rss", "hostile-feed.xml", HostileFeed());
        await ImportAsync("mastodon", "hostile-statuses.json", HostileStatuses());
        await ImportAsync("x", "hostile-tweets.json", HostileTweets());
        await ImportAsync("bluesky", "hostile-jetstream.jsonl", HostileJetstream());

        var page = await fixture.NewAdminPageAsync();
        var dialogs = 0;
        page.Dialog += async (_, dialog) =>
        {
            dialogs++;
            await dialog.DismissAsync();
        };
        await page.AddInitScriptAsync("window.__pwned = 0;");

        // Nothing leaves the machine: the posts' images on other hosts (Bluesky's CDN) are refused, not fetched.
        await page.RouteAsync("**/*", async route =>
        {
            var host = new Uri(route.Request.Url).Host;
            if (host is "127.0.0.1" or "localhost")
            {
                await route.ContinueAsync();
            }
            else
            {
                await route.AbortAsync();
            }
        });
        foreach (var (network, badge) in new[] { ("rss", "News feed"), ("mastodon", "Mastodon"), ("x", "X"), ("bluesky", "Bluesky") })
        {
            await page.GotoAsync("/search?q=" + Uri.EscapeDataString($"pwned network:{network}"));
            var results = page.Locator(".search-results .post-card");
            await Assertions.Expect(results.First).ToBeVisibleAsync();

            // Let every image try to load, every details element toggle, every frame navigate.
            await page.WaitForTimeoutAsync(1000);

            Assert.Equal(Payloads.Length, await results.CountAsync());
            Assert.Equal(badge, Assert.Single((await results.Locator(".network-badge").AllInnerTextsAsync()).Distinct()));
            Assert.Equal(0, await page.EvaluateAsync<int>("() => window.__pwned"));
            Assert.Equal(0, dialogs);
            var inside = page.Locator(".search-results");
            Assert.Equal(0, await inside.Locator("script, iframe, svg[onload], details, math, body").CountAsync());
            Assert.Equal(0, await inside.Locator("[onerror], [onload], [ontoggle]").CountAsync());
            var hrefs = await inside.Locator("a[href]").EvaluateAllAsync<string[]>("links => links.map(link => link.getAttribute('href'))");
            Assert.All(hrefs, href => Assert.True(
                href.StartsWith("http://", StringComparison.Ordinal) || href.StartsWith("https://", StringComparison.Ordinal) || href.StartsWith("search?", StringComparison.Ordinal) || href.StartsWith('/'),
                $"{network}: a link to {href}"));
            var sources = await inside.Locator("img[src]").EvaluateAllAsync<string[]>("images => images.map(image => image.getAttribute('src'))");
            Assert.All(sources, source => Assert.True(source.StartsWith("http", StringComparison.Ordinal), $"{network}: an image from {source}"));

            // Shown, the payloads are words on the page, not markup.
            Assert.Contains("window.__pwned", await inside.InnerTextAsync(), StringComparison.Ordinal);
        }

        await page.Context.CloseAsync();
    }

    private async Task ImportAsync(string network, string name, string content)
    {
        var file = Path.Combine(_folder, name);
        await File.WriteAllTextAsync(file, content, TestContext.Current.CancellationToken);
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var exit = await PressDeckCli.RunAsync(["import", "--network", network, file, "--data-folder", fixture.Server.DataFolder], output, error, TestContext.Current.CancellationToken);
        Assert.True(exit == 0, $"import {network}: {error}");
        Assert.Contains(" 0 payload(s) refused", error.ToString(), StringComparison.Ordinal);
    }

    private static string Escape(string text) => System.Security.SecurityElement.Escape(text);

    private static string HostileFeed()
    {
        var items = string.Concat(Payloads.Select((payload, index) => $"""
            <item>
              <title>pwned {index}: {Escape(payload)}</title>
              <link>{(index % 2 == 0 ? "javascript:window.__pwned=20" : "https://news.example.gov.uk/story/" + index.ToString(CultureInfo.InvariantCulture))}</link>
              <guid isPermaLink="false">hostile-{index.ToString(CultureInfo.InvariantCulture)}</guid>
              <pubDate>Wed, 25 Nov 2026 09:{index.ToString("00", CultureInfo.InvariantCulture)}:00 GMT</pubDate>
              <description><![CDATA[<p>pwned description {payload}</p>]]></description>
              <media:content url="http://127.0.0.1:9/photo-{index.ToString(CultureInfo.InvariantCulture)}.jpg" medium="image">
                <media:description>{Escape(payload)}</media:description>
              </media:content>
              <enclosure url="javascript:window.__pwned=21" type="image/jpeg" length="1" />
            </item>
            """));
        return $"""
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/">
              <channel>
                <title>Hostile Feed</title>
                <link>https://news.example.gov.uk/</link>
                <description>{Escape("<script>window.__pwned=22</script>")}</description>
                {items}
              </channel>
            </rss>
            """;
    }

    private static string HostileStatuses()
    {
        var statuses = new JsonArray();
        foreach (var (payload, index) in Payloads.Select((payload, index) => (payload, index)))
        {
            var id = (110446223051565765L + index).ToString(CultureInfo.InvariantCulture);
            statuses.Add(new JsonObject
            {
                ["id"] = id,
                ["created_at"] = "2026-11-25T10:00:00.000Z",
                ["in_reply_to_id"] = null,
                ["in_reply_to_account_id"] = null,
                ["sensitive"] = false,
                ["spoiler_text"] = index == 3 ? payload : "",
                ["visibility"] = "public",
                ["language"] = "en",
                ["uri"] = $"https://social.example.gov.uk/users/hostile/statuses/{id}",
                ["url"] = index == 5 ? "javascript:window.__pwned=30" : $"https://social.example.gov.uk/@hostile/{id}",
                ["edited_at"] = null,
                ["content"] = $"<p>pwned {index} {payload}</p>",
                ["reblog"] = null,
                ["account"] = new JsonObject
                {
                    ["id"] = "4242",
                    ["username"] = "hostile",
                    ["acct"] = "hostile@social.example.gov.uk",
                    ["display_name"] = payload,
                    ["url"] = "https://social.example.gov.uk/@hostile",
                    ["avatar"] = "http://127.0.0.1:9/avatar.png",
                },
                ["media_attachments"] = new JsonArray(new JsonObject
                {
                    ["id"] = "9" + id,
                    ["type"] = "image",
                    ["url"] = $"http://127.0.0.1:9/media-{index.ToString(CultureInfo.InvariantCulture)}.png",
                    ["preview_url"] = $"http://127.0.0.1:9/media-{index.ToString(CultureInfo.InvariantCulture)}-small.png",
                    ["description"] = payload,
                }),
                ["mentions"] = new JsonArray(),
                ["tags"] = new JsonArray(),
                ["emojis"] = new JsonArray(),
            });
        }

        return statuses.ToJsonString();
    }

    private static string HostileTweets()
    {
        var data = new JsonArray();
        var media = new JsonArray();
        foreach (var (payload, index) in Payloads.Select((payload, index) => (payload, index)))
        {
            var id = (1860000000000000000L + index).ToString(CultureInfo.InvariantCulture);
            data.Add(new JsonObject
            {
                ["id"] = id,
                ["text"] = $"pwned {index} {payload}",
                ["author_id"] = "777000777",
                ["created_at"] = "2026-11-25T11:00:00.000Z",
                ["edit_history_tweet_ids"] = new JsonArray(id),
                ["lang"] = "en",
                ["attachments"] = new JsonObject { ["media_keys"] = new JsonArray("3_" + id) },
            });
            media.Add(new JsonObject
            {
                ["media_key"] = "3_" + id,
                ["type"] = "photo",
                ["url"] = $"http://127.0.0.1:9/x-{index.ToString(CultureInfo.InvariantCulture)}.jpg",
                ["alt_text"] = payload,
            });
        }

        return new JsonObject
        {
            ["data"] = data,
            ["includes"] = new JsonObject
            {
                ["users"] = new JsonArray(new JsonObject { ["id"] = "777000777", ["username"] = "hostile_user", ["name"] = Payloads[1], ["profile_image_url"] = "javascript:window.__pwned=40" }),
                ["media"] = media,
            },
        }.ToJsonString();
    }

    private static string HostileJetstream()
    {
        var lines = Payloads.Select((payload, index) => new JsonObject
        {
            ["did"] = "did:plc:hostilehostilehostile00",
            ["time_us"] = 1795000000000000L + index,
            ["kind"] = "commit",
            ["commit"] = new JsonObject
            {
                ["rev"] = "3mhostile" + index.ToString("0000", CultureInfo.InvariantCulture),
                ["operation"] = "create",
                ["collection"] = "app.bsky.feed.post",
                ["rkey"] = "3mhostile" + index.ToString("0000", CultureInfo.InvariantCulture),
                ["record"] = new JsonObject
                {
                    ["$type"] = "app.bsky.feed.post",
                    ["createdAt"] = "2026-11-25T12:00:00.000Z",
                    ["langs"] = new JsonArray("en"),
                    ["text"] = $"pwned {index} {payload}",
                    ["embed"] = new JsonObject
                    {
                        ["$type"] = "app.bsky.embed.images",
                        ["images"] = new JsonArray(new JsonObject
                        {
                            ["alt"] = payload,
                            ["image"] = new JsonObject
                            {
                                ["$type"] = "blob",
                                ["ref"] = new JsonObject { ["$link"] = "bafkreias7oxbr6swsuggccmtnqpoeami4jza5x4w3urltn6gzhqf4k6k2e" },
                                ["mimeType"] = "image/jpeg",
                                ["size"] = 1000,
                            },
                        }),
                    },
                },
            },
        }.ToJsonString());
        return string.Join('\n', lines) + "\n";
    }
}

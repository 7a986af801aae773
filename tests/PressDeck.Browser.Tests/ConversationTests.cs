using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using PressDeck.Cli;
using PressDeck.Testing;

namespace PressDeck.Browser.Tests;

/// <summary>
/// Before answering, an officer opens the conversation around a post (issue 4): on a Bluesky post, "Conversation" shows
/// what it replies to above it and the replies below it, fetched from the AppView (a fake one on 127.0.0.1).
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class ConversationTests(BrowserFixture fixture)
{
    [Fact]
    [Trait("Issue", "4")]
    public async Task The_conversation_around_a_bluesky_post_opens_with_the_question_above_and_the_answers_below()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var appView = await FakeBlueskyAppView.StartAsync();
        await using var server = await PressDeckServer.StartAsync(
            postsPerSecond: 1,
            backfill: 0,
            cancellationToken: cancellationToken,
            extraArguments: [$"--Bluesky:AppView:Url={appView.Url}"]);
        var link = await server.WaitForSetupLinkAsync(cancellationToken);

        const string did = "did:plc:askedaskedaskedasked00";
        var line = new JsonObject
        {
            ["did"] = did,
            ["time_us"] = 1795000000000000L,
            ["kind"] = "commit",
            ["commit"] = new JsonObject
            {
                ["rev"] = "3askedpost222",
                ["operation"] = "create",
                ["collection"] = "app.bsky.feed.post",
                ["rkey"] = "3askedpost222",
                ["record"] = new JsonObject
                {
                    ["$type"] = "app.bsky.feed.post",
                    ["createdAt"] = "2026-11-26T08:30:00.000Z",
                    ["langs"] = new JsonArray("en"),
                    ["text"] = "When will the department publish the steel plan? #SteelPlan",
                },
            },
        }.ToJsonString();
        var file = Path.Combine(server.DataFolder, "question.jsonl");
        await File.WriteAllTextAsync(file, line + "\n", cancellationToken);
        using (var output = new StringWriter(CultureInfo.InvariantCulture))
        using (var error = new StringWriter(CultureInfo.InvariantCulture))
        {
            Assert.Equal(0, await PressDeckCli.RunAsync(["import", "--network", "bluesky", file, "--data-folder", server.DataFolder], output, error, cancellationToken));
        }

        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.BaseUrl, ViewportSize = new ViewportSize { Width = 1440, Height = 1000 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(link);
        await page.GetByLabel("Your name").FillAsync("Sam Lead");
        await page.GetByLabel("Email address").FillAsync(BrowserFixture.AdminEmail);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(BrowserFixture.AdminPassword);
        await page.GetByLabel("Password again").FillAsync(BrowserFixture.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account and open the deck" }).ClickAsync();
        await page.Locator(".deck-column").First.WaitForAsync();

        await page.GotoAsync("/search?q=" + Uri.EscapeDataString("#SteelPlan"));
        var card = page.Locator(".search-results .post-card").First;
        await Assertions.Expect(card).ToContainTextAsync("steel plan");
        await card.GetByRole(AriaRole.Button, new() { Name = "Conversation" }).ClickAsync();

        var dialog = page.GetByRole(AriaRole.Dialog);
        var posts = dialog.Locator(".conversation-posts > li");
        await Assertions.Expect(posts).ToHaveCountAsync(3);
        await Assertions.Expect(posts.Nth(0)).ToContainTextAsync(FakeBlueskyAppView.NameOf("did:plc:parentparentparent0000"));
        await Assertions.Expect(posts.Nth(1)).ToHaveAttributeAsync("aria-current", "true");
        await Assertions.Expect(posts.Nth(1)).ToContainTextAsync(FakeBlueskyAppView.TextOf("at://" + did + "/app.bsky.feed.post/3askedpost222"));
        await Assertions.Expect(posts.Nth(2)).ToContainTextAsync(FakeBlueskyAppView.NameOf("did:plc:replyreplyreplyreply00"));
        Assert.Equal(0, await dialog.GetByRole(AriaRole.Button, new() { Name = "Conversation" }).CountAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "pressdeck-conversation.png") });

        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
    }
}

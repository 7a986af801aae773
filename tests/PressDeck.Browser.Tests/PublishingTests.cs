using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using PressDeck.Connectors.Demo;
using SkiaSharp;

namespace PressDeck.Browser.Tests;

/// <summary>
/// Issue 6: an officer drafts a post with an image, is told the alt text is missing, adds it and submits it for
/// approval; an approver approves; the post goes out to the demo network and appears, image and all, in the deck.
/// The approval step added for the demo account is removed again at the end, so no other test finds posts waiting.
/// </summary>
[Trait("Issue", "6")]
[Collection(SharedBrowser.Name)]
public sealed class PublishingTests(BrowserFixture fixture)
{
    private const string Handle = DemoOptions.DefaultOfficeHandle;
    private const string Password = "quarry lemon harbour violin";

    private static readonly string Screenshots = Path.Combine(Path.GetTempPath(), "pub-browser");

    [Fact]
    public async Task An_officer_adds_the_missing_alt_text_an_approver_approves_and_the_post_reaches_the_demo_network_and_the_deck()
    {
        Directory.CreateDirectory(Screenshots);
        var unique = Guid.NewGuid().ToString("n")[..8];
        var text = $"Apprenticeships visit {unique}: the minister met apprentices at a Sheffield training workshop today. #SkillsBill @{Handle}";
        var altText = $"Two apprentices at a workbench with a vice and spanners ({unique}).";
        var admin = await fixture.NewAdminPageAsync();
        await using var officerContext = await NewContextAsync();
        await using var approverContext = await NewContextAsync();
        try
        {
            await SetDemoApprovalStepAsync(admin, required: true);
            var officerLink = await InviteAsync(admin, "Olu Officer " + unique, $"officer-{Guid.NewGuid():n}@press.example.gov.uk", "officer");
            var approverLink = await InviteAsync(admin, "Abi Approver " + unique, $"approver-{Guid.NewGuid():n}@press.example.gov.uk", "approver");
            var officer = await JoinAsync(officerContext, officerLink);
            var approver = await JoinAsync(approverContext, approverLink);

            await officer.GotoAsync("/publishing/approvals");
            await Assertions.Expect(officer.GetByRole(AriaRole.Heading, new() { Name = "Write a post" })).ToBeVisibleAsync();
            await Assertions.Expect(officer.GetByRole(AriaRole.Heading, new() { Name = "Waiting for your approval" })).ToHaveCountAsync(0);
            await Assertions.Expect(officer.GetByRole(AriaRole.Link, new() { Name = "Waiting for approval" })).ToHaveCountAsync(0);
            await officer.GotoAsync("/publishing");
            var composer = officer.GetByRole(AriaRole.Form, new() { Name = "Write a post" });
            await TickOnlyDemoAccountAsync(composer);
            await composer.GetByLabel("Post", new() { Exact = true }).FillAsync(text);
            await Assertions.Expect(composer.Locator(".composer-saved")).ToContainTextAsync("Draft saved at");
            await composer.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "workshop.jpg", MimeType = "image/jpeg", Buffer = WorkshopPhoto() });
            var altField = composer.GetByLabel("Describe image 1");
            await Assertions.Expect(altField).ToBeVisibleAsync();
            await Assertions.Expect(composer.GetByRole(AriaRole.Img, new() { Name = "Image 1, not yet described" })).ToBeVisibleAsync();
            await Assertions.Expect(composer.Locator(".composer-route")).ToContainTextAsync("Needs approval by any approver");
            var submit = composer.GetByRole(AriaRole.Button, new() { Name = "Submit for approval" });
            await Assertions.Expect(submit).ToBeVisibleAsync();
            await SnapAsync(officer, "1-composer-with-image");

            await submit.ClickAsync();

            var problems = composer.Locator(".composer-problems");
            await Assertions.Expect(problems).ToContainTextAsync("Image 1 (workshop.jpg) needs a description (alt text)");
            await Assertions.Expect(problems).ToHaveAttributeAsync("role", "alert");
            await Assertions.Expect(altField).ToHaveAttributeAsync("aria-invalid", "true");
            await Assertions.Expect(composer.GetByText("This image needs a description before the post can be sent.")).ToBeVisibleAsync();
            await SnapAsync(officer, "2-composer-alt-text-missing");
            foreach (var dark in new[] { false, true })
            {
                await Theme.UseAsync(officer, dark);
                await Assertions.Expect(problems).ToBeVisibleAsync();
                // MudBlazor buttons fade to the new theme's colours over 250 ms; axe must judge the colours they end with.
                await officer.WaitForTimeoutAsync(600);
                await AssertAccessibleAsync(officer, "composer with the missing alt text, " + (dark ? "dark" : "light"));
                await SnapAsync(officer, "2-composer-alt-text-missing-" + (dark ? "dark" : "light"));
            }

            await Theme.UseAsync(officer, dark: false);
            await altField.FillAsync(altText);
            await submit.ClickAsync();

            await Assertions.Expect(officer.GetByRole(AriaRole.Status).Filter(new() { HasText = "Submitted." })).ToBeVisibleAsync();
            await Assertions.Expect(problems).ToHaveCountAsync(0);
            var mine = officer.Locator(".publishing-mine .calendar-item").Filter(new() { HasText = unique });
            await Assertions.Expect(mine).ToContainTextAsync("Waiting for approval");
            await SnapAsync(officer, "3-composer-submitted");

            await officer.GotoAsync("/");
            var hashtagColumn = officer.Locator(".deck-column").Filter(new() { Has = officer.GetByRole(AriaRole.Heading, new() { Name = "#SkillsBill", Exact = true }) });
            await hashtagColumn.Locator(".post-card").First.WaitForAsync();
            await approver.GotoAsync("/publishing/approvals");
            var card = approver.Locator("article.approval-card").Filter(new() { HasText = unique });
            await Assertions.Expect(card).ToBeVisibleAsync();
            await Assertions.Expect(card.GetByRole(AriaRole.Heading, new() { Name = $"Olu Officer {unique}'s post" })).ToBeVisibleAsync();
            await Assertions.Expect(card.Locator(".approval-text")).ToHaveTextAsync(text);
            await Assertions.Expect(card).ToContainTextAsync($"@{Handle} (Demo)");
            var preview = card.GetByRole(AriaRole.Img, new() { Name = altText, Exact = true });
            await Assertions.Expect(preview).ToBeVisibleAsync();
            await AssertLoadedAsync(preview, "the approver's preview");
            await Assertions.Expect(card.Locator("figcaption")).ToHaveTextAsync("Alt text: " + altText);
            await SnapAsync(approver, "4-approvals");
            await AssertAccessibleAsync(approver, "approvals page");

            await card.GetByRole(AriaRole.Button, new() { Name = "Approve", Exact = true }).ClickAsync();

            await Assertions.Expect(card).ToHaveCountAsync(0);
            var post = hashtagColumn.Locator(".post-card").Filter(new() { HasText = unique });
            await Assertions.Expect(post).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Assertions.Expect(post.Locator(".post-handle")).ToHaveTextAsync("@" + Handle);
            await Assertions.Expect(post.Locator(".network-badge")).ToHaveTextAsync("Demo");
            await Assertions.Expect(post).ToHaveAttributeAsync("data-post-id", new Regex("^demo:"));
            await Assertions.Expect(post).ToHaveAttributeAsync("data-url", new Regex($"^https://demo\\.pressdeck\\.local/{Handle}/posts/"));
            var published = post.Locator(".post-media img");
            await Assertions.Expect(published).ToHaveCountAsync(1);
            await Assertions.Expect(published).ToHaveAttributeAsync("alt", altText);
            await Assertions.Expect(published).ToHaveAttributeAsync("src", new Regex(@"^/demo-media/uploads/[0-9a-f]{64}\.jpg$"));
            await AssertLoadedAsync(published, "the image in the deck");
            await post.ScrollIntoViewIfNeededAsync();
            await SnapAsync(officer, "5-deck");

            await officer.GotoAsync("/publishing/sent");
            var row = officer.Locator(".publishing-table tbody tr").Filter(new() { HasText = unique });
            await Assertions.Expect(row).ToHaveCountAsync(1);
            await Assertions.Expect(row).ToContainTextAsync("@" + Handle);
            await Assertions.Expect(row.Locator(".target-state")).ToContainTextAsync("Published");
            await Assertions.Expect(row.GetByRole(AriaRole.Link, new() { Name = "Open the post on Demo (new tab)" }))
                .ToHaveAttributeAsync("href", new Regex($"^https://demo\\.pressdeck\\.local/{Handle}/posts/"));
            await SnapAsync(officer, "6-sent");
        }
        finally
        {
            await SetDemoApprovalStepAsync(admin, required: false);
            await admin.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task An_approver_never_finds_their_own_post_in_the_queue_and_another_approver_sends_it_back()
    {
        Directory.CreateDirectory(Screenshots);
        var unique = Guid.NewGuid().ToString("n")[..8];
        var text = $"Skills week {unique}: colleges open their workshops to visitors on Saturday. #SkillsBill";
        var admin = await fixture.NewAdminPageAsync();
        await using var approverContext = await NewContextAsync();
        try
        {
            await SetDemoApprovalStepAsync(admin, required: true);
            var approver = await JoinAsync(approverContext, await InviteAsync(admin, "Ade Approver " + unique, $"approver-{Guid.NewGuid():n}@press.example.gov.uk", "approver"));
            await approver.GotoAsync("/publishing");
            var composer = approver.GetByRole(AriaRole.Form, new() { Name = "Write a post" });
            await TickOnlyDemoAccountAsync(composer);
            await composer.GetByLabel("Post", new() { Exact = true }).FillAsync(text);
            await composer.GetByRole(AriaRole.Button, new() { Name = "Submit for approval" }).ClickAsync();
            await Assertions.Expect(approver.GetByRole(AriaRole.Status).Filter(new() { HasText = "Submitted." })).ToBeVisibleAsync();

            await approver.GetByRole(AriaRole.Link, new() { Name = "Waiting for approval" }).ClickAsync();

            await Assertions.Expect(approver.GetByRole(AriaRole.Heading, new() { Name = "Waiting for your approval" })).ToBeVisibleAsync();
            await Assertions.Expect(approver.Locator("article.approval-card").Filter(new() { HasText = unique })).ToHaveCountAsync(0);
            await SnapAsync(approver, "7-own-post-not-in-own-queue");

            await admin.GotoAsync("/publishing/approvals");
            var card = admin.Locator("article.approval-card").Filter(new() { HasText = unique });
            await Assertions.Expect(card.GetByRole(AriaRole.Heading, new() { Name = $"Ade Approver {unique}'s post" })).ToBeVisibleAsync();
            await card.GetByRole(AriaRole.Button, new() { Name = "Send back" }).ClickAsync();
            await Assertions.Expect(card.GetByRole(AriaRole.Alert)).ToContainTextAsync("Say what should change");
            await card.GetByLabel("Comment to the author").FillAsync("Name the colleges, please.");
            await card.GetByRole(AriaRole.Button, new() { Name = "Send back" }).ClickAsync();
            await Assertions.Expect(card).ToHaveCountAsync(0);

            await approver.GotoAsync("/publishing");
            var mine = approver.Locator(".publishing-mine .calendar-item").Filter(new() { HasText = unique });
            await Assertions.Expect(mine).ToContainTextAsync("Sent back to you");
            await SnapAsync(approver, "8-sent-back-in-my-posts");
            // Found by the words on the button, as a speech-control user would say them (WCAG 2.5.3, label in name).
            await mine.GetByRole(AriaRole.Button, new() { Name = "Go on writing" }).ClickAsync();
            await Assertions.Expect(approver.GetByRole(AriaRole.Status).Filter(new() { HasText = "Name the colleges, please." })).ToBeVisibleAsync();
            await Assertions.Expect(composer.GetByLabel("Post", new() { Exact = true })).ToHaveValueAsync(text);
            await SnapAsync(approver, "9-going-on-with-the-sent-back-post");
        }
        finally
        {
            await SetDemoApprovalStepAsync(admin, required: false);
            await admin.Context.CloseAsync();
        }
    }

    private Task<IBrowserContext> NewContextAsync() => OfficeSteps.NewContextAsync(fixture);

    private static Task SetDemoApprovalStepAsync(IPage admin, bool required) => OfficeSteps.SetDemoApprovalStepAsync(admin, required, name => SnapAsync(admin, name));

    private static Task<string> InviteAsync(IPage admin, string name, string email, string role) => OfficeSteps.InviteAsync(admin, name, email, role);

    private Task<IPage> JoinAsync(IBrowserContext context, string link) => OfficeSteps.JoinAsync(fixture, context, link, Password);

    /// <summary>Ticks the demo office account and unticks any other account the composer offers.</summary>
    private static async Task TickOnlyDemoAccountAsync(ILocator composer)
    {
        var accounts = composer.GetByRole(AriaRole.Group, new() { Name = "Post from" }).GetByRole(AriaRole.Checkbox);
        await Assertions.Expect(accounts.First).ToBeVisibleAsync();
        for (var index = 0; index < await accounts.CountAsync(); index++)
        {
            var account = accounts.Nth(index);
            var label = await account.Locator("xpath=..").InnerTextAsync();
            var wanted = label.Contains("Demo", StringComparison.Ordinal) && label.Contains("@" + Handle, StringComparison.Ordinal);
            await account.SetCheckedAsync(wanted);
            if (wanted)
            {
                await Assertions.Expect(account).ToBeCheckedAsync();
            }
            else
            {
                await Assertions.Expect(account).Not.ToBeCheckedAsync();
            }
        }

        await Assertions.Expect(composer.GetByRole(AriaRole.Group, new() { Name = "Post from" }).GetByRole(AriaRole.Checkbox, new() { Checked = true })).ToHaveCountAsync(1);
    }

    /// <summary>The image has arrived and decoded: not a broken-image icon with the right alt text.</summary>
    private static async Task AssertLoadedAsync(ILocator image, string what)
    {
        await Assertions.Expect(image).ToHaveJSPropertyAsync("complete", true);
        var width = await image.EvaluateAsync<int>("img => img.naturalWidth");
        Assert.True(width > 0, what + " did not load: " + await image.GetAttributeAsync("src"));
    }

    private static async Task AssertAccessibleAsync(IPage page, string what)
    {
        var results = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
        });
        var serious = results.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, what + ": " + string.Join("\n", serious.Select(v => $"{v.Id}: {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")));
    }

    private static async Task SnapAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });

    /// <summary>A real JPEG, drawn here: a workshop wall, a bench and two people in hard hats.</summary>
    private static byte[] WorkshopPhoto()
    {
        using var bitmap = new SKBitmap(new SKImageInfo(640, 360, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(0xf3, 0xea, 0xd7));
            Fill(canvas, SKRect.Create(40, 40, 560, 110), new SKColor(0xc9, 0xb4, 0x8a));
            Fill(canvas, SKRect.Create(60, 240, 520, 20), new SKColor(0x8b, 0x5a, 0x2b));
            Fill(canvas, SKRect.Create(80, 260, 16, 90), new SKColor(0x6d, 0x45, 0x20));
            Fill(canvas, SKRect.Create(544, 260, 16, 90), new SKColor(0x6d, 0x45, 0x20));
            foreach (var x in new[] { 250f, 370f })
            {
                Fill(canvas, SKRect.Create(x, 150, 40, 90), new SKColor(0xf2, 0x8c, 0x28));
                Fill(canvas, SKRect.Create(x + 5, 110, 30, 34), new SKColor(0xe0, 0xac, 0x7e));
                Fill(canvas, SKRect.Create(x, 100, 40, 14), new SKColor(0xf2, 0xc2, 0x00));
            }
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }

    private static void Fill(SKCanvas canvas, SKRect rect, SKColor colour)
    {
        using var paint = new SKPaint { Color = colour };
        canvas.DrawRect(rect, paint);
    }
}

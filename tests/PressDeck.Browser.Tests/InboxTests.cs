using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace PressDeck.Browser.Tests;

/// <summary>
/// Issue 7: two officers have the inbox open at once. A new question to the office arrives from the (demo) network and
/// both see it come in; one takes it and the other sees it taken, and who is looking and who is writing a reply; the
/// reply goes through approval, and once it is published the item closes as answered with its response time.
/// </summary>
[Trait("Issue", "7")]
[Collection(SharedBrowser.Name)]
public sealed class InboxTests(BrowserFixture fixture)
{
    private const string Password = "meadow kettle lantern oboe";

    private static readonly string Screenshots = Path.Combine(Path.GetTempPath(), "inbox-browser");

    [Fact]
    public async Task Two_officers_see_a_question_arrive_one_takes_it_the_other_sees_it_taken_and_the_approved_reply_closes_it_as_answered()
    {
        Directory.CreateDirectory(Screenshots);
        var unique = Guid.NewGuid().ToString("n")[..8];
        var nia = "Nia Officer " + unique;
        var ravi = "Ravi Officer " + unique;
        var admin = await fixture.NewAdminPageAsync();
        await using var niaContext = await OfficeSteps.NewContextAsync(fixture);
        await using var raviContext = await OfficeSteps.NewContextAsync(fixture);
        try
        {
            await OfficeSteps.SetDemoApprovalStepAsync(admin, required: true);
            var niaPage = await OfficeSteps.JoinAsync(fixture, niaContext, await OfficeSteps.InviteAsync(admin, nia, $"nia-{unique}@press.example.gov.uk", "officer"), Password);
            var raviPage = await OfficeSteps.JoinAsync(fixture, raviContext, await OfficeSteps.InviteAsync(admin, ravi, $"ravi-{unique}@press.example.gov.uk", "officer"), Password);
            foreach (var page in new[] { niaPage, raviPage })
            {
                await page.GetByRole(AriaRole.Link, new() { Name = "Inbox" }).ClickAsync();
                await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Inbox", Exact = true })).ToBeVisibleAsync();
                await page.GetByLabel("Order").SelectOptionAsync("newest");
                await Assertions.Expect(page.GetByLabel("Order")).ToHaveValueAsync("newest");
            }

            // A question that arrives while both look: an item neither page had when it was opened.
            var before = await niaPage.EvaluateAsync<string[]>("() => [...document.querySelectorAll('.inbox-item')].map(e => e.dataset.itemId)");
            var arrived = await niaPage.WaitForFunctionAsync(
                "before => [...document.querySelectorAll('.inbox-item')].map(e => e.dataset.itemId).find(id => !before.includes(id))",
                before,
                new() { Timeout = 60_000 });
            var id = await arrived.JsonValueAsync<string>();
            var niaItem = niaPage.Locator($".inbox-item[data-item-id='{id}']");
            var raviItem = raviPage.Locator($".inbox-item[data-item-id='{id}']");
            await Assertions.Expect(raviItem).ToBeVisibleAsync();
            await Assertions.Expect(raviItem).ToContainTextAsync("Nobody has it");
            await SnapAsync(raviPage, "1-arrived");

            await niaItem.GetByRole(AriaRole.Button).ClickAsync();
            var niaDetail = niaPage.Locator(".inbox-detail");
            await niaDetail.GetByRole(AriaRole.Button, new() { Name = "Take it" }).ClickAsync();
            await Assertions.Expect(niaDetail.Locator(".inbox-owner")).ToHaveTextAsync("You have this.");

            // Live, while the demo network keeps sending questions (10 posts a second in these tests).
            var live = new LocatorAssertionsToContainTextOptions { Timeout = 30_000 };
            await Assertions.Expect(raviItem).ToContainTextAsync(nia, live);
            await Assertions.Expect(raviItem).ToContainTextAsync($"{nia} is looking", live);
            await raviItem.GetByRole(AriaRole.Button).ClickAsync();
            var raviDetail = raviPage.Locator(".inbox-detail");
            await Assertions.Expect(raviDetail.Locator(".inbox-owner")).ToHaveTextAsync($"{nia} has this.");
            await Assertions.Expect(raviDetail.GetByRole(AriaRole.Button, new() { Name = "Take it" })).ToHaveCountAsync(0);
            await Assertions.Expect(raviDetail.Locator(".inbox-presence-note")).ToContainTextAsync($"{nia} is looking at this now");
            await SnapAsync(raviPage, "2-taken-by-a-colleague");
            await AssertAccessibleAsync(raviPage, "the inbox with an item open");

            await niaDetail.GetByRole(AriaRole.Button, new() { Name = "Reply", Exact = true }).ClickAsync();
            var dialog = niaPage.GetByRole(AriaRole.Dialog, new() { Name = "Reply" });
            await Assertions.Expect(dialog).ToBeVisibleAsync();
            await Assertions.Expect(raviDetail.Locator(".inbox-presence-note")).ToContainTextAsync($"{nia} is writing a reply to this now");
            var text = $"Thanks for asking ({unique}): the department will publish the details on Thursday.";
            await dialog.GetByLabel("Post", new() { Exact = true }).FillAsync(text);
            await Assertions.Expect(dialog.Locator(".composer-route")).ToContainTextAsync("Needs approval by any approver");
            await SnapAsync(niaPage, "3-reply");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Submit for approval" }).ClickAsync();
            await Assertions.Expect(dialog).ToHaveCountAsync(0);
            await Assertions.Expect(niaDetail.Locator(".inbox-replies")).ToContainTextAsync("waiting for approval");
            await Assertions.Expect(raviDetail.Locator(".inbox-replies")).ToContainTextAsync("waiting for approval");

            await admin.GotoAsync("/publishing/approvals");
            var card = admin.Locator("article.approval-card").Filter(new() { HasText = unique });
            await card.GetByRole(AriaRole.Button, new() { Name = "Approve", Exact = true }).ClickAsync();
            await Assertions.Expect(card).ToHaveCountAsync(0);

            var answered = niaDetail.Locator(".form-ok");
            await Assertions.Expect(answered).ToContainTextAsync($"Answered by {nia}", new() { Timeout = 30_000 });
            await Assertions.Expect(answered).ToHaveTextAsync(new Regex(@" in \d+ (s|min)"));
            await Assertions.Expect(niaDetail.GetByLabel("Status")).ToHaveValueAsync("Answered");
            await Assertions.Expect(niaDetail.Locator(".inbox-log")).ToContainTextAsync(text);
            await Assertions.Expect(raviItem).ToHaveCountAsync(0);
            await SnapAsync(niaPage, "4-answered");

            await raviPage.GetByRole(AriaRole.Button, new() { Name = "Answered and closed" }).ClickAsync();
            await Assertions.Expect(raviItem).ToContainTextAsync(new Regex(@"answered in \d+ (s|min)"));
            await SnapAsync(raviPage, "5-closed");
        }
        finally
        {
            await OfficeSteps.SetDemoApprovalStepAsync(admin, required: false);
            await admin.Context.CloseAsync();
        }
    }

    private static async Task AssertAccessibleAsync(IPage page, string what)
    {
        var results = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
        });
        Assert.True(results.Violations.Length == 0, what + ": " + string.Join("\n", results.Violations.Select(v => $"{v.Id}: {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")));
    }

    private static async Task SnapAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });
}

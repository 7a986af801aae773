using Microsoft.Extensions.DependencyInjection;
using PressDeck.Core.Posts;
using PressDeck.Data.Publishing;
using PressDeck.Monitoring.Lists;
using PressDeck.Publishing;
using PressDeck.Team;

namespace PressDeck.Tests.Publishing;

/// <summary>
/// Issue 6, propriety: the Parliament question, warnings before quoting or reposting someone on a flagged list, alt
/// text on every image, each network's length, and a reply only from an account on the replied-to post's network.
/// </summary>
[Trait("Issue", "6")]
public sealed class ProprietyTests
{
    private const string ParliamentQuestion = "Confirm that this is not a policy announcement, or that it was announced to Parliament first.";

    /// <summary>A family emoji: one grapheme, 25 UTF-8 bytes.</summary>
    private const string Family = "\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Kind of post, the referenced author's handle as given, and the warning expected (null: none).</summary>
    public static readonly TheoryData<PostDraftKind, string, string?> FlaggedTable = new()
    {
        { PostDraftKind.Quote, "shadow.minister", "@shadow.minister is on the office's flagged list \"Party politicians\". A quote from an official account may look like an endorsement; check the propriety guidance first." },
        { PostDraftKind.Repost, "shadow.minister", "@shadow.minister is on the office's flagged list \"Party politicians\". A repost from an official account may look like an endorsement; check the propriety guidance first." },
        { PostDraftKind.Quote, "Shadow.Minister", "@Shadow.Minister is on the office's flagged list \"Party politicians\". A quote from an official account may look like an endorsement; check the propriety guidance first." },
        { PostDraftKind.Quote, "jo.reporter", null },
        { PostDraftKind.Repost, "someone.else", null },
        { PostDraftKind.Reply, "shadow.minister", null },
        { PostDraftKind.Post, "shadow.minister", null },
    };

    /// <summary>The text of a post to the demo account (Bluesky's rules) and the length problem expected (null: none).</summary>
    public static readonly TheoryData<string, string?> LengthTable = new()
    {
        { new string('a', 300), null },
        { new string('a', 301), "Too long for Demo: 1 character too many." },
        { string.Concat(Enumerable.Repeat("e\u0301", 300)), null },
        { string.Concat(Enumerable.Repeat("e\u0301", 301)), "Too long for Demo: 1 character too many." },
        { string.Concat(Enumerable.Repeat(Family, 120)), null },
        { string.Concat(Enumerable.Repeat(Family, 121)), "Too long for Demo: 25 bytes too long (the limit is 3,000 bytes)." },
    };

    [Fact]
    public async Task Asking_about_Parliament_stops_submission_until_the_author_confirms()
    {
        await using var desk = await ApprovalDesk.StartAsync();
        var form = ApprovalDesk.Policy();
        form.AskAboutParliament = true;
        await desk.PolicyAsync(form);
        var officer = await desk.PersonAsync(Roles.Officer, "Sam Officer");
        var demo = await desk.DemoAsync(officer);
        var content = new DraftContent { Text = "We will cut business rates for small shops.", Accounts = [demo] };

        var (plan, _) = await desk.AsAsync(officer, drafts => drafts.PreviewAsync(content, Cancel));
        Assert.True(plan.AsksAboutParliament);
        var id = await desk.CreateAsync(officer, content);

        Assert.Equal([ParliamentQuestion], await desk.SubmitAsync(officer, id));
        var stopped = await desk.DraftAsync(id);
        Assert.Equal(DraftState.Editing, stopped.State);
        Assert.Equal(TargetState.Waiting, Assert.Single(stopped.Targets).State);
        Assert.Null(stopped.SubmittedAt);
        Assert.Empty(stopped.Reviews);

        await desk.AsAsync(officer, drafts => drafts.SaveAsync(id, content with { AnnouncedToParliamentFirst = true }, Cancel));
        Assert.Empty(await desk.SubmitAsync(officer, id));
        var submitted = await desk.DraftAsync(id);
        Assert.True(submitted.AnnouncedToParliamentFirst);
        Assert.Equal(DraftState.Approved, submitted.State);
        Assert.Equal(TargetState.Queued, Assert.Single(submitted.Targets).State);
    }

    [Fact]
    public async Task Without_the_Parliament_question_in_the_policy_nobody_is_asked()
    {
        await using var desk = await ApprovalDesk.StartAsync();
        await desk.PolicyAsync(ApprovalDesk.Policy());
        var officer = await desk.PersonAsync(Roles.Officer, "Sam Officer");
        var demo = await desk.DemoAsync(officer);

        var id = await desk.CreateAsync(officer, new DraftContent { Text = "We will cut business rates for small shops.", Accounts = [demo] });

        Assert.Empty(await desk.SubmitAsync(officer, id));
        Assert.Equal(DraftState.Approved, (await desk.DraftAsync(id)).State);
    }

    [Theory]
    [MemberData(nameof(FlaggedTable))]
    public async Task Quoting_or_reposting_someone_on_a_flagged_list_warns_naming_the_list(PostDraftKind kind, string handle, string? warning)
    {
        await using var desk = await ApprovalDesk.StartAsync();
        var officer = await desk.PersonAsync(Roles.Officer, "Sam Officer");
        await using (var scope = await desk.AsAsync(await desk.AdminAsync()))
        {
            var lists = scope.ServiceProvider.GetRequiredService<ListService>();
            var policy = scope.ServiceProvider.GetRequiredService<PublishingPolicyService>();
            var party = await ListAsync(lists, "Party politicians", ("shadow.minister", Network.Demo), ("jo.reporter", Network.Bluesky));
            await ListAsync(lists, "Lobby correspondents", ("jo.reporter", Network.Demo), ("shadow.minister", Network.Bluesky));
            await policy.SetListFlaggedAsync(party, true, Cancel);
        }

        var demo = await desk.DemoAsync(officer);
        var content = new DraftContent
        {
            Text = kind == PostDraftKind.Repost ? "" : "Worth reading.",
            Accounts = [demo],
            Kind = kind,
            ReferenceNetwork = kind == PostDraftKind.Post ? null : Network.Demo,
            ReferenceRemoteId = kind == PostDraftKind.Post ? null : "demo-post-20261126-0003",
            ReferenceHandle = handle,
        };

        var (_, warnings) = await desk.AsAsync(officer, drafts => drafts.PreviewAsync(content, Cancel));

        Assert.Equal(warning is null ? [] : [warning], warnings);
    }

    [Fact]
    public async Task Someone_on_two_flagged_lists_is_warned_about_once_naming_both()
    {
        await using var desk = await ApprovalDesk.StartAsync();
        var officer = await desk.PersonAsync(Roles.Officer, "Sam Officer");
        await using (var scope = await desk.AsAsync(await desk.AdminAsync()))
        {
            var lists = scope.ServiceProvider.GetRequiredService<ListService>();
            var policy = scope.ServiceProvider.GetRequiredService<PublishingPolicyService>();
            await policy.SetListFlaggedAsync(await ListAsync(lists, "Party politicians", ("campaign.hq", Network.Demo)), true, Cancel);
            await policy.SetListFlaggedAsync(await ListAsync(lists, "Campaign accounts", ("campaign.hq", Network.Demo)), true, Cancel);
        }

        var demo = await desk.DemoAsync(officer);
        var content = new DraftContent { Accounts = [demo], Kind = PostDraftKind.Repost, ReferenceNetwork = Network.Demo, ReferenceRemoteId = "demo-post-20261126-0004", ReferenceHandle = "campaign.hq" };

        var (_, warnings) = await desk.AsAsync(officer, drafts => drafts.PreviewAsync(content, Cancel));

        var warning = Assert.Single(warnings);
        Assert.StartsWith("@campaign.hq is on the office's flagged list ", warning, StringComparison.Ordinal);
        Assert.Contains("\"Party politicians\"", warning, StringComparison.Ordinal);
        Assert.Contains("\"Campaign accounts\"", warning, StringComparison.Ordinal);
        Assert.EndsWith(". A repost from an official account may look like an endorsement; check the propriety guidance first.", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_image_without_alt_text_cannot_be_submitted_and_with_it_the_post_goes_out_with_its_description()
    {
        await using var desk = await ApprovalDesk.StartAsync();
        var officer = await desk.PersonAsync(Roles.Officer, "Sam Officer");
        var demo = await desk.DemoAsync(officer);
        var id = await desk.CreateAsync(officer, new DraftContent { Text = "Unemployment fell again this quarter.", Accounts = [demo] });

        await using (var upload = new MemoryStream(ApprovalDesk.Png()))
        {
            Assert.Null(await desk.AsAsync(officer, drafts => drafts.AddImageAsync(id, upload, "chart.png", Cancel)));
        }

        var image = Assert.Single((await desk.DraftAsync(id)).Images);
        Assert.Equal(("image/png", 64, 48, ""), (image.MediaType, image.Width, image.Height, image.AltText));
        const string NeedsAltText = "Image 1 (chart.png) needs a description (alt text): say what it shows, for people who cannot see it.";
        Assert.Equal([NeedsAltText], await desk.SubmitAsync(officer, id));

        await desk.AsAsync(officer, drafts => drafts.SetAltTextAsync(id, image.Id, "   ", Cancel));
        Assert.Equal([NeedsAltText], await desk.SubmitAsync(officer, id));
        Assert.Equal(DraftState.Editing, (await desk.DraftAsync(id)).State);

        await desk.AsAsync(officer, drafts => drafts.SetAltTextAsync(id, image.Id, " Bar chart: unemployment down from 4.4% to 4.1%. ", Cancel));
        Assert.Empty(await desk.SubmitAsync(officer, id));
        Assert.Equal(DraftState.Approved, (await desk.DraftAsync(id)).State);

        Assert.Equal(1, await desk.SendDueAsync());
        var post = await desk.PublishedAsync(id);
        Assert.NotNull(post);
        var media = Assert.Single(post.Media);
        Assert.Equal("Bar chart: unemployment down from 4.4% to 4.1%.", media.AltText);
    }

    [Theory]
    [MemberData(nameof(LengthTable))]
    public async Task A_post_to_the_demo_account_is_measured_by_Bluesky_rules(string text, string? problem)
    {
        await using var desk = await ApprovalDesk.StartAsync();
        var officer = await desk.PersonAsync(Roles.Officer, "Sam Officer");
        var demo = await desk.DemoAsync(officer);
        var id = await desk.CreateAsync(officer, new DraftContent { Text = text, Accounts = [demo] });

        var problems = await desk.SubmitAsync(officer, id);

        Assert.Equal(problem is null ? [] : [problem], problems);
        Assert.Equal(problem is null ? DraftState.Approved : DraftState.Editing, (await desk.DraftAsync(id)).State);
    }

    [Fact]
    public async Task A_reply_to_a_Bluesky_post_cannot_go_out_from_the_demo_account()
    {
        await using var desk = await ApprovalDesk.StartAsync();
        var officer = await desk.PersonAsync(Roles.Officer, "Sam Officer");
        var demo = await desk.DemoAsync(officer);
        var id = await desk.CreateAsync(officer, new DraftContent
        {
            Text = "Thanks, we have passed this on.",
            Accounts = [demo],
            Kind = PostDraftKind.Reply,
            ReferenceNetwork = Network.Bluesky,
            ReferenceRemoteId = "at://did:plc:abc123/app.bsky.feed.post/3kxyz",
            ReferenceHandle = "jo.reporter.bsky.social",
        });

        Assert.Equal(
            [$"A reply to a Bluesky post can only go out from a Bluesky account, not @{demo.Handle} on Demo."],
            await desk.SubmitAsync(officer, id));
        Assert.Equal(DraftState.Editing, (await desk.DraftAsync(id)).State);
    }

    private static async Task<int> ListAsync(ListService lists, string name, params (string Handle, Network Network)[] members)
    {
        Assert.Null(await lists.CreateAsync(name, "", Cancel));
        var id = (await lists.GetAllAsync(Cancel)).Single(l => l.Name == name).Id;
        foreach (var (handle, network) in members)
        {
            Assert.Null(await lists.AddMemberAsync(id, handle, network, handle, Cancel));
        }

        return id;
    }
}

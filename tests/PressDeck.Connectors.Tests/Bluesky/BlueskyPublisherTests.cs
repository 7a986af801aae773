using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PressDeck.Connectors.Bluesky;
using PressDeck.Connectors.Net;
using PressDeck.Core.Posts;
using PressDeck.Core.Publishing;
using PressDeck.Testing;

namespace PressDeck.Connectors.Tests.Bluesky;

[Trait("Issue", "6")]
public sealed class BlueskyPublisherTests
{
    private const string Handle = "pressoffice.bsky.social";
    private const string AppPassword = "abcd-efgh-ijkl-mnop";
    private const string RequestKey = "3mq2k4ayq7c2a";

    private static readonly DateTime Morning = new(2026, 11, 27, 9, 30, 5, 123, DateTimeKind.Utc);

    private static readonly byte[] JpegBytes = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0xFF, 0xD9];

    private static readonly byte[] PngBytes = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D];

    private static readonly string Did = FakeBlueskyPds.DidOf(Handle);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Facets_mark_links_hashtags_and_resolved_mentions_at_their_utf8_byte_offsets()
    {
        await using var pds = await StartAsync();
        pds.Handles["reporter.bsky.social"] = "did:plc:reporterreporterreporter";
        using var http = Http();

        // 🌊 is 4 bytes in UTF-8 (2 UTF-16 chars), ŵ 2 bytes, each of 洪水警報防災 3 bytes.
        var text = "🌊 Flood warning: https://www.gov.uk/check-flooding\nDŵr yn codi #Llifogydd\n洪水警報 #防災 @reporter.bsky.social @nobody.bsky.social";
        await Publisher(http).PublishAsync(Account(pds), Post(text), Cancellation);

        var facets = CreatedRecord(pds)["facets"]!.AsArray();
        Assert.Equal(20, Encoding.UTF8.GetByteCount("🌊 Flood warning: "));
        Assert.Equal(67, Encoding.UTF8.GetByteCount("🌊 Flood warning: https://www.gov.uk/check-flooding\nDŵr yn codi "));
        Assert.Equal(91, Encoding.UTF8.GetByteCount("🌊 Flood warning: https://www.gov.uk/check-flooding\nDŵr yn codi #Llifogydd\n洪水警報 "));
        Assert.Equal(4, facets.Count);
        AssertFacet(facets[0], 20, 53, "app.bsky.richtext.facet#link", "uri", "https://www.gov.uk/check-flooding");
        AssertFacet(facets[1], 67, 77, "app.bsky.richtext.facet#tag", "tag", "Llifogydd");
        AssertFacet(facets[2], 91, 98, "app.bsky.richtext.facet#tag", "tag", "防災");
        AssertFacet(facets[3], 99, 120, "app.bsky.richtext.facet#mention", "did", "did:plc:reporterreporterreporter");
        Assert.Equal(
            ["handle=reporter.bsky.social", "handle=nobody.bsky.social"],
            pds.RecordedRequests.Where(request => request.Path == "/xrpc/com.atproto.identity.resolveHandle").Select(request => request.Query.TrimStart('?')));
    }

    [Fact]
    public async Task The_record_takes_the_request_key_languages_and_a_utc_time_in_milliseconds_and_dedupes_with_its_ingested_copy()
    {
        await using var pds = await StartAsync();
        using var http = Http();

        var published = await Publisher(http).PublishAsync(Account(pds), Post("Datganiad i'r wasg am y llifogydd.") with { Language = "cy" }, Cancellation);

        var sent = JsonNode.Parse(CreateRecordRequests(pds).Single().BodyText)!.AsObject();
        Assert.Equal(Did, sent["repo"]!.GetValue<string>());
        Assert.Equal("app.bsky.feed.post", sent["collection"]!.GetValue<string>());
        Assert.Equal(RequestKey, sent["rkey"]!.GetValue<string>());
        var record = sent["record"]!.AsObject();
        Assert.Equal("app.bsky.feed.post", record["$type"]!.GetValue<string>());
        Assert.Equal("Datganiad i'r wasg am y llifogydd.", record["text"]!.GetValue<string>());
        Assert.Equal("2026-11-27T09:30:05.123Z", record["createdAt"]!.GetValue<string>());
        Assert.Equal(["cy"], record["langs"]!.AsArray().Select(lang => lang!.GetValue<string>()));
        Assert.Null(record["facets"]);
        Assert.Null(record["embed"]);
        Assert.Equal($"at://{Did}/app.bsky.feed.post/{RequestKey}", published.RemoteId);
        Assert.Equal($"https://bsky.app/profile/{Handle}/post/{RequestKey}", published.Url);
        Assert.Equal(Morning, published.PublishedAt);
        Assert.True(AtUri.TryParse(published.RemoteId, out var uri));
        var ingested = JetstreamEventReader.ReadPost(uri!, System.Text.Json.JsonDocument.Parse(pds.Records[published.RemoteId].Json).RootElement, Morning, new BlueskyHandleCache());
        Assert.Equal(ingested.RemoteId, published.RemoteId);
    }

    [Fact]
    public async Task Images_are_uploaded_as_raw_bytes_just_before_the_record_and_embedded_with_alt_text_and_aspect_ratio()
    {
        await using var pds = await StartAsync();
        using var http = Http();
        var post = Post("Sandbags are available at the town hall.") with
        {
            Images = [new OutgoingImage(JpegBytes, "image/jpeg", 1200, 800, "Sandbags stacked by the town hall door"), new OutgoingImage(PngBytes, "image/png", 600, 900, "Map of collection points")],
        };

        await Publisher(http).PublishAsync(Account(pds), post, Cancellation);

        var uploads = pds.RecordedRequests.Where(request => request.Path == "/xrpc/com.atproto.repo.uploadBlob").ToList();
        Assert.Equal(2, uploads.Count);
        Assert.Equal("image/jpeg", uploads[0].Header("Content-Type"));
        Assert.Equal(JpegBytes, uploads[0].Body);
        Assert.Equal("image/png", uploads[1].Header("Content-Type"));
        Assert.Equal(PngBytes, uploads[1].Body);
        Assert.StartsWith("Bearer ", uploads[0].Header("Authorization"), StringComparison.Ordinal);
        Assert.Equal(
            ["com.atproto.repo.uploadBlob", "com.atproto.repo.uploadBlob", "com.atproto.repo.createRecord"],
            pds.RecordedRequests.TakeLast(3).Select(request => request.Path["/xrpc/".Length..]));
        var embed = CreatedRecord(pds)["embed"]!.AsObject();
        Assert.Equal("app.bsky.embed.images", embed["$type"]!.GetValue<string>());
        var images = embed["images"]!.AsArray();
        var blobs = pds.Blobs.ToList();
        AssertImage(images[0], "Sandbags stacked by the town hall door", 1200, 800, blobs[0].Cid, "image/jpeg", JpegBytes.Length);
        AssertImage(images[1], "Map of collection points", 600, 900, blobs[1].Cid, "image/png", PngBytes.Length);
    }

    [Fact]
    public async Task A_reply_to_a_reply_names_the_threads_root_and_its_parent()
    {
        await using var pds = await StartAsync();
        using var http = Http();
        var question = pds.SeedPost("journalist.bsky.social", "3mq2aaaaaaa2a", "Will the A38 close tonight?");
        var followUp = pds.SeedPost("editor.bsky.social", "3mq2bbbbbbb2b", "And the A40?", root: question, parent: question);
        var publisher = Publisher(http);

        await publisher.PublishAsync(Account(pds), Post("The A38 closes at 8pm.") with { ReplyTo = new PostReference(question.Uri) }, Cancellation);
        await publisher.PublishAsync(Account(pds), Post("The A40 stays open.") with { RequestKey = "3mq2k4ayq7c2b", ReplyTo = new PostReference(followUp.Uri) }, Cancellation);

        var replies = CreateRecordRequests(pds).Select(request => JsonNode.Parse(request.BodyText)!["record"]!["reply"]!).ToList();
        AssertStrongRef(replies[0]["root"], question);
        AssertStrongRef(replies[0]["parent"], question);
        AssertStrongRef(replies[1]["root"], question);
        AssertStrongRef(replies[1]["parent"], followUp);
        Assert.Contains("uris=" + Uri.EscapeDataString(followUp.Uri), pds.RecordedRequests.Last(request => request.Path == "/xrpc/app.bsky.feed.getPosts").Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_quote_embeds_the_quoted_posts_strong_reference()
    {
        await using var pds = await StartAsync();
        using var http = Http();
        var report = pds.SeedPost("journalist.bsky.social", "3mq2ccccccc2c", "Flooding reported in Tewkesbury.");

        await Publisher(http).PublishAsync(Account(pds), Post("Our advice for residents:") with { Quote = new PostReference($"https://bsky.app/profile/journalist.bsky.social/post/3mq2ccccccc2c") }, Cancellation);

        var embed = CreatedRecord(pds)["embed"]!;
        Assert.Equal("app.bsky.embed.record", embed["$type"]!.GetValue<string>());
        AssertStrongRef(embed["record"], report);
    }

    [Fact]
    public async Task A_quote_with_images_is_a_record_with_media_embed()
    {
        await using var pds = await StartAsync();
        using var http = Http();
        var report = pds.SeedPost("journalist.bsky.social", "3mq2ddddddd2d", "Flooding reported in Tewkesbury.");
        var post = Post("Where to find sandbags:") with
        {
            Quote = new PostReference(report.Uri),
            Images = [new OutgoingImage(JpegBytes, "image/jpeg", 1200, 800, "Map of sandbag collection points")],
        };

        await Publisher(http).PublishAsync(Account(pds), post, Cancellation);

        var embed = CreatedRecord(pds)["embed"]!;
        Assert.Equal("app.bsky.embed.recordWithMedia", embed["$type"]!.GetValue<string>());
        Assert.Equal("app.bsky.embed.record", embed["record"]!["$type"]!.GetValue<string>());
        AssertStrongRef(embed["record"]!["record"], report);
        Assert.Equal("app.bsky.embed.images", embed["media"]!["$type"]!.GetValue<string>());
        AssertImage(embed["media"]!["images"]![0], "Map of sandbag collection points", 1200, 800, Assert.Single(pds.Blobs).Cid, "image/jpeg", JpegBytes.Length);
    }

    [Fact]
    public async Task A_retry_after_a_crash_finds_the_record_already_created_and_never_posts_twice()
    {
        await using var pds = await StartAsync();
        using var http = Http();
        var publisher = Publisher(http);
        var post = Post("The minister will speak at 2pm.");
        pds.DropNextCreateRecordAnswer();

        var lost = await Assert.ThrowsAsync<PublishException>(() => publisher.PublishAsync(Account(pds), post, Cancellation));
        var found = await publisher.FindPublishedAsync(Account(pds), post, Cancellation);
        var retried = await publisher.PublishAsync(Account(pds), post, Cancellation);

        Assert.Equal(PublishFailureKind.OutcomeUnknown, lost.Kind);
        var expected = $"at://{Did}/app.bsky.feed.post/{RequestKey}";
        Assert.Equal(expected, found!.RemoteId);
        Assert.Equal(expected, retried.RemoteId);
        Assert.Equal($"https://bsky.app/profile/{Handle}/post/{RequestKey}", retried.Url);
        Assert.Equal([expected], pds.Records.Keys.Where(uri => uri.StartsWith($"at://{Did}/", StringComparison.Ordinal)));
        Assert.All(CreateRecordRequests(pds), request => Assert.Equal(RequestKey, JsonNode.Parse(request.BodyText)!["rkey"]!.GetValue<string>()));
        Assert.Equal(2, CreateRecordRequests(pds).Count);
    }

    [Fact]
    public async Task A_repost_is_a_repost_record_at_the_request_key_naming_the_originals_uri_and_cid()
    {
        await using var pds = await StartAsync();
        using var http = Http();
        var original = pds.SeedPost("journalist.bsky.social", "3mq2fffffff2f", "Flood defences hold in Upton.");

        var published = await Publisher(http).PublishAsync(Account(pds), Repost($"https://bsky.app/profile/journalist.bsky.social/post/3mq2fffffff2f"), Cancellation);

        var sent = JsonNode.Parse(CreateRecordRequests(pds).Single().BodyText)!.AsObject();
        Assert.Equal(Did, sent["repo"]!.GetValue<string>());
        Assert.Equal("app.bsky.feed.repost", sent["collection"]!.GetValue<string>());
        Assert.Equal(RequestKey, sent["rkey"]!.GetValue<string>());
        var record = sent["record"]!.AsObject();
        Assert.Equal(["$type", "subject", "createdAt"], record.Select(property => property.Key));
        Assert.Equal("app.bsky.feed.repost", record["$type"]!.GetValue<string>());
        AssertStrongRef(record["subject"], original);
        Assert.Equal("2026-11-27T09:30:05.123Z", record["createdAt"]!.GetValue<string>());
        Assert.Contains("uris=" + Uri.EscapeDataString(original.Uri), pds.RecordedRequests.Single(request => request.Path == "/xrpc/app.bsky.feed.getPosts").Query, StringComparison.Ordinal);
        Assert.Equal($"at://{Did}/app.bsky.feed.repost/{RequestKey}", published.RemoteId);
        Assert.Equal($"https://bsky.app/profile/{FakeBlueskyPds.DidOf("journalist.bsky.social")}/post/3mq2fffffff2f", published.Url);
        Assert.Contains(published.RemoteId, pds.Records.Keys);
    }

    [Fact]
    public async Task A_repost_resent_after_a_lost_answer_is_found_at_its_key_and_made_only_once()
    {
        await using var pds = await StartAsync();
        using var http = Http();
        var publisher = Publisher(http);
        var original = pds.SeedPost("journalist.bsky.social", "3mq2ggggggg2g", "Road reopened.");
        var repost = Repost(original.Uri);
        pds.DropNextCreateRecordAnswer();

        var lost = await Assert.ThrowsAsync<PublishException>(() => publisher.PublishAsync(Account(pds), repost, Cancellation));
        var found = await publisher.FindPublishedAsync(Account(pds), repost, Cancellation);
        var retried = await publisher.PublishAsync(Account(pds), repost, Cancellation);

        Assert.Equal(PublishFailureKind.OutcomeUnknown, lost.Kind);
        var expected = $"at://{Did}/app.bsky.feed.repost/{RequestKey}";
        Assert.Equal(expected, found!.RemoteId);
        Assert.Equal(expected, retried.RemoteId);
        Assert.Equal([expected], pds.Records.Keys.Where(uri => uri.StartsWith($"at://{Did}/", StringComparison.Ordinal)));
        Assert.Equal(2, CreateRecordRequests(pds).Count);
        Assert.Contains("collection=app.bsky.feed.repost", pds.RecordedRequests.First(request => request.Path == "/xrpc/com.atproto.repo.getRecord").Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_repost_key_holding_a_repost_of_another_post_is_refused()
    {
        await using var pds = await StartAsync();
        using var http = Http();
        var publisher = Publisher(http);
        var first = pds.SeedPost("journalist.bsky.social", "3mq2hhhhhhh2h", "First report.");
        var second = pds.SeedPost("journalist.bsky.social", "3mq2iiiiiii2i", "Second report.");
        await publisher.PublishAsync(Account(pds), Repost(first.Uri), Cancellation);

        var failure = await Assert.ThrowsAsync<PublishException>(() => publisher.PublishAsync(Account(pds), Repost(second.Uri), Cancellation));

        Assert.Equal(PublishFailureKind.Refused, failure.Kind);
        Assert.Contains("repost of another post", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text")]
    [InlineData("images")]
    [InlineData("reply")]
    public async Task A_repost_with_text_images_or_a_reply_is_refused_before_anything_is_sent(string extra)
    {
        await using var pds = await StartAsync();
        using var http = Http();
        var original = pds.SeedPost("journalist.bsky.social", "3mq2jjjjjjj2j", "Report.");
        var repost = extra switch
        {
            "text" => Repost(original.Uri) with { Text = "Worth reading." },
            "images" => Repost(original.Uri) with { Images = [new OutgoingImage(JpegBytes, "image/jpeg", 10, 10, "A map")] },
            _ => Repost(original.Uri) with { ReplyTo = new PostReference(original.Uri) },
        };

        var failure = await Assert.ThrowsAsync<PublishException>(() => Publisher(http).PublishAsync(Account(pds), repost, Cancellation));

        Assert.Equal(PublishFailureKind.Refused, failure.Kind);
        Assert.StartsWith("A repost only shares another post", failure.Message, StringComparison.Ordinal);
        Assert.Empty(pds.RecordedRequests);
    }

    [Fact]
    public async Task Deleting_a_repost_deletes_the_repost_record_in_its_own_collection()
    {
        await using var pds = await StartAsync();
        using var http = Http();
        var publisher = Publisher(http);
        var original = pds.SeedPost("journalist.bsky.social", "3mq2kkkkkkk2k", "Report.");
        var published = await publisher.PublishAsync(Account(pds), Repost(original.Uri), Cancellation);

        await publisher.DeleteAsync(Account(pds), published.RemoteId, Cancellation);

        var body = JsonNode.Parse(pds.RecordedRequests.Single(request => request.Path == "/xrpc/com.atproto.repo.deleteRecord").BodyText)!;
        Assert.Equal(Did, body["repo"]!.GetValue<string>());
        Assert.Equal("app.bsky.feed.repost", body["collection"]!.GetValue<string>());
        Assert.Equal(RequestKey, body["rkey"]!.GetValue<string>());
        Assert.DoesNotContain(published.RemoteId, pds.Records.Keys);
        Assert.Contains(original.Uri, pds.Records.Keys);
    }

    [Fact]
    public async Task Looking_for_a_post_never_sent_finds_nothing()
    {
        await using var pds = await StartAsync();
        using var http = Http();

        var found = await Publisher(http).FindPublishedAsync(Account(pds), Post("Never sent."), Cancellation);

        Assert.Null(found);
        Assert.Contains($"rkey={RequestKey}", pds.RecordedRequests.Single(request => request.Path == "/xrpc/com.atproto.repo.getRecord").Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_session_is_refreshed_once_for_concurrent_posts_and_the_account_signs_in_once()
    {
        await using var pds = await StartAsync();
        using var http = Http();
        var publisher = Publisher(http);
        await publisher.PublishAsync(Account(pds), Post("First statement."), Cancellation);
        pds.ExpireAccessTokens();

        await Task.WhenAll(
            publisher.PublishAsync(Account(pds), Post("Second statement.") with { RequestKey = "3mq2k4ayq7c2b" }, Cancellation),
            publisher.PublishAsync(Account(pds), Post("Third statement.") with { RequestKey = "3mq2k4ayq7c2c" }, Cancellation));

        Assert.Single(pds.Bodies);
        var refresh = Assert.Single(pds.RecordedRequests, request => request.Path == "/xrpc/com.atproto.server.refreshSession");
        Assert.StartsWith("Bearer eyJhbGciOiJFUzI1NksifQ.refresh.", refresh.Header("Authorization"), StringComparison.Ordinal);
        Assert.Equal(3, pds.Records.Count);
    }

    [Fact]
    public async Task A_revoked_session_signs_in_again_with_the_app_password()
    {
        await using var pds = await StartAsync();
        using var http = Http();
        var publisher = Publisher(http);
        await publisher.PublishAsync(Account(pds), Post("First statement."), Cancellation);
        pds.RevokeSessions();

        await publisher.PublishAsync(Account(pds), Post("Second statement.") with { RequestKey = "3mq2k4ayq7c2b" }, Cancellation);

        Assert.Equal(2, pds.Bodies.Count);
        Assert.Equal(2, pds.Records.Count);
    }

    [Fact]
    public async Task A_wrong_app_password_is_refused_and_says_so()
    {
        await using var pds = await StartAsync();
        using var http = Http();

        var failure = await Assert.ThrowsAsync<PublishException>(() => Publisher(http).PublishAsync(Account(pds) with { Secret = "wxyz-wxyz-wxyz-wxyz" }, Post("Statement."), Cancellation));

        Assert.Equal(PublishFailureKind.Refused, failure.Kind);
        Assert.Contains($"Bluesky refused the app password for @{Handle}", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wxyz", failure.Message, StringComparison.Ordinal);
        Assert.Empty(CreateRecordRequests(pds));
    }

    [Fact]
    public async Task A_refusal_is_passed_on_in_blueskys_own_words()
    {
        await using var pds = await StartAsync();
        using var http = Http();

        var failure = await Assert.ThrowsAsync<PublishException>(() => Publisher(http).PublishAsync(Account(pds), Post(new string('a', 301)), Cancellation));

        Assert.Equal(PublishFailureKind.Refused, failure.Kind);
        Assert.Equal("Bluesky refused the post: Invalid app.bsky.feed.post record: Record/text must not be longer than 300 graphemes", failure.Message);
        Assert.Empty(pds.Records);
    }

    [Fact]
    public async Task A_rate_limit_is_transient_with_the_wait_until_the_reset()
    {
        await using var pds = await StartAsync();
        using var http = Http();
        var clock = new FakeTimeProvider(new DateTimeOffset(Morning));
        pds.RateLimitReset = new DateTimeOffset(Morning).ToUnixTimeSeconds() + 120;
        pds.FailNext("com.atproto.repo.createRecord", 429, "RateLimitExceeded", "Rate Limit Exceeded");

        var failure = await Assert.ThrowsAsync<PublishException>(() => Publisher(http, clock).PublishAsync(Account(pds), Post("Statement."), Cancellation));

        Assert.Equal(PublishFailureKind.Transient, failure.Kind);
        Assert.Equal(TimeSpan.FromSeconds(120) - TimeSpan.FromMilliseconds(123), failure.RetryAfter);
        Assert.Empty(pds.Records);
    }

    [Fact]
    public async Task A_server_error_while_creating_is_an_unknown_outcome_when_the_record_is_not_at_its_key()
    {
        await using var pds = await StartAsync();
        using var http = Http();
        pds.FailNext("com.atproto.repo.createRecord", 502, "UpstreamFailure", "Upstream Failure");

        var failure = await Assert.ThrowsAsync<PublishException>(() => Publisher(http).PublishAsync(Account(pds), Post("Statement."), Cancellation));

        Assert.Equal(PublishFailureKind.OutcomeUnknown, failure.Kind);
        Assert.Contains("Upstream Failure", failure.Message, StringComparison.Ordinal);
        Assert.Single(pds.RecordedRequests, request => request.Path == "/xrpc/com.atproto.repo.getRecord");
    }

    [Fact]
    public async Task A_timeout_while_creating_is_an_unknown_outcome_and_one_while_uploading_is_transient()
    {
        await using var pds = await StartAsync();
        using var http = Http();
        var publisher = Publisher(http, options: new BlueskyPublishingOptions { RequestTimeout = TimeSpan.FromSeconds(1) });
        var post = Post("Statement.") with { Images = [new OutgoingImage(JpegBytes, "image/jpeg", 10, 10, "A map")] };
        pds.HangNext("com.atproto.repo.uploadBlob");
        pds.HangNext("com.atproto.repo.createRecord");

        var uploading = await Assert.ThrowsAsync<PublishException>(() => publisher.PublishAsync(Account(pds), post, Cancellation));
        var creating = await Assert.ThrowsAsync<PublishException>(() => publisher.PublishAsync(Account(pds), post, Cancellation));

        Assert.Equal(PublishFailureKind.Transient, uploading.Kind);
        Assert.Equal(PublishFailureKind.OutcomeUnknown, creating.Kind);
        Assert.Contains("did not answer within 1 s while publishing the post", creating.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("com.atproto.server.createSession", "<html>Bad gateway</html>", PublishFailureKind.Transient)]
    [InlineData("app.bsky.feed.getPosts", "{\"posts\": [", PublishFailureKind.Transient)]
    [InlineData("com.atproto.identity.resolveHandle", "[1, 2", PublishFailureKind.Transient)]
    [InlineData("com.atproto.repo.uploadBlob", "not json", PublishFailureKind.Transient)]
    [InlineData("com.atproto.repo.uploadBlob", "{\"blob\": \"no reference\"}", PublishFailureKind.Transient)]
    [InlineData("com.atproto.repo.createRecord", "{\"uri\": broken", PublishFailureKind.OutcomeUnknown)]
    public async Task A_malformed_answer_is_a_clear_failure_not_a_crash(string method, string body, PublishFailureKind expected)
    {
        await using var pds = await StartAsync();
        using var http = Http();
        var quoted = pds.SeedPost("journalist.bsky.social", "3mq2eeeeeee2e", "Flooding reported.");
        pds.AnswerNext(method, 200, body);
        var post = Post("Advice for @journalist.bsky.social") with { Quote = new PostReference(quoted.Uri), Images = [new OutgoingImage(JpegBytes, "image/jpeg", 10, 10, "A map")] };

        var failure = await Assert.ThrowsAsync<PublishException>(() => Publisher(http).PublishAsync(Account(pds), post, Cancellation));

        Assert.Equal(expected, failure.Kind);
        Assert.False(string.IsNullOrWhiteSpace(failure.Message));
    }

    [Fact]
    public async Task Delete_removes_the_record_and_deleting_it_again_succeeds()
    {
        await using var pds = await StartAsync();
        using var http = Http();
        var publisher = Publisher(http);
        var published = await publisher.PublishAsync(Account(pds), Post("Posted in error."), Cancellation);

        await publisher.DeleteAsync(Account(pds), published.RemoteId, Cancellation);
        await publisher.DeleteAsync(Account(pds), published.RemoteId, Cancellation);

        var deletions = pds.RecordedRequests.Where(request => request.Path == "/xrpc/com.atproto.repo.deleteRecord").ToList();
        Assert.Equal(2, deletions.Count);
        var body = JsonNode.Parse(deletions[0].BodyText)!;
        Assert.Equal(Did, body["repo"]!.GetValue<string>());
        Assert.Equal("app.bsky.feed.post", body["collection"]!.GetValue<string>());
        Assert.Equal(RequestKey, body["rkey"]!.GetValue<string>());
        Assert.Empty(pds.Records);
    }

    [Fact]
    public async Task Deleting_another_accounts_post_is_refused_without_a_deletion()
    {
        await using var pds = await StartAsync();
        using var http = Http();
        var theirs = pds.SeedPost("journalist.bsky.social", RequestKey, "Not the office's post.");

        var failure = await Assert.ThrowsAsync<PublishException>(() => Publisher(http).DeleteAsync(Account(pds), theirs.Uri, Cancellation));

        Assert.Equal(PublishFailureKind.Refused, failure.Kind);
        Assert.DoesNotContain(pds.RecordedRequests, request => request.Path == "/xrpc/com.atproto.repo.deleteRecord");
    }

    [Fact]
    public async Task A_server_that_refuses_the_connection_is_transient_and_nothing_was_sent()
    {
        using var http = Http();
        var account = new PublishingAccount(Network.Bluesky, new Uri($"http://127.0.0.1:{ClosedPort()}"), Handle, Did, AppPassword);

        var failure = await Assert.ThrowsAsync<PublishException>(() => Publisher(http).PublishAsync(account, Post("Statement."), Cancellation));

        Assert.Equal(PublishFailureKind.Transient, failure.Kind);
        Assert.Contains("nothing was posted", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_private_address_is_refused_not_retried()
    {
        await using var pds = await StartAsync();
        using var http = Http(allowLoopback: false);

        var failure = await Assert.ThrowsAsync<PublishException>(() => Publisher(http).PublishAsync(Account(pds), Post("Statement."), Cancellation));

        Assert.Equal(PublishFailureKind.Refused, failure.Kind);
        Assert.Contains("private, local or reserved", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_key_that_is_not_a_record_key_is_refused_before_anything_is_sent()
    {
        await using var pds = await StartAsync();
        using var http = Http();

        var failure = await Assert.ThrowsAsync<PublishException>(() => Publisher(http).PublishAsync(Account(pds), Post("Statement.") with { RequestKey = "not/a key" }, Cancellation));

        Assert.Equal(PublishFailureKind.Refused, failure.Kind);
        Assert.Empty(pds.RecordedRequests);
    }

    [Fact]
    public void Every_valid_record_key_of_the_interop_files_is_accepted_and_none_of_the_rejected_forms()
    {
        var keys = File.ReadAllLines(SharedFixtures.PathOf(Path.Combine("bluesky", "syntax", "recordkey_syntax_valid.txt")))
            .Where(line => line.Trim().Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Trim())
            .ToList();

        Assert.NotEmpty(keys);
        Assert.All(keys, key => Assert.True(AtUri.IsRecordKey(key), key));
        Assert.All(["", ".", "..", "a/b", "a b", "a#b", "é", new string('o', 513)], key => Assert.False(AtUri.IsRecordKey(key), key));
    }

    private static async Task<FakeBlueskyPds> StartAsync()
    {
        var pds = await FakeBlueskyPds.StartAsync();
        pds.Accounts[Handle] = AppPassword;
        return pds;
    }

    private static HttpClient Http(bool allowLoopback = true)
    {
        var outbound = new OutboundHttpOptions();
        if (allowLoopback)
        {
            outbound.AllowedPrivateHosts.Add("127.0.0.1");
        }

        return new HttpClient(OutboundHttp.CreateHandler(outbound)) { Timeout = Timeout.InfiniteTimeSpan };
    }

    private static BlueskyPublisher Publisher(HttpClient http, TimeProvider? time = null, BlueskyPublishingOptions? options = null) =>
        new(http, time ?? TimeProvider.System, NullLogger<BlueskyPublisher>.Instance, options);

    private static PublishingAccount Account(FakeBlueskyPds pds) => new(Network.Bluesky, pds.Url, Handle, Did, AppPassword);

    private static OutgoingPost Post(string text) => new() { Text = text, RequestKey = RequestKey, CreatedAt = Morning };

    private static OutgoingPost Repost(string remoteId) => Post("") with { RepostOf = new PostReference(remoteId) };

    private static List<RecordedHttpRequest> CreateRecordRequests(FakeBlueskyPds pds) =>
        [.. pds.RecordedRequests.Where(request => request.Path == "/xrpc/com.atproto.repo.createRecord")];

    private static JsonObject CreatedRecord(FakeBlueskyPds pds) =>
        JsonNode.Parse(CreateRecordRequests(pds).Last().BodyText)!["record"]!.AsObject();

    private static void AssertFacet(JsonNode? facet, int byteStart, int byteEnd, string type, string property, string value)
    {
        Assert.Equal(byteStart, facet!["index"]!["byteStart"]!.GetValue<int>());
        Assert.Equal(byteEnd, facet["index"]!["byteEnd"]!.GetValue<int>());
        var feature = Assert.Single(facet["features"]!.AsArray())!;
        Assert.Equal(type, feature["$type"]!.GetValue<string>());
        Assert.Equal(value, feature[property]!.GetValue<string>());
    }

    private static void AssertImage(JsonNode? image, string alt, int width, int height, string cid, string mimeType, int size)
    {
        Assert.Equal(alt, image!["alt"]!.GetValue<string>());
        Assert.Equal(width, image["aspectRatio"]!["width"]!.GetValue<int>());
        Assert.Equal(height, image["aspectRatio"]!["height"]!.GetValue<int>());
        var blob = image["image"]!;
        Assert.Equal("blob", blob["$type"]!.GetValue<string>());
        Assert.Equal(cid, blob["ref"]!["$link"]!.GetValue<string>());
        Assert.Equal(mimeType, blob["mimeType"]!.GetValue<string>());
        Assert.Equal(size, blob["size"]!.GetValue<int>());
    }

    private static void AssertStrongRef(JsonNode? reference, (string Uri, string Cid) expected)
    {
        Assert.Equal(expected.Uri, reference!["uri"]!.GetValue<string>());
        Assert.Equal(expected.Cid, reference["cid"]!.GetValue<string>());
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

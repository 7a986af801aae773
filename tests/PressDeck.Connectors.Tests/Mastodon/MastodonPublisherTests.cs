using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PressDeck.Connectors.Mastodon;
using PressDeck.Core.Posts;
using PressDeck.Core.Publishing;
using PressDeck.Testing;

namespace PressDeck.Connectors.Tests.Mastodon;

[Trait("Issue", "6")]
public sealed class MastodonPublisherTests
{
    private const string RequestKey = "3mq2k4ayq7c2a";

    private static readonly DateTime Morning = new(2026, 11, 27, 9, 30, 0, DateTimeKind.Utc);

    private static readonly byte[] JpegBytes = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0xFF, 0xD9];

    private static readonly byte[] PngBytes = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D];

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Images_are_uploaded_with_their_alt_text_then_attached_to_a_public_status_with_the_request_key()
    {
        await using var server = await FakeMastodonServer.StartAsync();
        using var http = MastodonTestClients.Http();
        var post = Post("Flood warning for the Severn valley: the minister visits Tewkesbury at noon.") with
        {
            Images = [new OutgoingImage(JpegBytes, "image/jpeg", 1200, 800, "Sandbags stacked by the river wall"), new OutgoingImage(PngBytes, "image/png", 800, 800, "Map of the flood warning area")],
            Language = "en",
        };

        var published = await Publisher(http).PublishAsync(Account(server), post, Cancellation);

        var uploads = server.MediaUploads.ToList();
        Assert.Equal(2, uploads.Count);
        Assert.Equal(JpegBytes, uploads[0].Content);
        Assert.Equal("image/jpeg", uploads[0].ContentType);
        Assert.Equal("image-1.jpg", uploads[0].FileName);
        Assert.Equal("Sandbags stacked by the river wall", uploads[0].Description);
        Assert.Equal(PngBytes, uploads[1].Content);
        Assert.Equal("image/png", uploads[1].ContentType);
        Assert.Equal("Map of the flood warning area", uploads[1].Description);
        var sent = Assert.Single(server.RecordedRequests, request => request.Path == "/api/v1/statuses");
        Assert.Equal("POST", sent.Method);
        Assert.Equal(RequestKey, sent.Header("Idempotency-Key"));
        Assert.Equal("Bearer " + FakeMastodonServer.Token, sent.Header("Authorization"));
        Assert.StartsWith("application/x-www-form-urlencoded", sent.Header("Content-Type"), StringComparison.Ordinal);
        KeyValuePair<string, string>[] fields =
        [
            new("status", post.Text), new("visibility", "public"),
            new("media_ids[]", uploads[0].Id), new("media_ids[]", uploads[1].Id), new("language", "en"),
        ];
        Assert.Equal(fields, sent.FormFields());
        Assert.All(server.RecordedRequests.Where(request => request.Path == "/api/v2/media"), upload => Assert.StartsWith("multipart/form-data; boundary=", upload.Header("Content-Type"), StringComparison.Ordinal));
        var created = Assert.Single(server.CreatedStatuses);
        Assert.True(MastodonStatusReader.TryRead(System.Text.Encoding.UTF8.GetBytes(created), "mastodon.social", out var ingested, out _));
        Assert.Equal(ingested!.Post.RemoteId, published.RemoteId);
        Assert.Equal(new Uri(server.Url, "/users/mastodonpy_test/statuses/" + ingested.Id).ToString(), published.RemoteId);
        Assert.Equal(new Uri(server.Url, "/@mastodonpy_test/" + ingested.Id).ToString(), published.Url);
        Assert.Equal(["Sandbags stacked by the river wall", "Map of the flood warning area"], ingested.Post.Media.Select(media => media.AltText));
    }

    [Fact]
    public async Task An_image_still_being_processed_is_polled_until_ready_before_the_status_is_sent()
    {
        await using var server = await FakeMastodonServer.StartAsync();
        server.MediaProcessingPolls = 2;
        using var http = MastodonTestClients.Http();
        var clock = new FakeTimeProvider(Morning);
        var post = Post("Road closures for the Severn bridge works.") with { Images = [new OutgoingImage(JpegBytes, "image/jpeg", 1200, 800, "Diversion map")] };
        var options = new MastodonPublishingOptions { MediaProcessingTimeout = TimeSpan.FromMinutes(10) };

        var published = await WhileAdvancingAsync(clock, TimeSpan.FromSeconds(1), Publisher(http, clock, options).PublishAsync(Account(server), post, Cancellation));

        var mediaId = Assert.Single(server.MediaUploads).Id;
        Assert.Equal(3, server.RecordedRequests.Count(request => request.Method == "GET" && request.Path == "/api/v1/media/" + mediaId));
        Assert.Equal([mediaId], Assert.Single(server.RecordedRequests, request => request.Path == "/api/v1/statuses").FormFields().Where(field => field.Key == "media_ids[]").Select(field => field.Value));
        Assert.Contains(published.RemoteId, Assert.Single(server.CreatedStatuses), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_image_that_is_never_ready_gives_up_as_transient_without_posting()
    {
        await using var server = await FakeMastodonServer.StartAsync();
        server.MediaProcessingPolls = int.MaxValue;
        using var http = MastodonTestClients.Http();
        var clock = new FakeTimeProvider(Morning);
        var options = new MastodonPublishingOptions { MediaProcessingTimeout = TimeSpan.FromSeconds(10), MediaPollInterval = TimeSpan.FromSeconds(2) };
        var post = Post("Road closures.") with { Images = [new OutgoingImage(JpegBytes, "image/jpeg", 1200, 800, "Diversion map")] };

        var failure = await Assert.ThrowsAsync<PublishException>(() => WhileAdvancingAsync(clock, TimeSpan.FromSeconds(2), Publisher(http, clock, options).PublishAsync(Account(server), post, Cancellation)));

        Assert.Equal(PublishFailureKind.Transient, failure.Kind);
        Assert.Contains("still processing image 1 after 10 s", failure.Message, StringComparison.Ordinal);
        // The clock moves on by itself here, so how many polls fit in the 10 s varies: at most one per 2 s interval.
        Assert.InRange(server.RecordedRequests.Count(request => request.Path.StartsWith("/api/v1/media/", StringComparison.Ordinal)), 1, 5);
        Assert.Empty(server.CreatedStatuses);
    }

    [Fact]
    public async Task A_reply_and_a_quote_of_archived_posts_name_this_servers_status_ids()
    {
        await using var server = await FakeMastodonServer.StartAsync();
        using var http = MastodonTestClients.Http();
        var publisher = Publisher(http);
        server.Publish(FakeMastodonServer.StatusLike(117_500_000_000_000_001, "When will the bridge reopen?"), toStream: false);
        var remoteQuestion = "http://localhost:3000/users/mastodonpy_test/statuses/117500000000000001";
        var ownStatement = await publisher.PublishAsync(Account(server), Post("The bridge reopens on Monday.") with { RequestKey = "3mq2k4ayq7c2b" }, Cancellation);
        var ownStatementId = ownStatement.RemoteId[(ownStatement.RemoteId.LastIndexOf('/') + 1)..];

        await publisher.PublishAsync(Account(server), Post("It reopens on Monday at six.") with { ReplyTo = new PostReference(remoteQuestion), Quote = new PostReference(ownStatement.RemoteId) }, Cancellation);

        var sent = server.RecordedRequests.Where(request => request.Path == "/api/v1/statuses").Last().FormFields();
        Assert.Contains(new KeyValuePair<string, string>("in_reply_to_id", "117500000000000001"), sent);
        Assert.Contains(new KeyValuePair<string, string>("quoted_status_id", ownStatementId), sent);
        var search = Assert.Single(server.RecordedRequests, request => request.Path == "/api/v2/search");
        Assert.Contains("resolve=true", search.Query, StringComparison.Ordinal);
        Assert.Contains("q=" + Uri.EscapeDataString(remoteQuestion), search.Query, StringComparison.Ordinal);
        Assert.True(MastodonStatusReader.TryRead(System.Text.Encoding.UTF8.GetBytes(server.CreatedStatuses.Last()), "mastodon.social", out var reply, out _));
        Assert.Equal(PostKind.Reply, reply!.Post.Kind);
        Assert.Equal(ownStatement.RemoteId, reply.Post.QuoteOfId);
    }

    [Fact]
    public async Task A_reply_to_a_post_the_server_cannot_find_is_refused_before_any_image_is_uploaded()
    {
        await using var server = await FakeMastodonServer.StartAsync();
        using var http = MastodonTestClients.Http();
        var post = Post("Thanks for asking.") with
        {
            ReplyTo = new PostReference("https://gone.example/users/someone/statuses/1"),
            Images = [new OutgoingImage(JpegBytes, "image/jpeg", 10, 10, "A thank-you card")],
        };

        var failure = await Assert.ThrowsAsync<PublishException>(() => Publisher(http).PublishAsync(Account(server), post, Cancellation));

        Assert.Equal(PublishFailureKind.Refused, failure.Kind);
        Assert.Contains("https://gone.example/users/someone/statuses/1", failure.Message, StringComparison.Ordinal);
        Assert.Empty(server.MediaUploads);
        Assert.Empty(server.CreatedStatuses);
    }

    [Fact]
    public async Task A_retry_after_a_lost_answer_sends_the_same_idempotency_key_and_gets_the_status_already_created()
    {
        await using var server = await FakeMastodonServer.StartAsync();
        using var http = MastodonTestClients.Http();
        var publisher = Publisher(http);
        var post = Post("The minister will speak at 2pm.");
        server.DropNextStatusAnswer();

        var lost = await Assert.ThrowsAsync<PublishException>(() => publisher.PublishAsync(Account(server), post, Cancellation));
        var published = await publisher.PublishAsync(Account(server), post, Cancellation);

        Assert.Equal(PublishFailureKind.Transient, lost.Kind);
        Assert.Contains("same Idempotency-Key", lost.Message, StringComparison.Ordinal);
        var attempts = server.RecordedRequests.Where(request => request.Path == "/api/v1/statuses").ToList();
        Assert.Equal(2, attempts.Count);
        Assert.All(attempts, attempt => Assert.Equal(RequestKey, attempt.Header("Idempotency-Key")));
        var created = Assert.Single(server.CreatedStatuses);
        Assert.Contains($"\"uri\":\"{published.RemoteId}\"", created, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_boost_reblogs_this_servers_status_with_the_request_key_and_returns_the_boosts_own_uri()
    {
        await using var server = await FakeMastodonServer.StartAsync();
        using var http = MastodonTestClients.Http();
        server.Publish(FakeMastodonServer.StatusLike(117_500_000_000_000_002, "The bridge reopens on Monday."), toStream: false);
        var original = "http://localhost:3000/users/mastodonpy_test/statuses/117500000000000002";

        var published = await Publisher(http).PublishAsync(Account(server), Boost(original), Cancellation);

        var sent = Assert.Single(server.RecordedRequests, request => request.Path.EndsWith("/reblog", StringComparison.Ordinal));
        Assert.Equal("POST", sent.Method);
        Assert.Equal("/api/v1/statuses/117500000000000002/reblog", sent.Path);
        Assert.Equal(RequestKey, sent.Header("Idempotency-Key"));
        Assert.Equal("Bearer " + FakeMastodonServer.Token, sent.Header("Authorization"));
        Assert.Equal([new KeyValuePair<string, string>("visibility", "public")], sent.FormFields());
        Assert.DoesNotContain(server.RecordedRequests, request => request.Path == "/api/v1/statuses");
        var reblog = Assert.Single(server.CreatedReblogs);
        Assert.True(MastodonStatusReader.TryRead(System.Text.Encoding.UTF8.GetBytes(reblog), "mastodon.social", out var ingested, out _));
        Assert.Equal(PostKind.Repost, ingested!.Post.Kind);
        Assert.Equal(ingested.Post.RemoteId, published.RemoteId);
        Assert.Equal(new Uri(server.Url, $"/users/mastodonpy_test/statuses/{ingested.Id}/activity").ToString(), published.RemoteId);
        Assert.Equal("http://localhost:3000/@mastodonpy_test/117500000000000002", published.Url);
    }

    [Fact]
    public async Task A_boost_resent_after_a_lost_answer_is_transient_and_boosts_only_once()
    {
        await using var server = await FakeMastodonServer.StartAsync();
        using var http = MastodonTestClients.Http();
        var publisher = Publisher(http);
        server.Publish(FakeMastodonServer.StatusLike(117_500_000_000_000_003, "Road reopened."), toStream: false);
        var boost = Boost("http://localhost:3000/users/mastodonpy_test/statuses/117500000000000003");
        server.DropNextStatusAnswer();

        var lost = await Assert.ThrowsAsync<PublishException>(() => publisher.PublishAsync(Account(server), boost, Cancellation));
        var published = await publisher.PublishAsync(Account(server), boost, Cancellation);

        Assert.Equal(PublishFailureKind.Transient, lost.Kind);
        var attempts = server.RecordedRequests.Where(request => request.Path.EndsWith("/reblog", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, attempts.Count);
        Assert.All(attempts, attempt => Assert.Equal(RequestKey, attempt.Header("Idempotency-Key")));
        var created = Assert.Single(server.CreatedReblogs);
        Assert.Contains($"\"uri\":\"{published.RemoteId}\"", created, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text")]
    [InlineData("images")]
    [InlineData("quote")]
    public async Task A_boost_with_text_images_or_a_quote_is_refused_before_anything_is_sent(string extra)
    {
        await using var server = await FakeMastodonServer.StartAsync();
        using var http = MastodonTestClients.Http();
        var original = "http://localhost:3000/users/mastodonpy_test/statuses/117500000000000002";
        var boost = extra switch
        {
            "text" => Boost(original) with { Text = "Worth reading." },
            "images" => Boost(original) with { Images = [new OutgoingImage(JpegBytes, "image/jpeg", 10, 10, "A map")] },
            _ => Boost(original) with { Quote = new PostReference(original) },
        };

        var failure = await Assert.ThrowsAsync<PublishException>(() => Publisher(http).PublishAsync(Account(server), boost, Cancellation));

        Assert.Equal(PublishFailureKind.Refused, failure.Kind);
        Assert.StartsWith("A repost only shares another post", failure.Message, StringComparison.Ordinal);
        Assert.Empty(server.RecordedRequests);
    }

    [Fact]
    public async Task Deleting_a_boost_deletes_the_boosts_own_status_and_leaves_the_original()
    {
        await using var server = await FakeMastodonServer.StartAsync();
        using var http = MastodonTestClients.Http();
        var publisher = Publisher(http);
        server.Publish(FakeMastodonServer.StatusLike(117_500_000_000_000_004, "Report."), toStream: false);
        var published = await publisher.PublishAsync(Account(server), Boost("http://localhost:3000/users/mastodonpy_test/statuses/117500000000000004"), Cancellation);
        var boostId = published.RemoteId.Split('/')[^2];

        await publisher.DeleteAsync(Account(server), published.RemoteId, Cancellation);
        await publisher.DeleteAsync(Account(server), published.RemoteId, Cancellation);

        Assert.Equal(2, server.RecordedRequests.Count(request => request.Method == "DELETE" && request.Path == "/api/v1/statuses/" + boostId));
        var api = new MastodonApiClient(http, MastodonTestClients.Server(server));
        Assert.Null(await api.GetStatusAsync(boostId, Cancellation));
        Assert.NotNull(await api.GetStatusAsync("117500000000000004", Cancellation));
    }

    [Fact]
    public async Task A_validation_error_is_refused_in_the_servers_own_localized_words()
    {
        await using var server = await FakeMastodonServer.StartAsync();
        using var http = MastodonTestClients.Http();

        var failure = await Assert.ThrowsAsync<PublishException>(() => Publisher(http).PublishAsync(Account(server), Post(new string('a', 501)), Cancellation));

        Assert.Equal(PublishFailureKind.Refused, failure.Kind);
        Assert.Equal("バリデーションに失敗しました: Text上限は500文字です", server.LocalizedTooLongErrors[0]);
        Assert.Equal($"{server.Url.Host} refused the post: バリデーションに失敗しました: Text上限は500文字です", failure.Message);
    }

    [Fact]
    public async Task A_rate_limit_is_transient_with_the_wait_until_the_reset_time()
    {
        await using var server = await FakeMastodonServer.StartAsync();
        using var http = MastodonTestClients.Http();
        var clock = new FakeTimeProvider(Morning);
        server.RateLimitReset = new DateTimeOffset(Morning).AddSeconds(90);
        server.FailNext(429);

        var failure = await Assert.ThrowsAsync<PublishException>(() => Publisher(http, clock).PublishAsync(Account(server), Post("Statement."), Cancellation));

        Assert.Equal(PublishFailureKind.Transient, failure.Kind);
        Assert.Equal(TimeSpan.FromSeconds(90), failure.RetryAfter);
    }

    [Theory]
    [InlineData(500, PublishFailureKind.Transient)]
    [InlineData(502, PublishFailureKind.Transient)]
    [InlineData(503, PublishFailureKind.Transient)]
    [InlineData(403, PublishFailureKind.Refused)]
    [InlineData(404, PublishFailureKind.Refused)]
    public async Task Server_errors_are_transient_and_refusals_need_a_person(int status, PublishFailureKind expected)
    {
        await using var server = await FakeMastodonServer.StartAsync();
        using var http = MastodonTestClients.Http();
        server.FailNext(status);

        var failure = await Assert.ThrowsAsync<PublishException>(() => Publisher(http).PublishAsync(Account(server), Post("Statement."), Cancellation));

        Assert.Equal(expected, failure.Kind);
        Assert.Contains("Something went wrong on our end", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revoked_token_is_refused_and_says_so()
    {
        await using var server = await FakeMastodonServer.StartAsync();
        using var http = MastodonTestClients.Http();

        var failure = await Assert.ThrowsAsync<PublishException>(() => Publisher(http).PublishAsync(Account(server) with { Secret = "revoked" }, Post("Statement."), Cancellation));

        Assert.Equal(PublishFailureKind.Refused, failure.Kind);
        Assert.Contains("refused the access token", failure.Message, StringComparison.Ordinal);
        Assert.Contains("The access token is invalid", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("revoked\"", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(200, "{\"id\": \"1\", broken")]
    [InlineData(200, "[]")]
    [InlineData(500, "<html><body>Bad gateway</body></html>")]
    [InlineData(422, "not json at all")]
    public async Task A_malformed_answer_is_a_clear_failure_not_a_crash(int status, string body)
    {
        await using var server = await FakeMastodonServer.StartAsync();
        using var http = MastodonTestClients.Http();
        server.AnswerNext(status, body);

        var failure = await Assert.ThrowsAsync<PublishException>(() => Publisher(http).PublishAsync(Account(server), Post("Statement."), Cancellation));

        Assert.Equal(status == 422 ? PublishFailureKind.Refused : PublishFailureKind.Transient, failure.Kind);
        Assert.Contains(server.Url.Host, failure.Message, StringComparison.Ordinal);
        if (status == 200)
        {
            Assert.Contains("cannot read", failure.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_timeout_after_sending_is_transient_and_says_the_same_key_makes_a_retry_safe()
    {
        await using var server = await FakeMastodonServer.StartAsync();
        using var http = MastodonTestClients.Http();
        server.HangNext();

        var failure = await Assert.ThrowsAsync<PublishException>(() => Publisher(http, options: new MastodonPublishingOptions { RequestTimeout = TimeSpan.FromSeconds(1) }).PublishAsync(Account(server), Post("Statement."), Cancellation));

        Assert.Equal(PublishFailureKind.Transient, failure.Kind);
        Assert.Contains("did not answer within 1 s", failure.Message, StringComparison.Ordinal);
        Assert.Contains("same Idempotency-Key", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_refuses_the_connection_is_transient_and_nothing_was_sent()
    {
        using var http = MastodonTestClients.Http();
        var account = new PublishingAccount(Network.Mastodon, new Uri($"http://127.0.0.1:{ClosedPort()}"), "office@mastodon.social", "1", FakeMastodonServer.Token);

        var failure = await Assert.ThrowsAsync<PublishException>(() => Publisher(http).PublishAsync(account, Post("Statement."), Cancellation));

        Assert.Equal(PublishFailureKind.Transient, failure.Kind);
        Assert.Contains("could not be reached", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_private_address_is_refused_not_retried()
    {
        await using var server = await FakeMastodonServer.StartAsync();
        using var http = MastodonTestClients.Http(allowLoopback: false);

        var failure = await Assert.ThrowsAsync<PublishException>(() => Publisher(http).PublishAsync(Account(server), Post("Statement."), Cancellation));

        Assert.Equal(PublishFailureKind.Refused, failure.Kind);
        Assert.Contains("private, local or reserved", failure.Message, StringComparison.Ordinal);
        Assert.Empty(server.RecordedRequests);
    }

    [Fact]
    public async Task Delete_removes_the_status_and_deleting_it_again_succeeds()
    {
        await using var server = await FakeMastodonServer.StartAsync();
        using var http = MastodonTestClients.Http();
        var publisher = Publisher(http);
        var published = await publisher.PublishAsync(Account(server), Post("Posted in error."), Cancellation);
        var id = published.RemoteId[(published.RemoteId.LastIndexOf('/') + 1)..];

        await publisher.DeleteAsync(Account(server), published.RemoteId, Cancellation);
        await publisher.DeleteAsync(Account(server), published.RemoteId, Cancellation);

        Assert.Equal(2, server.RecordedRequests.Count(request => request.Method == "DELETE" && request.Path == "/api/v1/statuses/" + id));
        Assert.Null(await new MastodonApiClient(http, MastodonTestClients.Server(server)).GetStatusAsync(id, Cancellation));
    }

    [Fact]
    public async Task An_image_without_alt_text_is_refused_before_anything_is_sent()
    {
        await using var server = await FakeMastodonServer.StartAsync();
        using var http = MastodonTestClients.Http();
        var post = Post("Statement.") with { Images = [new OutgoingImage(JpegBytes, "image/jpeg", 10, 10, " ")] };

        var failure = await Assert.ThrowsAsync<PublishException>(() => Publisher(http).PublishAsync(Account(server), post, Cancellation));

        Assert.Equal(PublishFailureKind.Refused, failure.Kind);
        Assert.Empty(server.RecordedRequests);
    }

    [Fact]
    public async Task Looking_for_a_post_after_a_failure_finds_nothing_because_a_retry_with_its_key_is_the_lookup()
    {
        await using var server = await FakeMastodonServer.StartAsync();
        using var http = MastodonTestClients.Http();

        var found = await Publisher(http).FindPublishedAsync(Account(server), Post("Statement."), Cancellation);

        Assert.Null(found);
        Assert.Empty(server.RecordedRequests);
    }

    private static MastodonPublisher Publisher(HttpClient http, TimeProvider? time = null, MastodonPublishingOptions? options = null) =>
        new(http, time ?? TimeProvider.System, NullLogger<MastodonPublisher>.Instance, options);

    private static PublishingAccount Account(FakeMastodonServer server) =>
        new(Network.Mastodon, server.Url, "mastodonpy_test@localhost", "117020565966271181", FakeMastodonServer.Token);

    private static OutgoingPost Post(string text) => new() { Text = text, RequestKey = RequestKey, CreatedAt = Morning };

    private static OutgoingPost Boost(string remoteId) => Post("") with { RepostOf = new PostReference(remoteId) };

    /// <summary>Runs <paramref name="task"/> while moving the fake clock on by <paramref name="step"/> every few milliseconds, so its waits pass at once.</summary>
    private static async Task<T> WhileAdvancingAsync<T>(FakeTimeProvider clock, TimeSpan step, Task<T> task)
    {
        for (var round = 0; !task.IsCompleted && round < 2000; round++)
        {
            await Task.Delay(5, Cancellation);
            clock.Advance(step);
        }

        return await task;
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

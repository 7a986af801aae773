using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Net.Http.Headers;
using PressDeck.Connectors.X;
using PressDeck.Core.Posts;
using PressDeck.Core.Publishing;
using PressDeck.Testing;

namespace PressDeck.Connectors.Tests.X;

[Trait("Issue", "6")]
public sealed class XPublisherTests
{
    private const string QuotedId = "1293593516040269825";

    private static readonly PublishingAccount Office = new(Network.X, new Uri("https://api.x.com"), FakeXServer.OfficeUsername, FakeXServer.OfficeUserId, FakeXServer.UserToken);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_plain_post_sends_its_text_with_the_offices_token_and_answers_the_id_the_archive_keys_it_by()
    {
        await using var server = await StartAsync();

        var published = await Publisher(server).PublishAsync(Office, Post("Budget statement at 2pm today."), TestContext.Current.CancellationToken);

        var request = Assert.Single(server.Recorded);
        Assert.Equal(("POST", "/2/tweets"), (request.Method, request.PathAndQuery));
        Assert.Equal("Bearer " + FakeXServer.UserToken, request.Headers["Authorization"]);
        Assert.Equal("application/json", request.Headers["Content-Type"]);
        Assert.Equal("""{"text":"Budget statement at 2pm today."}""", request.BodyText);
        var stored = Assert.Single(server.OwnTweets);
        Assert.Equal((string)stored["id"]!, published.RemoteId);
        Assert.Equal($"https://x.com/TweepyDev/status/{published.RemoteId}", published.Url);
        Assert.Equal(_time.GetUtcNow().UtcDateTime, published.PublishedAt);
        Assert.Equal(published.RemoteId, IngestedCopy(stored).RemoteId);
    }

    [Fact]
    public async Task A_reply_names_the_post_it_replies_to()
    {
        await using var server = await StartAsync();
        var post = Post("Thank you, the figures are on page 4.") with { ReplyTo = new PostReference(QuotedId) };

        var published = await Publisher(server).PublishAsync(Office, post, TestContext.Current.CancellationToken);

        Assert.Equal("""{"text":"Thank you, the figures are on page 4.","reply":{"in_reply_to_tweet_id":"1293593516040269825"}}""", Assert.Single(server.Recorded).BodyText);
        Assert.Equal(PostKind.Reply, IngestedCopy(Assert.Single(server.OwnTweets)).Kind);
        Assert.Equal(published.RemoteId, IngestedCopy(Assert.Single(server.OwnTweets)).RemoteId);
    }

    [Fact]
    public async Task A_quote_names_the_quoted_post()
    {
        await using var server = await StartAsync();
        var post = Post("Our answer to this:") with { Quote = new PostReference(QuotedId) };

        await Publisher(server).PublishAsync(Office, post, TestContext.Current.CancellationToken);

        Assert.Equal("""{"text":"Our answer to this:","quote_tweet_id":"1293593516040269825"}""", Assert.Single(server.Recorded).BodyText);
    }

    [Fact]
    public async Task A_post_with_two_images_uploads_them_in_order_and_describes_each_before_posting()
    {
        await using var server = await StartAsync();
        byte[] first = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 0xFF, 0xD9];
        byte[] second = [0x89, (byte)'P', (byte)'N', (byte)'G', 4, 5, 6];
        var post = Post("The minister opens the new bridge.") with
        {
            Images =
            [
                new OutgoingImage(first, "image/jpeg", 1200, 800, "The minister cuts a ribbon on the bridge."),
                new OutgoingImage(second, "image/png", 640, 480, "Map of the new bridge & its approach roads."),
            ],
        };

        var published = await Publisher(server).PublishAsync(Office, post, TestContext.Current.CancellationToken);

        var requests = server.Recorded.ToList();
        Assert.Equal(["POST /2/media/upload", "POST /2/media/metadata", "POST /2/media/upload", "POST /2/media/metadata", "POST /2/tweets"], requests.Select(request => $"{request.Method} {request.PathAndQuery}"));
        Assert.All(requests, request => Assert.Equal("Bearer " + FakeXServer.UserToken, request.Headers["Authorization"]));
        Assert.Equal([("media", "image.jpg", "image/jpeg", Convert.ToHexString(first)), ("media_category", null, null, "tweet_image"), ("media_type", null, null, "image/jpeg")], await FormFieldsAsync(requests[0]));
        Assert.Equal([("media", "image.png", "image/png", Convert.ToHexString(second)), ("media_category", null, null, "tweet_image"), ("media_type", null, null, "image/png")], await FormFieldsAsync(requests[2]));
        Assert.Equal("""{"id":"1880028106020515840","metadata":{"alt_text":{"text":"The minister cuts a ribbon on the bridge."}}}""", requests[1].BodyText);
        Assert.Equal("""{"id":"1880028106020515841","metadata":{"alt_text":{"text":"Map of the new bridge \u0026 its approach roads."}}}""", requests[3].BodyText);
        Assert.Equal("""{"text":"The minister opens the new bridge.","media":{"media_ids":["1880028106020515840","1880028106020515841"]}}""", requests[4].BodyText);
        Assert.Equal("Map of the new bridge & its approach roads.", server.MediaAltTexts["1880028106020515841"]);
        Assert.Equal((string)Assert.Single(server.OwnTweets)["id"]!, published.RemoteId);
    }

    [Fact]
    public async Task Images_with_a_quote_are_refused_before_anything_is_sent()
    {
        await using var server = await StartAsync();
        var post = Post("Look at this.") with { Quote = new PostReference(QuotedId), Images = [Image("A chart.")] };

        var refusal = await Assert.ThrowsAsync<PublishException>(() => Publisher(server).PublishAsync(Office, post, TestContext.Current.CancellationToken));

        Assert.Equal(PublishFailureKind.Refused, refusal.Kind);
        Assert.Equal("Publishing the post on X: X does not allow images in a post that quotes another: remove the images or the quote.", refusal.Message);
        Assert.Empty(server.Recorded);
    }

    [Fact]
    public async Task Alt_text_longer_than_x_keeps_is_refused_before_anything_is_sent()
    {
        await using var server = await StartAsync();
        var post = Post("A long description.") with { Images = [Image("A chart."), Image(new string('a', 1001))] };

        var refusal = await Assert.ThrowsAsync<PublishException>(() => Publisher(server).PublishAsync(Office, post, TestContext.Current.CancellationToken));

        Assert.Equal(PublishFailureKind.Refused, refusal.Kind);
        Assert.Equal("Publishing the post on X: X allows image descriptions of up to 1,000 characters; the description of image 2 has 1,001. Shorten it.", refusal.Message);
        Assert.Empty(server.Recorded);
    }

    [Fact]
    public async Task A_connection_dropped_after_x_created_the_post_is_an_unknown_outcome_and_the_lookup_finds_it_with_its_shortened_links()
    {
        await using var server = await StartAsync();
        server.AddOwnTweet("An older post of the office.", _time.GetUtcNow().AddMinutes(-30));
        server.Script("POST /2/tweets", new XRestScript(DropAfterHandling: true));
        var post = Post("Read the budget at https://www.gov.uk/budget-2026 and see gov.uk/spending (tables & charts) <today>.");
        var publisher = Publisher(server);

        var unknown = await Assert.ThrowsAsync<PublishException>(() => publisher.PublishAsync(Office, post, TestContext.Current.CancellationToken));
        _time.Advance(TimeSpan.FromSeconds(31));
        var found = await publisher.FindPublishedAsync(Office, post, TestContext.Current.CancellationToken);

        Assert.Equal(PublishFailureKind.OutcomeUnknown, unknown.Kind);
        Assert.Contains("after the request was sent, so X may or may not have published the post", unknown.Message, StringComparison.Ordinal);
        var created = server.OwnTweets[^1];
        Assert.Matches(@"^Read the budget at https://t\.co/\w+ and see https://t\.co/\w+ \(tables &amp; charts\) &lt;today&gt;\.$", (string)created["text"]!);
        Assert.NotNull(found);
        Assert.Equal((string)created["id"]!, found.RemoteId);
        Assert.Equal($"https://x.com/TweepyDev/status/{found.RemoteId}", found.Url);
        Assert.Single(server.Recorded, request => request is { Method: "POST", PathAndQuery: "/2/tweets" });
        var lookup = server.Recorded.Last();
        Assert.Equal("GET", lookup.Method);
        Assert.Equal("/2/users/1072250532645998596/tweets?max_results=100&start_time=2026-11-25T09%3A59%3A00Z&exclude=retweets&tweet.fields=attachments%2Ccreated_at%2Cedit_history_tweet_ids%2Centities%2Cnote_tweet%2Creferenced_tweets", lookup.PathAndQuery);
        Assert.Equal("Bearer " + FakeXServer.UserToken, lookup.Headers["Authorization"]);
    }

    [Fact]
    public async Task A_post_with_images_whose_answer_was_lost_is_found_despite_the_link_x_adds_for_them()
    {
        await using var server = await StartAsync();
        server.Script("POST /2/tweets", new XRestScript(DropAfterHandling: true));
        var post = Post("Photos from today's visit.") with { Images = [Image("The minister meets nurses."), Image("The new ward.")] };
        var publisher = Publisher(server);

        await Assert.ThrowsAsync<PublishException>(() => publisher.PublishAsync(Office, post, TestContext.Current.CancellationToken));
        _time.Advance(TimeSpan.FromMinutes(2));
        var found = await publisher.FindPublishedAsync(Office, post, TestContext.Current.CancellationToken);

        Assert.Matches(@"^Photos from today's visit\. https://t\.co/\w+$", (string)server.OwnTweets[^1]["text"]!);
        Assert.Equal((string)server.OwnTweets[^1]["id"]!, found?.RemoteId);
    }

    [Fact]
    public async Task A_connection_dropped_before_x_created_the_post_is_an_unknown_outcome_and_the_lookup_finds_nothing()
    {
        await using var server = await StartAsync();
        server.AddOwnTweet("Read the budget at https://www.gov.uk/budget-2025.", _time.GetUtcNow());
        server.Script("POST /2/tweets", new XRestScript(DropBeforeHandling: true));
        var post = Post("Read the budget at https://www.gov.uk/budget-2026 today.");
        var publisher = Publisher(server);

        var unknown = await Assert.ThrowsAsync<PublishException>(() => publisher.PublishAsync(Office, post, TestContext.Current.CancellationToken));
        _time.Advance(TimeSpan.FromSeconds(31));
        var found = await publisher.FindPublishedAsync(Office, post, TestContext.Current.CancellationToken);

        Assert.Equal(PublishFailureKind.OutcomeUnknown, unknown.Kind);
        Assert.Null(found);
        Assert.Single(server.OwnTweets);
    }

    [Fact]
    public async Task The_lookup_does_not_take_the_same_text_replying_to_another_post()
    {
        await using var server = await StartAsync();
        server.Script("POST /2/tweets", new XRestScript(DropAfterHandling: true));
        var publisher = Publisher(server);
        var sent = Post("Thank you, we will reply by email.") with { ReplyTo = new PostReference(QuotedId) };
        await Assert.ThrowsAsync<PublishException>(() => publisher.PublishAsync(Office, sent, TestContext.Current.CancellationToken));
        _time.Advance(TimeSpan.FromMinutes(1));

        var sameReply = await publisher.FindPublishedAsync(Office, sent, TestContext.Current.CancellationToken);
        var otherReply = await publisher.FindPublishedAsync(Office, sent with { ReplyTo = new PostReference("1456012973835788293") }, TestContext.Current.CancellationToken);
        var notAReply = await publisher.FindPublishedAsync(Office, sent with { ReplyTo = null }, TestContext.Current.CancellationToken);

        Assert.NotNull(sameReply);
        Assert.Null(otherReply);
        Assert.Null(notAReply);
    }

    [Theory]
    [InlineData("Caf\u00E9 opening\n\nat 10am", "Cafe\u0301  opening at 10am ")]
    [InlineData("Details: www.example.org/a?b=1 (see gov.uk)", "Details: www.example.org/a?b=1 (see gov.uk)")]
    [InlineData("Read https://example.com/x?y=1#z now.", "Read https://example.com/x?y=1#z now.")]
    [InlineData("Q&A at <noon>", "Q&A at <noon>")]
    public async Task The_lookup_compares_the_text_as_x_keeps_it(string textOnX, string textSent)
    {
        await using var server = await StartAsync();
        var post = Post(textSent);
        var id = server.AddOwnTweet(textOnX, _time.GetUtcNow());
        _time.Advance(TimeSpan.FromMinutes(1));

        var found = await Publisher(server).FindPublishedAsync(Office, post, TestContext.Current.CancellationToken);

        Assert.Equal(id, found?.RemoteId);
    }

    [Fact]
    public async Task A_lookup_sooner_than_x_shows_new_posts_is_transient()
    {
        await using var server = await StartAsync();
        var post = Post("Not there yet.");
        _time.Advance(TimeSpan.FromSeconds(10));

        var wait = await Assert.ThrowsAsync<PublishException>(() => Publisher(server).FindPublishedAsync(Office, post, TestContext.Current.CancellationToken));

        Assert.Equal(PublishFailureKind.Transient, wait.Kind);
        Assert.Equal(TimeSpan.FromSeconds(20), wait.RetryAfter);
    }

    [Fact]
    public async Task A_failed_lookup_is_transient()
    {
        await using var server = await StartAsync();
        server.Script($"GET /2/users/{FakeXServer.OfficeUserId}/tweets", new XRestScript(Status: 503));
        var post = Post("Anything.");
        _time.Advance(TimeSpan.FromMinutes(5));

        var failure = await Assert.ThrowsAsync<PublishException>(() => Publisher(server).FindPublishedAsync(Office, post, TestContext.Current.CancellationToken));

        Assert.Equal(PublishFailureKind.Transient, failure.Kind);
        Assert.StartsWith("Looking on X for a post whose outcome is unknown: X answered 503 (X is failing): Service Unavailable: The fake X is failing on purpose", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_post_that_gets_no_answer_in_time_is_an_unknown_outcome()
    {
        await using var server = await StartAsync();
        server.Script("POST /2/tweets", new XRestScript(HangAfterHandling: true));

        var unknown = await Assert.ThrowsAsync<PublishException>(() => Publisher(server, TimeSpan.FromMilliseconds(500)).PublishAsync(Office, Post("Slow."), TestContext.Current.CancellationToken));

        Assert.Equal(PublishFailureKind.OutcomeUnknown, unknown.Kind);
        Assert.Equal("Publishing the post on X: X did not answer within 0.5 s, after the request was sent, so X may or may not have published the post; PressDeck looks for it before anything else.", unknown.Message);
        Assert.Single(server.OwnTweets);
    }

    [Fact]
    public async Task A_post_abandoned_after_it_was_sent_is_an_unknown_outcome_not_a_cancellation()
    {
        await using var server = await StartAsync();
        server.Script("POST /2/tweets", new XRestScript(HangAfterHandling: true));
        using var shutdown = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        shutdown.CancelAfter(TimeSpan.FromMilliseconds(500));

        var unknown = await Assert.ThrowsAsync<PublishException>(() => Publisher(server).PublishAsync(Office, Post("Shutting down."), shutdown.Token));

        Assert.Equal(PublishFailureKind.OutcomeUnknown, unknown.Kind);
        Assert.StartsWith("Publishing the post on X: PressDeck stopped waiting (it is shutting down), after the request was sent", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_cannot_be_reached_is_transient_because_nothing_was_sent()
    {
        var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        var publisher = new XPublisher(new HttpClient(), Options.Create(new XOptions { ApiUrl = new Uri($"http://127.0.0.1:{port}") }), _time);

        var failure = await Assert.ThrowsAsync<PublishException>(() => publisher.PublishAsync(Office, Post("Nobody home."), TestContext.Current.CancellationToken));

        Assert.Equal(PublishFailureKind.Transient, failure.Kind);
        Assert.StartsWith("Publishing the post on X: X could not be reached (", failure.Message, StringComparison.Ordinal);
        Assert.EndsWith("before anything was sent, so it can be tried again.", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task X_refusing_a_duplicate_is_refused_in_so_many_words()
    {
        await using var server = await StartAsync();
        var publisher = Publisher(server);
        await publisher.PublishAsync(Office, Post("The office is closed on Monday."), TestContext.Current.CancellationToken);

        var duplicate = await Assert.ThrowsAsync<PublishException>(() => publisher.PublishAsync(Office, Post("The office is closed on Monday.") with { RequestKey = "pressdeckother01" }, TestContext.Current.CancellationToken));

        Assert.Equal(PublishFailureKind.Refused, duplicate.Kind);
        Assert.Equal("Publishing the post on X: X refused it as a duplicate of a post the account has already published (Forbidden: You are not allowed to create a Tweet with duplicate content.).", duplicate.Message);
    }

    public static TheoryData<string, string> Problems => new()
    {
        {
            """{"title":"Invalid Request","detail":"The `text` field is too long.","type":"https://api.x.com/2/problems/invalid-request"}""",
            "Publishing the post on X: X answered 400 (the request was refused): Invalid Request: The `text` field is too long."
        },
        {
            """{"errors":[{"parameters":{"text":["..."]},"message":"Your Tweet text is too long."}],"title":"Invalid Request","detail":"One or more parameters to your request was invalid.","type":"https://api.twitter.com/2/problems/invalid-request","status":400}""",
            "Publishing the post on X: X answered 400 (the request was refused): Invalid Request: One or more parameters to your request was invalid.; an error: Your Tweet text is too long."
        },
        {
            """{"errors":[{"code":186,"message":"Tweet needs to be a bit shorter."}]}""",
            "Publishing the post on X: X answered 400 (the request was refused): error 186: Tweet needs to be a bit shorter."
        },
    };

    [Theory]
    [MemberData(nameof(Problems))]
    public async Task A_refusal_passes_xs_own_words_through(string body, string message)
    {
        await using var server = await StartAsync();
        server.Script("POST /2/tweets", new XRestScript(Status: 400, Body: body));

        var refusal = await Assert.ThrowsAsync<PublishException>(() => Publisher(server).PublishAsync(Office, Post("Too long, X says."), TestContext.Current.CancellationToken));

        Assert.Equal(PublishFailureKind.Refused, refusal.Kind);
        Assert.Equal(message, refusal.Message);
    }

    [Fact]
    public async Task A_token_x_refuses_is_refused()
    {
        await using var server = await StartAsync();

        var refusal = await Assert.ThrowsAsync<PublishException>(() => Publisher(server).PublishAsync(Office with { Secret = "expired-token" }, Post("Hello."), TestContext.Current.CancellationToken));

        Assert.Equal(PublishFailureKind.Refused, refusal.Kind);
        Assert.Equal("Publishing the post on X: X answered 401 (the token was refused): Unauthorized", refusal.Message);
        Assert.Single(server.Recorded);
    }

    [Fact]
    public async Task A_rate_limited_post_waits_until_the_reset_x_names()
    {
        await using var server = await StartAsync();
        var reset = _time.GetUtcNow().AddSeconds(120).ToUnixTimeSeconds();
        server.Script("POST /2/tweets", new XRestScript(Status: 429, Body: """{"title":"Too Many Requests","detail":"Too Many Requests","type":"about:blank","status":429}""", ResetEpochSeconds: reset));

        var limited = await Assert.ThrowsAsync<PublishException>(() => Publisher(server).PublishAsync(Office, Post("Rate limited."), TestContext.Current.CancellationToken));

        Assert.Equal(PublishFailureKind.Transient, limited.Kind);
        Assert.Equal(TimeSpan.FromSeconds(120), limited.RetryAfter);
        Assert.Empty(server.OwnTweets);
    }

    [Fact]
    public async Task A_usage_cap_names_no_time_to_wait()
    {
        await using var server = await StartAsync();
        server.Script("POST /2/tweets", new XRestScript(Status: 429, Body: """{"title":"UsageCapExceeded","detail":"Usage cap exceeded: Monthly product cap","type":"https://api.x.com/2/problems/usage-capped","status":429}""", ResetEpochSeconds: _time.GetUtcNow().AddSeconds(600).ToUnixTimeSeconds(), Remaining: "37"));

        var capped = await Assert.ThrowsAsync<PublishException>(() => Publisher(server).PublishAsync(Office, Post("Capped."), TestContext.Current.CancellationToken));

        Assert.Equal(PublishFailureKind.Transient, capped.Kind);
        Assert.Null(capped.RetryAfter);
        Assert.Contains("Usage cap exceeded: Monthly product cap", capped.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_error_on_the_post_is_an_unknown_outcome()
    {
        await using var server = await StartAsync();
        server.Script("POST /2/tweets", new XRestScript(Status: 503));

        var unknown = await Assert.ThrowsAsync<PublishException>(() => Publisher(server).PublishAsync(Office, Post("Server error."), TestContext.Current.CancellationToken));

        Assert.Equal(PublishFailureKind.OutcomeUnknown, unknown.Kind);
        Assert.Equal("Publishing the post on X: X answered 503 (X is failing): Service Unavailable: The fake X is failing on purpose; X may or may not have published the post, so PressDeck looks for it before anything else.", unknown.Message);
    }

    [Fact]
    public async Task A_server_error_on_an_upload_is_transient_and_no_post_is_attempted()
    {
        await using var server = await StartAsync();
        server.Script("POST /2/media/upload", new XRestScript(Status: 500));
        var post = Post("With a picture.") with { Images = [Image("A picture.")] };

        var failure = await Assert.ThrowsAsync<PublishException>(() => Publisher(server).PublishAsync(Office, post, TestContext.Current.CancellationToken));

        Assert.Equal(PublishFailureKind.Transient, failure.Kind);
        Assert.StartsWith("Uploading image 1 of 1 to X: X answered 500 (X is failing)", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Recorded, request => request.Path == "/2/tweets");
    }

    [Fact]
    public async Task Deleting_a_post_removes_it_from_x()
    {
        await using var server = await StartAsync();
        var publisher = Publisher(server);
        var published = await publisher.PublishAsync(Office, Post("Posted by mistake."), TestContext.Current.CancellationToken);

        await publisher.DeleteAsync(Office, published.RemoteId, TestContext.Current.CancellationToken);

        Assert.Empty(server.OwnTweets);
        var delete = server.Recorded.Last();
        Assert.Equal(("DELETE", "/2/tweets/" + published.RemoteId), (delete.Method, delete.PathAndQuery));
        Assert.Equal("Bearer " + FakeXServer.UserToken, delete.Headers["Authorization"]);
    }

    [Fact]
    public async Task Deleting_a_post_that_is_already_gone_succeeds()
    {
        await using var server = await StartAsync();

        await Publisher(server).DeleteAsync(Office, "1456012973835788293", TestContext.Current.CancellationToken);

        Assert.Equal("DELETE /2/tweets/1456012973835788293", server.Requests.Single());
    }

    [Fact]
    public async Task A_retweet_posts_the_tweet_id_to_the_accounts_retweets_and_answers_an_id_that_names_the_source()
    {
        await using var server = await StartAsync();

        var published = await Publisher(server).PublishAsync(Office, Retweet(QuotedId), TestContext.Current.CancellationToken);

        var sent = Assert.Single(server.Recorded);
        Assert.Equal(("POST", $"/2/users/{FakeXServer.OfficeUserId}/retweets"), (sent.Method, sent.PathAndQuery));
        Assert.Equal("Bearer " + FakeXServer.UserToken, sent.Headers["Authorization"]);
        Assert.StartsWith("application/json", sent.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal("""{"tweet_id":"1293593516040269825"}""", sent.BodyText);
        Assert.Equal("retweet:" + QuotedId, published.RemoteId);
        Assert.Equal($"https://x.com/i/web/status/{QuotedId}", published.Url);
        Assert.Equal(_time.GetUtcNow().UtcDateTime, published.PublishedAt);
        Assert.Equal([QuotedId], server.Retweets.Keys);
        Assert.Empty(server.OwnTweets);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_retweet_whose_answer_was_lost_is_transient_and_sending_it_again_retweets_once(bool refuseRepeats)
    {
        await using var server = await StartAsync();
        server.RefuseRepeatedRetweets = refuseRepeats;
        server.Script($"POST /2/users/{FakeXServer.OfficeUserId}/retweets", new XRestScript(DropAfterHandling: true));
        var publisher = Publisher(server);
        var retweet = Retweet(QuotedId);

        var lost = await Assert.ThrowsAsync<PublishException>(() => publisher.PublishAsync(Office, retweet, TestContext.Current.CancellationToken));
        var found = await publisher.FindPublishedAsync(Office, retweet, TestContext.Current.CancellationToken);
        var published = await publisher.PublishAsync(Office, retweet, TestContext.Current.CancellationToken);

        Assert.Equal(PublishFailureKind.Transient, lost.Kind);
        Assert.Null(found);
        Assert.Equal("retweet:" + QuotedId, published.RemoteId);
        Assert.Single(server.Retweets);
        Assert.Equal(2, server.Recorded.Count(request => request.Method == "POST" && request.PathAndQuery.EndsWith("/retweets", StringComparison.Ordinal)));
        Assert.DoesNotContain(server.Recorded, request => request.Method == "GET");
    }

    [Theory]
    [InlineData("text")]
    [InlineData("images")]
    [InlineData("quote")]
    public async Task A_retweet_with_text_images_or_a_quote_is_refused_before_anything_is_sent(string extra)
    {
        await using var server = await StartAsync();
        var retweet = extra switch
        {
            "text" => Retweet(QuotedId) with { Text = "Worth reading." },
            "images" => Retweet(QuotedId) with { Images = [Image("A map")] },
            _ => Retweet(QuotedId) with { Quote = new PostReference(QuotedId) },
        };

        var failure = await Assert.ThrowsAsync<PublishException>(() => Publisher(server).PublishAsync(Office, retweet, TestContext.Current.CancellationToken));

        Assert.Equal(PublishFailureKind.Refused, failure.Kind);
        Assert.StartsWith("A repost only shares another post", failure.Message, StringComparison.Ordinal);
        Assert.Empty(server.Recorded);
    }

    [Fact]
    public async Task A_retweet_of_something_that_is_not_an_x_post_is_refused_before_anything_is_sent()
    {
        await using var server = await StartAsync();

        var failure = await Assert.ThrowsAsync<PublishException>(() => Publisher(server).PublishAsync(Office, Retweet("at://did:plc:abc/app.bsky.feed.post/3k"), TestContext.Current.CancellationToken));

        Assert.Equal(PublishFailureKind.Refused, failure.Kind);
        Assert.Empty(server.Recorded);
    }

    [Fact]
    public async Task Deleting_a_retweet_undoes_it_by_the_source_posts_id_and_undoing_it_again_succeeds()
    {
        await using var server = await StartAsync();
        var publisher = Publisher(server);
        var published = await publisher.PublishAsync(Office, Retweet(QuotedId), TestContext.Current.CancellationToken);

        await publisher.DeleteAsync(Office, published.RemoteId, TestContext.Current.CancellationToken);
        await publisher.DeleteAsync(Office, published.RemoteId, TestContext.Current.CancellationToken);

        Assert.Empty(server.Retweets);
        var deletes = server.Recorded.Where(request => request.Method == "DELETE").ToList();
        Assert.Equal(2, deletes.Count);
        Assert.All(deletes, delete => Assert.Equal($"/2/users/{FakeXServer.OfficeUserId}/retweets/{QuotedId}", delete.PathAndQuery));
        Assert.Equal("Bearer " + FakeXServer.UserToken, deletes[0].Headers["Authorization"]);
        Assert.DoesNotContain(server.Recorded, request => request.PathAndQuery.StartsWith("/2/tweets/", StringComparison.Ordinal));
    }

    private async Task<FakeXServer> StartAsync()
    {
        var server = await FakeXServer.StartAsync();
        server.Clock = _time;
        return server;
    }

    private XPublisher Publisher(FakeXServer server, TimeSpan? timeout = null) =>
        new(new HttpClient(), Options.Create(new XOptions { ApiUrl = server.Url, RequestTimeout = timeout ?? TimeSpan.FromSeconds(10) }), _time);

    private OutgoingPost Post(string text) => new()
    {
        Text = text,
        RequestKey = "pressdeckpost0001",
        CreatedAt = _time.GetUtcNow().UtcDateTime,
    };

    private OutgoingPost Retweet(string remoteId) => Post("") with { RepostOf = new PostReference(remoteId) };

    private static OutgoingImage Image(string altText) => new(new byte[] { 0xFF, 0xD8, 0xFF, 0xD9 }, "image/jpeg", 100, 100, altText);

    /// <summary>The post as PressDeck's reader would archive it when X delivers it (the stream or a lookup), with its author.</summary>
    private static Post IngestedCopy(JsonObject stored)
    {
        var document = new JsonObject
        {
            ["data"] = stored.DeepClone(),
            ["includes"] = new JsonObject { ["users"] = new JsonArray(new JsonObject { ["id"] = FakeXServer.OfficeUserId, ["username"] = FakeXServer.OfficeUsername, ["name"] = "Press Office" }) },
        };
        Assert.True(XTweetReader.TryRead(Encoding.UTF8.GetBytes(document.ToJsonString()), out var result, out var error), error);
        return Assert.Single(result!.Posts);
    }

    /// <summary>The parts of a multipart body: a file's content in hexadecimal, a field's as text.</summary>
    private static async Task<List<(string Name, string? FileName, string? ContentType, string Content)>> FormFieldsAsync(XRecordedRequest request)
    {
        var boundary = HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(request.Headers["Content-Type"]).Boundary).Value!;
        var reader = new MultipartReader(boundary, new MemoryStream(request.Body));
        var fields = new List<(string, string?, string?, string)>();
        while (await reader.ReadNextSectionAsync(TestContext.Current.CancellationToken) is { } section)
        {
            var disposition = ContentDispositionHeaderValue.Parse(section.ContentDisposition);
            using var content = new MemoryStream();
            await section.Body.CopyToAsync(content, TestContext.Current.CancellationToken);
            var fileName = HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
            var text = fileName is null ? Encoding.UTF8.GetString(content.ToArray()) : Convert.ToHexString(content.ToArray());
            fields.Add((HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "", fileName, section.ContentType, text));
        }

        return fields;
    }
}

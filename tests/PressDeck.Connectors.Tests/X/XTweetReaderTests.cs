using System.Text;
using PressDeck.Connectors.X;
using PressDeck.Core.Posts;
using PressDeck.Testing;

namespace PressDeck.Connectors.Tests.X;

[Trait("Issue", "4")]
public sealed class XTweetReaderTests
{
    [Fact]
    public void A_reply_has_its_author_mentions_expanded_link_language_time_and_address()
    {
        var result = Read(File.ReadAllText(SharedFixtures.PathOf("x/docs_examples/data_dictionary_tweet_reply_with_includes.json")));

        var post = Assert.Single(result.Posts);
        Assert.Equal(Network.X, post.Network);
        Assert.Equal("1296887316556980230", post.RemoteId);
        Assert.StartsWith("See how @PennMedCDH are using Twitter data", post.Text, StringComparison.Ordinal);
        Assert.Equal(new Author("TwitterDev", "Twitter Dev", "https://pbs.twimg.com/profile_images/1283786620521652229/lEODkLTh_normal.jpg"), post.Author);
        Assert.Equal(["PennMedCDH"], post.Mentions);
        Assert.Equal(["https://developer.twitter.com/en/use-cases/success-stories/penn"], post.Links);
        Assert.Equal(["en"], post.Languages);
        Assert.Equal(new DateTime(2020, 8, 21, 19, 10, 5, DateTimeKind.Utc), post.CreatedAt);
        Assert.Equal(PostKind.Reply, post.Kind);
        Assert.Equal("TwitterDev", post.ReplyToHandle);
        Assert.Equal("https://x.com/TwitterDev/status/1296887316556980230", post.Url);
        Assert.Null(post.EditedAt);
        Assert.Empty(result.Refusals);
    }

    [Fact]
    public void A_link_with_an_unwound_address_is_the_final_page_and_the_hashtags_of_includes_are_not_the_posts()
    {
        var result = Read(File.ReadAllText(SharedFixtures.PathOf("x/docs_examples/data_dictionary_tweet_with_fields_and_includes.json")));

        var post = Assert.Single(result.Posts);
        Assert.Equal(["https://dev.to/twitterdev/understanding-the-new-tweet-payload-in-the-twitter-api-v2-1fg5"], post.Links);
        Assert.Empty(post.Hashtags);
        Assert.Equal("TwitterDev", post.ReplyToHandle);
        Assert.True(post.IsReply);
    }

    [Fact]
    public void A_recorded_search_page_gives_every_post_with_its_author_and_the_meta_for_polling()
    {
        var result = Read(File.ReadAllText(SharedFixtures.PathOf("x/docs_examples/search_recent_with_expansions.json")));

        Assert.Equal(["1271111223220809728", "1270799243071062016", "1270417572001976322"], result.Posts.Select(post => post.RemoteId));
        Assert.All(result.Posts, post => Assert.Equal(new Author("XDevelopers", "X Developers"), post.Author));
        Assert.Equal(new DateTime(2020, 6, 11, 16, 5, 6, DateTimeKind.Utc), result.Posts[0].CreatedAt);
        Assert.Equal(new XMeta("1271111223220809728", "1270417572001976322", 3, null), result.Meta);
    }

    [Fact]
    public void Stream_lines_carry_their_matching_rules_a_post_without_author_is_refused_and_a_disconnect_is_a_notice()
    {
        var lines = SharedFixtures.Lines("x/filtered_stream_sample.ndjson").Select(line => line.TrimEnd('\r')).Where(line => line.Length > 0).ToList();

        var cat = Read(lines[0]);
        var semantic = Read(lines[1]);
        var disconnect = Read(lines[2]);

        var post = Assert.Single(cat.Posts);
        Assert.Equal("Look at this cute cat! 🐱", post.Text);
        Assert.Equal("catperson", post.Author.Handle);
        Assert.Equal("https://x.com/catperson/status/1234567890", post.Url);
        Assert.Equal([new XMatchingRule("1273026480692322304", "cats with images")], cat.MatchingRules);
        Assert.Empty(semantic.Posts);
        Assert.Contains("no author_id", Assert.Single(semantic.Refusals).Reason, StringComparison.Ordinal);
        Assert.Equal("climate-semantic", Assert.Single(semantic.MatchingRules).Tag);
        Assert.True(disconnect.IsDisconnectNotice);
        Assert.Equal("UpstreamOperationalDisconnect", Assert.Single(disconnect.Problems).Kind);
    }

    [Fact]
    public void Recorded_responses_without_expansions_are_refused_post_by_post_with_the_reason()
    {
        var result = Read(FakeXServer.RecordedBody("x/search_recent.json"));

        Assert.Empty(result.Posts);
        Assert.Equal(10, result.Refusals.Count);
        Assert.Equal("1578516068309794817", result.Refusals[0].TweetId);
        Assert.All(result.Refusals, refusal => Assert.Contains("expansions=author_id", refusal.Reason, StringComparison.Ordinal));
        Assert.Equal("b26v89c19zqg8o3fpzbn1e0ffhxjiofzw6po136rvbnul", result.Meta?.NextToken);
    }

    [Fact]
    public void Media_come_from_includes_with_their_alt_text()
    {
        var result = Read("""
            {"data":{"id":"1880028106020515841","text":"Minister at the plant https://t.co/a","author_id":"42","created_at":"2026-11-25T10:00:00.000Z",
              "attachments":{"media_keys":["3_1","7_2","16_3","13_1263145212760805376"]},
              "entities":{"urls":[{"start":22,"end":36,"url":"https://t.co/a","expanded_url":"https://x.com/dfe/status/1880028106020515841/photo/1","media_key":"3_1"}]}},
             "includes":{"users":[{"id":"42","username":"dfe","name":"Department for Education"}],
              "media":[{"media_key":"3_1","type":"photo","url":"https://pbs.twimg.com/media/a.jpg","alt_text":"The minister at the factory"},
                       {"media_key":"7_2","type":"video","preview_image_url":"https://pbs.twimg.com/p.jpg","variants":[{"content_type":"video/mp4","bit_rate":256000,"url":"https://video.twimg.com/low.mp4"},{"content_type":"video/mp4","bit_rate":2176000,"url":"https://video.twimg.com/high.mp4"},{"content_type":"application/x-mpegURL","url":"https://video.twimg.com/pl.m3u8"}]},
                       {"media_key":"16_3","type":"animated_gif","variants":[{"content_type":"video/mp4","bit_rate":0,"url":"https://video.twimg.com/g.mp4"}],"alt_text":"  "},
                       {"duration_ms":46947,"type":"video","height":1080,"media_key":"13_1263145212760805376","preview_image_url":"https://pbs.twimg.com/media/EYeX7akWsAIP1_1.jpg","width":1920}]}}
            """);

        var post = Assert.Single(result.Posts);
        Assert.Equal(
            [
                new MediaItem(MediaType.Image, "https://pbs.twimg.com/media/a.jpg", "The minister at the factory"),
                new MediaItem(MediaType.Video, "https://video.twimg.com/high.mp4", null),
                new MediaItem(MediaType.Gif, "https://video.twimg.com/g.mp4", null),
                new MediaItem(MediaType.Video, "https://pbs.twimg.com/media/EYeX7akWsAIP1_1.jpg", null),
            ],
            post.Media);
        Assert.Empty(post.Links);
    }

    [Fact]
    public void A_retweet_is_a_repost_by_the_retweeter_with_the_original_text_entities_and_author()
    {
        var result = Read("""
            {"data":[{"id":"1900000000000000002","text":"RT @dfe: Apprenticeships open today #skills https://t.co/x…","author_id":"7","created_at":"2026-11-25T11:00:00.000Z","lang":"en",
               "referenced_tweets":[{"type":"retweeted","id":"1900000000000000001"}],
               "entities":{"mentions":[{"start":3,"end":7,"username":"dfe","id":"42"}]}}],
             "includes":{"users":[{"id":"7","username":"jo_reporter","name":"Jo"},{"id":"42","username":"dfe","name":"DfE"}],
               "tweets":[{"id":"1900000000000000001","text":"Apprenticeships open today #skills https://t.co/x thanks @ESFA","author_id":"42","lang":"en","created_at":"2026-11-25T10:00:00.000Z",
                 "entities":{"hashtags":[{"start":27,"end":34,"tag":"skills"}],"mentions":[{"start":58,"end":63,"username":"ESFA"}],"urls":[{"start":35,"end":48,"url":"https://t.co/x","expanded_url":"https://www.gov.uk/apprenticeships"}]}}]}}
            """);

        var post = Assert.Single(result.Posts);
        Assert.Equal(PostKind.Repost, post.Kind);
        Assert.Equal("1900000000000000002", post.RemoteId);
        Assert.Equal("jo_reporter", post.Author.Handle);
        Assert.Equal("dfe", post.RepostOfHandle);
        Assert.Equal("Apprenticeships open today #skills https://t.co/x thanks @ESFA", post.Text);
        Assert.Equal(["skills"], post.Hashtags);
        Assert.Equal(["ESFA"], post.Mentions);
        Assert.Equal(["https://www.gov.uk/apprenticeships"], post.Links);
        Assert.Equal("https://x.com/dfe/status/1900000000000000001", post.Url);
        Assert.False(post.IsReply);
    }

    [Fact]
    public void A_retweet_without_the_original_keeps_the_truncated_text_without_its_wrapper_and_the_wrapper_is_no_mention()
    {
        var result = Read("""
            {"data":{"id":"1578505292156764160","text":"RT @NewYorker: Watch a live discussion with @hasanminhaj at the #NewYorkerFest.","author_id":"9","edit_history_tweet_ids":["1578505292156764160"],
              "entities":{"mentions":[{"start":3,"end":13,"username":"NewYorker"},{"start":44,"end":56,"username":"hasanminhaj"}],"hashtags":[{"start":64,"end":78,"tag":"NewYorkerFest"}]}}}
            """);

        var post = Assert.Single(result.Posts);
        Assert.Equal(PostKind.Repost, post.Kind);
        Assert.Equal("NewYorker", post.RepostOfHandle);
        Assert.Equal("Watch a live discussion with @hasanminhaj at the #NewYorkerFest.", post.Text);
        Assert.Equal(["hasanminhaj"], post.Mentions);
        Assert.Equal(["NewYorkerFest"], post.Hashtags);
        Assert.Equal(new DateTime(2022, 10, 7, 21, 59, 23, 517, DateTimeKind.Utc), post.CreatedAt);
    }

    [Fact]
    public void A_quote_names_the_quoted_posts_first_version_and_a_reply_that_quotes_is_both()
    {
        var result = Read("""
            {"data":[{"id":"1900000000000000010","text":"Not true, see our statement","author_id":"42","created_at":"2026-11-25T12:00:00.000Z","referenced_tweets":[{"type":"quoted","id":"1900000000000000009"}]},
                     {"id":"1900000000000000011","text":"@jo_reporter and this","author_id":"42","created_at":"2026-11-25T12:01:00.000Z","in_reply_to_user_id":"7","referenced_tweets":[{"type":"replied_to","id":"1900000000000000008"},{"type":"quoted","id":"1900000000000000012"}]}],
             "includes":{"users":[{"id":"42","username":"dfe","name":"DfE"},{"id":"7","username":"jo_reporter","name":"Jo"}],
                         "tweets":[{"id":"1900000000000000009","text":"edited claim","author_id":"7","edit_history_tweet_ids":["1900000000000000005","1900000000000000009"]}]}}
            """);

        Assert.Equal(PostKind.Quote, result.Posts[0].Kind);
        Assert.Equal("1900000000000000005", result.Posts[0].QuoteOfId);
        Assert.Equal("1900000000000000012", result.Posts[1].QuoteOfId);
        Assert.Equal("jo_reporter", result.Posts[1].ReplyToHandle);
        Assert.True(result.Posts[1].IsReply);
        Assert.True(result.Posts[1].IsQuote);
    }

    [Fact]
    public void A_long_post_has_the_full_text_and_entities_of_its_note_tweet()
    {
        var full = "Statement on the skills bill. " + new string('x', 300) + " #SkillsBill";
        var result = Read("""
            {"data":{"id":"1900000000000000020","text":"Statement on the skills bill. xxx…","author_id":"42","created_at":"2026-11-25T12:00:00.000Z",
              "note_tweet":{"text":"FULL","entities":{"hashtags":[{"start":331,"end":342,"tag":"SkillsBill"}]}}},
             "includes":{"users":[{"id":"42","username":"dfe","name":"DfE"}]}}
            """.Replace("FULL", full, StringComparison.Ordinal));

        var post = Assert.Single(result.Posts);
        Assert.Equal(full, post.Text);
        Assert.Equal(["SkillsBill"], post.Hashtags);
    }

    [Fact]
    public void An_edit_keeps_the_first_versions_id_so_it_replaces_the_post_and_says_when_it_was_edited()
    {
        const string Original = """
            {"data":{"id":"1900000000000000030","text":"Figures out at 10","author_id":"42","created_at":"2026-11-25T09:00:00.000Z","edit_history_tweet_ids":["1900000000000000030"]},"includes":{"users":[{"id":"42","username":"dfe","name":"DfE"}]}}
            """;
        const string Edited = """
            {"data":{"id":"1900000000000000031","text":"Figures out at 11","author_id":"42","created_at":"2026-11-25T09:05:00.000Z","edit_history_tweet_ids":["1900000000000000030","1900000000000000031"]},"includes":{"users":[{"id":"42","username":"dfe","name":"DfE"}]}}
            """;

        var first = Assert.Single(Read(Original).Posts);
        var second = Assert.Single(Read(Edited).Posts);

        Assert.Equal(first.RemoteId, second.RemoteId);
        Assert.Null(first.EditedAt);
        Assert.Equal(new DateTime(2026, 11, 25, 9, 5, 0, DateTimeKind.Utc), second.EditedAt);
        Assert.Equal(XTweetReader.SnowflakeTime("1900000000000000030"), second.CreatedAt);
        Assert.Equal("Figures out at 11", second.Text);
        Assert.Equal("https://x.com/dfe/status/1900000000000000031", second.Url);
    }

    [Fact]
    public void Partial_errors_are_reported_beside_the_posts_and_do_not_fail_the_batch()
    {
        var result = Read("""
            {"data":[{"id":"123","text":"Hello","author_id":"42","created_at":"2026-11-25T09:00:00.000Z"}],
             "includes":{"users":[{"id":"42","username":"dfe","name":"DfE"}]},
             "errors":[{"resource_id":"456","resource_type":"tweet","title":"Not Found Error","detail":"Could not find tweet with id: [456].","type":"https://api.x.com/2/problems/resource-not-found"}]}
            """);

        Assert.Equal("Hello", Assert.Single(result.Posts).Text);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("resource-not-found", problem.Type);
        Assert.Equal("456", problem.ResourceId);
        Assert.Equal("Not Found Error: Could not find tweet with id: [456].", problem.Describe());
    }

    [Fact]
    public void The_languages_that_name_no_language_are_left_out()
    {
        var result = Read("""
            {"data":[{"id":"1900000000000000040","text":"🎉","author_id":"42","created_at":"2026-11-25T09:00:00.000Z","lang":"zxx"},
                     {"id":"1900000000000000041","text":"#a","author_id":"42","created_at":"2026-11-25T09:00:00.000Z","lang":"qht"},
                     {"id":"1900000000000000042","text":"bonjour","author_id":"42","created_at":"2026-11-25T09:00:00.000Z","lang":"fr"}]}
            """);

        Assert.Equal([[], [], ["fr"]], result.Posts.Select(post => post.Languages.ToArray()));
        Assert.All(result.Posts, post => Assert.Equal(new Author("42", "42"), post.Author));
        Assert.All(result.Posts, post => Assert.StartsWith("https://x.com/i/web/status/", post.Url, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{\"data\": nope", "malformed JSON")]
    [InlineData("[{\"id\":\"1\"}]", "the payload is not a JSON object")]
    [InlineData("", "malformed JSON")]
    public void A_payload_that_is_not_a_response_is_refused_with_the_reason(string payload, string reason)
    {
        Assert.False(XTweetReader.TryRead(Encoding.UTF8.GetBytes(payload), out var result, out var error));

        Assert.Null(result);
        Assert.StartsWith(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_UTF8_and_oversized_payloads_are_refused()
    {
        var oversized = new byte[XTweetReader.MaxDocumentBytes + 1];

        Assert.False(XTweetReader.TryRead(new byte[] { (byte)'{', 0xFF, (byte)'}' }, out _, out var utf8Error));
        Assert.False(XTweetReader.TryRead(oversized, out _, out var sizeError));

        Assert.Equal("the payload is not valid UTF-8", utf8Error);
        Assert.Contains("more than the 16,777,216 allowed", sizeError, StringComparison.Ordinal);
    }

    [Fact]
    public void Posts_missing_what_a_post_needs_are_refused_one_by_one()
    {
        var result = Read("""
            {"data":[{"text":"no id"},{"id":"1900000000000000050","author_id":"1"},"a string",{"id":"12","text":"old id, no time","author_id":"1"},{"id":"1900000000000000051","text":"fine","author_id":"1"}]}
            """);

        Assert.Equal(["1900000000000000051"], result.Posts.Select(post => post.RemoteId));
        Assert.Equal(
            [(1, "the post has no id"), (2, "post 1900000000000000050 has no text"), (3, "the post is not a JSON object"), (4, "post 12 has no created_at")],
            result.Refusals.Select(refusal => (refusal.Index, refusal.Reason)));
    }

    [Fact]
    public void The_three_error_shapes_become_clear_messages()
    {
        var examples = System.Text.Json.JsonDocument.Parse(File.ReadAllText(SharedFixtures.PathOf("x/docs_examples/errors_examples.json"))).RootElement;

        var tooMany = Assert.Single(XProblem.ReadAll(examples.GetProperty("too_many_connections")));
        var invalid = Assert.Single(XProblem.ReadAll(examples.GetProperty("problem_invalid_request")));
        var legacy = Assert.Single(XProblem.ReadAll(Encoding.UTF8.GetBytes("""{"errors":[{"code":88,"message":"Rate limit exceeded"}]}""")));
        var both = XProblem.ReadAll(Encoding.UTF8.GetBytes("""{"errors":[{"parameters":{"ids":["x"]},"message":"The `ids` query parameter value [x] is not valid"}],"title":"Invalid Request","detail":"One or more parameters to your request was invalid.","type":"https://api.twitter.com/2/problems/invalid-request","status":400}"""));

        Assert.Equal("ConnectionException: This stream is currently at the maximum allowed connection limit. (TooManyConnections)", tooMany.Describe());
        Assert.Equal("streaming-connection", tooMany.Type);
        Assert.Equal("Invalid Request: The 'query' parameter is required.", invalid.Describe());
        Assert.Equal(88, legacy.Code);
        Assert.Equal("error 88: Rate limit exceeded", legacy.Describe());
        Assert.Equal(["Invalid Request: One or more parameters to your request was invalid.", "an error: The `ids` query parameter value [x] is not valid"], both.Select(problem => problem.Describe()));
    }

    private static XReadResult Read(string json)
    {
        Assert.True(XTweetReader.TryRead(Encoding.UTF8.GetBytes(json), out var result, out var error), error);
        return result!;
    }
}

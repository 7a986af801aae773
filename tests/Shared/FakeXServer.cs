using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace PressDeck.Testing;

/// <summary>
/// The X API v2 on 127.0.0.1, serving the recorded payloads in shared/fixtures/x: the filtered stream (the stream
/// sample's lines, then the documentation's posts with includes as stream objects, with a keep-alive after each
/// line and every <see cref="KeepAliveInterval"/>; a line once delivered is not delivered again, as on X), the stream
/// rules (stateful, with X's duplicate and cap problems), recent search with <c>next_token</c> paging and
/// <c>since_id</c>, conversation search, mentions, lookups and <c>users/me</c>. Faults are scripted per stream
/// connection (<see cref="Then"/>) and per REST request (<see cref="FailNext"/>, or per route with <see cref="Script"/>).
/// Publishing as the office's account (<see cref="OfficeUserId"/>, with <see cref="UserToken"/>): media upload and alt
/// text, <c>POST /2/tweets</c> (kept as X keeps it: links shortened to t.co, a t.co link for attached media, &amp; &lt;
/// &gt; escaped, duplicates refused with 403), the account's timeline <c>/2/users/:id/tweets</c> and <c>DELETE
/// /2/tweets/:id</c>, answered with the shapes and headers of the recorded create-and-delete; retweets with <c>POST
/// /2/users/:id/retweets</c> (<c>{"data":{"retweeted":true,"rest_id":…}}</c>; a second retweet of the same post answers
/// the same, or 403 "already retweeted" with <see cref="RefuseRepeatedRetweets"/>) and <c>DELETE
/// /2/users/:id/retweets/:source_tweet_id</c> (<c>{"data":{"retweeted":false}}</c>). Every request is
/// recorded whole in <see cref="Recorded"/>.
/// Lists (protocols.md 3.8): the recorded owned lists of @Twitter (users_owned_lists.json, with list_get.json's list and
/// list_members.json's members) and the documentation's list lookup, lists the office creates with <c>POST /2/lists</c>
/// (names of 1–25 characters, descriptions of up to 100), their members put on and taken off, and user lookup by
/// username. Pages hold <see cref="ListPageSize"/> items with an opaque <c>next_token</c>; a list or user X does not
/// know is answered 200 with a <c>resource-not-found</c> problem, as X answers it.
/// </summary>
internal sealed class FakeXServer : IAsyncDisposable
{
    public const string BearerToken = "app-bearer-token";

    public const string UserToken = "office-user-token";

    /// <summary>The office's account: the recorded <c>users/me</c>.</summary>
    public const string OfficeUserId = "1072250532645998596";

    public const string OfficeUsername = "TweepyDev";

    /// <summary>What X answers to a second post with the same text (protocols.md 3.6).</summary>
    public const string DuplicateDetail = "You are not allowed to create a Tweet with duplicate content.";

    private const long SnowflakeEpochMilliseconds = 1288834974657;

    private readonly ConcurrentQueue<XStreamScript> _scripts = new();
    private readonly ConcurrentQueue<(int Status, int? RetryAfterSeconds, long? ResetEpochSeconds)> _restFaults = new();
    private readonly Lock _rulesLock = new();
    private readonly List<(string Id, string Value, string? Tag)> _rules = [];
    private readonly Dictionary<string, JsonObject> _tweets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject> _users = new(StringComparer.Ordinal);
    private readonly List<JsonObject> _searchRecording;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<XRestScript>> _routeScripts = new(StringComparer.Ordinal);
    private readonly Lock _publishingLock = new();
    private readonly List<JsonObject> _ownTweets = [];
    private readonly Dictionary<string, string> _sentTexts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _retweetIdsBySource = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string MediaType, long Size, string? AltText)> _media = new(StringComparer.Ordinal);
    private readonly JsonArray _recordedCreateAndDelete;
    private long _nextMediaId = 1880028106020515840;
    private readonly Lock _listsLock = new();
    private readonly List<JsonObject> _lists = [];
    private readonly Dictionary<string, List<string>> _listMembers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject> _listUsers = new(StringComparer.Ordinal);
    private long _nextListId = 1_900_000_000_000_000_000;
    private long _lastTweetId;
    private int _nextShortLink;
    private long _nextRuleId = 1_500_000_000_000_000_000;
    private int _streamPosition;
    private WebApplication? _app;

    private FakeXServer()
    {
        StreamLines = [.. SharedFixtures.Lines("x/filtered_stream_sample.ndjson").Select(line => line.TrimEnd('\r')).Where(line => line.Length > 0)];
        foreach (var name in new[] { "data_dictionary_tweet_reply_with_includes.json", "data_dictionary_tweet_with_fields_and_includes.json", "search_recent_with_expansions.json" })
        {
            var document = JsonNode.Parse(File.ReadAllText(SharedFixtures.PathOf("x/docs_examples/" + name)))!.AsObject();
            foreach (var user in document["includes"]?["users"]?.AsArray() ?? [])
            {
                _users[(string)user!["id"]!] = user.AsObject();
            }

            foreach (var tweet in (document["data"]?.AsArray() ?? []).Concat(document["includes"]?["tweets"]?.AsArray() ?? []))
            {
                _tweets[(string)tweet!["id"]!] = tweet.AsObject();
            }

            if (name.StartsWith("data_dictionary", StringComparison.Ordinal))
            {
                // The documentation's posts, delivered by the stream as X delivers them: one post, its includes, the rule.
                foreach (var tweet in document["data"]!.AsArray())
                {
                    var line = new JsonObject
                    {
                        ["data"] = tweet!.DeepClone(),
                        ["includes"] = document["includes"]!.DeepClone(),
                        ["matching_rules"] = new JsonArray(new JsonObject { ["id"] = "1273026480692322305", ["tag"] = "pressdeck:developers" }),
                    };
                    StreamLines.Add(line.ToJsonString());
                }
            }
        }

        _searchRecording = [.. JsonNode.Parse(File.ReadAllText(SharedFixtures.PathOf("x/docs_examples/search_recent_with_expansions.json")))!["data"]!.AsArray().Select(tweet => tweet!.AsObject())];
        MentionsBody = RecordedBody("x/users_mentions.json");
        _recordedCreateAndDelete = JsonNode.Parse(File.ReadAllText(SharedFixtures.PathOf("x/tweet_create_and_delete.json")))!.AsArray();
        SeedLists();
    }

    public Uri Url { get; private set; } = null!;

    /// <summary>Method, path and query of every request, in order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>The bearer token of every request, in order.</summary>
    public ConcurrentQueue<string> Tokens { get; } = new();

    /// <summary>Every request whole (method, path and query, headers, body), in order.</summary>
    public ConcurrentQueue<XRecordedRequest> Recorded { get; } = new();

    /// <summary>The clock of the posts the office publishes (their ids are snowflakes of it, as on X).</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>The office's posts as X keeps them, oldest first.</summary>
    public IReadOnlyList<JsonObject> OwnTweets
    {
        get
        {
            lock (_publishingLock)
            {
                return [.. _ownTweets.Select(tweet => tweet.DeepClone().AsObject())];
            }
        }
    }

    /// <summary>The alt text of each uploaded media id (null until <c>/2/media/metadata</c> sets it).</summary>
    public IReadOnlyDictionary<string, string?> MediaAltTexts
    {
        get
        {
            lock (_publishingLock)
            {
                return _media.ToDictionary(media => media.Key, media => media.Value.AltText, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>The stream's lines, in order (the stream sample first, then the documentation's posts).</summary>
    public List<string> StreamLines { get; }

    /// <summary>How many stream lines have been delivered (written and flushed) so far, over all connections.</summary>
    public int StreamPosition => Volatile.Read(ref _streamPosition);

    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Posts per page of recent search (X's minimum is 10; the recording has 3 posts).</summary>
    public int SearchPageSize { get; set; } = 2;

    /// <summary>The body of every mentions page; by default the recorded tweepy response.</summary>
    public string MentionsBody { get; set; }

    public int MaxRules { get; set; } = 1000;

    /// <summary>The owner of the recorded owned lists (users_owned_lists.json asks for this user's lists).</summary>
    public const string RecordedListOwnerId = "783214";

    /// <summary>The recorded list of list_get.json and list_members.json.</summary>
    public const string RecordedListId = "84839422";

    /// <summary>The most lists or members one page holds (X's is 100; <c>max_results</c> may ask for fewer).</summary>
    public int ListPageSize { get; set; } = 100;

    /// <summary>The member ids of a list, in X's order (most recently added first).</summary>
    public IReadOnlyList<string> ListMembers(string listId)
    {
        lock (_listsLock)
        {
            return _listMembers.TryGetValue(listId, out var members) ? [.. members] : [];
        }
    }

    /// <summary>The lists X knows now, with all their fields.</summary>
    public IReadOnlyList<JsonObject> Lists
    {
        get
        {
            lock (_listsLock)
            {
                return [.. _lists.Select(list => list.DeepClone().AsObject())];
            }
        }
    }

    public IReadOnlyList<(string Id, string Value, string? Tag)> Rules
    {
        get
        {
            lock (_rulesLock)
            {
                return [.. _rules];
            }
        }
    }

    public static string RecordedBody(string cassette) =>
        JsonNode.Parse(File.ReadAllText(SharedFixtures.PathOf(cassette)))![0]!["response"]!["body"]!.ToJsonString();

    public static async Task<FakeXServer> StartAsync()
    {
        var server = new FakeXServer();
        (server._app, server.Url) = await LoopbackWebServer.StartAsync(app =>
        {
            app.Use(server.RecordAndAuthoriseAsync);
            app.MapGet("/2/tweets/search/stream", server.StreamAsync);
            app.MapGet("/2/tweets/search/stream/rules", server.ListRules);
            app.MapPost("/2/tweets/search/stream/rules", (Func<HttpContext, Task<IResult>>)server.ChangeRulesAsync);
            app.MapGet("/2/tweets/search/recent", server.Search);
            app.MapGet("/2/tweets", server.Lookup);
            app.MapGet("/2/tweets/{id}", server.LookupOne);
            app.MapGet("/2/users/{id}/mentions", server.Mentions);
            app.MapGet("/2/users/me", server.Me);
            app.MapPost("/2/media/upload", (Func<HttpContext, Task<IResult>>)server.UploadMediaAsync);
            app.MapPost("/2/media/metadata", (Func<HttpContext, Task<IResult>>)server.DescribeMediaAsync);
            app.MapPost("/2/tweets", (Func<HttpContext, Task<IResult>>)server.CreateTweetAsync);
            app.MapDelete("/2/tweets/{id}", server.DeleteTweet);
            app.MapGet("/2/users/{id}/tweets", server.UserTweets);
            app.MapPost("/2/users/{id}/retweets", (Func<HttpContext, string, Task<IResult>>)server.RetweetAsync);
            app.MapDelete("/2/users/{id}/retweets/{sourceId}", server.UndoRetweet);
            app.MapGet("/2/users/{id}/owned_lists", server.OwnedLists);
            app.MapGet("/2/lists/{id}", server.ListLookup);
            app.MapGet("/2/lists/{id}/members", server.ListMembersPage);
            app.MapPost("/2/lists", (Func<HttpContext, Task<IResult>>)server.CreateListAsync);
            app.MapPost("/2/lists/{id}/members", (Func<HttpContext, string, Task<IResult>>)server.AddListMemberAsync);
            app.MapDelete("/2/lists/{id}/members/{userId}", server.RemoveListMember);
            app.MapGet("/2/users/by/username/{username}", server.UserByUsername);
        });
        return server;
    }

    /// <summary>Scripts the next stream connection (connections without a script deliver everything left and stay open).</summary>
    public void Then(XStreamScript script) => _scripts.Enqueue(script);

    /// <summary>The next request to <paramref name="route"/> (<c>"POST /2/tweets"</c>: method and path without query) follows the script.</summary>
    public void Script(string route, XRestScript script) => _routeScripts.GetOrAdd(route, _ => new ConcurrentQueue<XRestScript>()).Enqueue(script);

    /// <summary>A post of the office's account published outside PressDeck (or earlier), kept as X keeps it.</summary>
    public string AddOwnTweet(string text, DateTimeOffset createdAt)
    {
        lock (_publishingLock)
        {
            return Store(text, createdAt, null, null, []);
        }
    }

    /// <summary>When set, retweeting a post already retweeted is refused with 403 "You have already retweeted this Tweet." instead of answering <c>retweeted: true</c>.</summary>
    public bool RefuseRepeatedRetweets { get; set; }

    /// <summary>The office's retweets now: the retweeted post's id → the retweet's own id.</summary>
    public IReadOnlyDictionary<string, string> Retweets
    {
        get
        {
            lock (_publishingLock)
            {
                return new Dictionary<string, string>(_retweetIdsBySource, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>The next REST request is answered with this status and a problem body (and the rate-limit headers when given).</summary>
    public void FailNext(int status, int? retryAfterSeconds = null, long? resetEpochSeconds = null) => _restFaults.Enqueue((status, retryAfterSeconds, resetEpochSeconds));

    public void AddRule(string value, string? tag)
    {
        lock (_rulesLock)
        {
            _rules.Add(((++_nextRuleId).ToString(CultureInfo.InvariantCulture), value, tag));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private static IResult Problem(int status, string type, string title, string detail) =>
        Results.Json(new { title, detail, type = "https://api.x.com/2/problems/" + type, status }, statusCode: status, contentType: "application/problem+json");

    private async Task RecordAndAuthoriseAsync(HttpContext context, RequestDelegate next)
    {
        Requests.Enqueue($"{context.Request.Method} {context.Request.Path}{context.Request.QueryString}");
        var body = Array.Empty<byte>();
        if (context.Request.Path != "/2/tweets/search/stream")
        {
            context.Request.EnableBuffering();
            using var copy = new MemoryStream();
            await context.Request.Body.CopyToAsync(copy, context.RequestAborted);
            context.Request.Body.Position = 0;
            body = copy.ToArray();
        }

        Recorded.Enqueue(new XRecordedRequest(
            context.Request.Method,
            $"{context.Request.Path}{context.Request.QueryString}",
            context.Request.Headers.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body));
        var authorization = context.Request.Headers.Authorization.ToString();
        var token = authorization.StartsWith("Bearer ", StringComparison.Ordinal) ? authorization["Bearer ".Length..] : "";
        Tokens.Enqueue(token);
        if (token is not (BearerToken or UserToken))
        {
            context.Response.StatusCode = 401;
            await context.Response.WriteAsJsonAsync(new { title = "Unauthorized", type = "about:blank", status = 401, detail = "Unauthorized" });
            return;
        }

        if (_routeScripts.TryGetValue($"{context.Request.Method} {context.Request.Path}", out var scripts) && scripts.TryDequeue(out var script))
        {
            await FollowAsync(script, context, next);
            return;
        }

        if (context.Request.Path != "/2/tweets/search/stream" && _restFaults.TryDequeue(out var fault))
        {
            SetRateLimitHeaders(context, fault.RetryAfterSeconds, fault.ResetEpochSeconds);
            context.Response.StatusCode = fault.Status;
            if (fault.Status == 429)
            {
                // The legacy shape, which X still sends for rate limits.
                await context.Response.WriteAsJsonAsync(new { errors = new[] { new { code = 88, message = "Rate limit exceeded" } } });
            }
            else
            {
                await context.Response.WriteAsJsonAsync(new { title = "Service Unavailable", detail = "The fake X is failing on purpose.", type = "about:blank", status = fault.Status });
            }

            return;
        }

        await next(context);
    }

    private static async Task FollowAsync(XRestScript script, HttpContext context, RequestDelegate next)
    {
        if (script.DropBeforeHandling)
        {
            // The request arrived whole; the connection ends before X does anything with it.
            context.Abort();
            return;
        }

        if (script.DropAfterHandling || script.HangAfterHandling)
        {
            // X does the work, but its answer never leaves: the body goes nowhere and the connection ends or hangs.
            context.Response.Body = Stream.Null;
            await next(context);
            if (script.HangAfterHandling)
            {
                try
                {
                    await Task.Delay(Timeout.Infinite, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    // The client gave up.
                }
            }

            context.Abort();
            return;
        }

        SetRateLimitHeaders(context, script.RetryAfterSeconds, script.ResetEpochSeconds, script.Remaining);
        context.Response.StatusCode = script.Status ?? 500;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(
            script.Body ?? """{"title":"Service Unavailable","detail":"The fake X is failing on purpose.","type":"about:blank","status":503}""",
            context.RequestAborted);
    }

    private static void SetRateLimitHeaders(HttpContext context, int? retryAfterSeconds, long? resetEpochSeconds)
    {
        if (retryAfterSeconds is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        }

        if (resetEpochSeconds is { } reset)
        {
            context.Response.Headers["x-rate-limit-limit"] = "50";
            context.Response.Headers["x-rate-limit-remaining"] = "0";
            context.Response.Headers["x-rate-limit-reset"] = reset.ToString(CultureInfo.InvariantCulture);
        }
    }

    private static void SetRateLimitHeaders(HttpContext context, int? retryAfterSeconds, long? resetEpochSeconds, string? remaining)
    {
        SetRateLimitHeaders(context, retryAfterSeconds, resetEpochSeconds);
        if (remaining is not null)
        {
            context.Response.Headers["x-rate-limit-remaining"] = remaining;
        }
    }

    private async Task StreamAsync(HttpContext context)
    {
        _scripts.TryDequeue(out var script);
        script ??= new XStreamScript();
        if (script.Status is { } status)
        {
            SetRateLimitHeaders(context, script.RetryAfterSeconds, script.ResetEpochSeconds);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/problem+json";
            await context.Response.WriteAsync(
                status == 429
                    ? """{"title":"ConnectionException","detail":"This stream is currently at the maximum allowed connection limit.","connection_issue":"TooManyConnections","type":"https://api.x.com/2/problems/streaming-connection"}"""
                    : """{"title":"Service Unavailable","detail":"The fake X stream is failing on purpose.","type":"about:blank","status":503}""");
            return;
        }

        var stopping = context.RequestAborted;
        context.Response.ContentType = "application/json";
        await context.Response.Body.FlushAsync(stopping);
        var sent = 0;
        try
        {
            while (StreamPosition < StreamLines.Count)
            {
                if (sent == script.GarbageAfter)
                {
                    await WriteAsync(context, "{\"data\": this is not json\r\n\r\n", stopping);
                    await context.Response.Body.WriteAsync(new byte[] { 0xFF, 0xFE, (byte)'{', (byte)'\r', (byte)'\n' }, stopping);
                    await WriteAsync(context, "[1,2,3]\r\n", stopping);
                }

                if (sent == script.DropAfter)
                {
                    // No end of the chunked body: the connection just ends, as a network failure would end it.
                    await Task.Delay(300, stopping);
                    context.Abort();
                    return;
                }

                if (sent == script.HangAfter)
                {
                    await Task.Delay(Timeout.Infinite, stopping);
                    return;
                }

                var line = StreamLines[StreamPosition];
                await WriteAsync(context, line + "\r\n\r\n", stopping);
                Interlocked.Increment(ref _streamPosition);
                sent++;
                if (line.Contains("operational-disconnect", StringComparison.Ordinal))
                {
                    // X ends the connection after the notice.
                    return;
                }
            }

            while (!stopping.IsCancellationRequested)
            {
                await Task.Delay(KeepAliveInterval, stopping);
                await WriteAsync(context, "\r\n", stopping);
            }
        }
        catch (OperationCanceledException)
        {
            // The client went away.
        }
    }

    private static async Task WriteAsync(HttpContext context, string text, CancellationToken cancellationToken)
    {
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
        await context.Response.Body.FlushAsync(cancellationToken);
    }

    private IResult ListRules()
    {
        lock (_rulesLock)
        {
            var meta = new JsonObject { ["sent"] = "2026-11-25T10:00:00.000Z", ["result_count"] = _rules.Count };
            var body = new JsonObject { ["meta"] = meta };
            if (_rules.Count > 0)
            {
                body["data"] = new JsonArray([.. _rules.Select(rule => RuleJson(rule))]);
            }

            return Results.Text(body.ToJsonString(), "application/json");
        }
    }

    private async Task<IResult> ChangeRulesAsync(HttpContext context)
    {
        var dryRun = context.Request.Query["dry_run"] == "true";
        JsonObject request;
        try
        {
            request = (await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted))!.AsObject();
        }
        catch (JsonException exception)
        {
            return Problem(400, "invalid-request", "Invalid Request", exception.Message);
        }

        var errors = new JsonArray();
        var data = new JsonArray();
        var meta = new JsonObject { ["sent"] = "2026-11-25T10:00:00.000Z" };
        lock (_rulesLock)
        {
            var rules = dryRun ? [.. _rules] : _rules;
            if (request["add"] is JsonArray add)
            {
                int created = 0, notCreated = 0;
                foreach (var rule in add)
                {
                    var value = (string?)rule?["value"] ?? "";
                    var tag = (string?)rule?["tag"];
                    if (rules.Exists(existing => existing.Value == value))
                    {
                        var id = rules.Find(existing => existing.Value == value).Id;
                        errors.Add(new JsonObject { ["value"] = value, ["id"] = id, ["title"] = "DuplicateRule", ["type"] = "https://api.x.com/2/problems/duplicate-rules" });
                        notCreated++;
                    }
                    else if (rules.Count >= MaxRules)
                    {
                        errors.Add(new JsonObject { ["value"] = value, ["title"] = "RuleCapExceeded", ["detail"] = $"You cannot create a new rule because you have reached the limit of {MaxRules} rules.", ["type"] = "https://api.x.com/2/problems/rule-cap" });
                        notCreated++;
                    }
                    else
                    {
                        var id = (++_nextRuleId).ToString(CultureInfo.InvariantCulture);
                        rules.Add((id, value, tag));
                        data.Add(RuleJson((id, value, tag)));
                        created++;
                    }
                }

                meta["summary"] = new JsonObject { ["created"] = created, ["not_created"] = notCreated, ["valid"] = created, ["invalid"] = notCreated };
            }
            else if (request["delete"]?["ids"] is JsonArray ids)
            {
                int deleted = 0, notDeleted = 0;
                foreach (var id in ids.Select(id => (string?)id))
                {
                    if (rules.RemoveAll(rule => rule.Id == id) > 0)
                    {
                        deleted++;
                    }
                    else
                    {
                        notDeleted++;
                        errors.Add(new JsonObject { ["value"] = id, ["title"] = "Not Found Error", ["detail"] = $"Could not find rule with id: [{id}].", ["type"] = "https://api.x.com/2/problems/resource-not-found" });
                    }
                }

                meta["summary"] = new JsonObject { ["deleted"] = deleted, ["not_deleted"] = notDeleted };
            }
            else
            {
                return Problem(400, "invalid-request", "Invalid Request", "One of 'add' or 'delete' is required.");
            }
        }

        var body = new JsonObject { ["meta"] = meta };
        if (data.Count > 0)
        {
            body["data"] = data;
        }

        if (errors.Count > 0)
        {
            body["errors"] = errors;
        }

        return Results.Text(body.ToJsonString(), "application/json");
    }

    private static JsonObject RuleJson((string Id, string Value, string? Tag) rule)
    {
        var json = new JsonObject { ["id"] = rule.Id, ["value"] = rule.Value };
        if (rule.Tag is not null)
        {
            json["tag"] = rule.Tag;
        }

        return json;
    }

    private IResult Search(HttpContext context)
    {
        var query = context.Request.Query["query"].ToString();
        if (query.Length == 0)
        {
            return Problem(400, "invalid-request", "Invalid Request", "The 'query' parameter is required.");
        }

        IEnumerable<JsonObject> matches = query.StartsWith("conversation_id:", StringComparison.Ordinal)
            ? _tweets.Values.Where(tweet => (string?)tweet["conversation_id"] == query["conversation_id:".Length..])
            : _searchRecording;
        var sinceId = context.Request.Query["since_id"].ToString();
        var ordered = matches
            .Where(tweet => sinceId.Length == 0 || CompareIds((string)tweet["id"]!, sinceId) > 0)
            .OrderByDescending(tweet => (string)tweet["id"]!, Comparer<string>.Create(CompareIds))
            .ToList();
        var offset = int.TryParse(context.Request.Query["next_token"], CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
        return Page(ordered, offset, SearchPageSize);
    }

    private IResult Page(List<JsonObject> tweets, int offset, int size)
    {
        var page = tweets.Skip(offset).Take(size).ToList();
        var meta = new JsonObject { ["result_count"] = page.Count };
        var body = new JsonObject();
        if (page.Count > 0)
        {
            body["data"] = new JsonArray([.. page.Select(tweet => tweet.DeepClone())]);
            body["includes"] = Includes(page);
            meta["newest_id"] = (string)page[0]["id"]!;
            meta["oldest_id"] = (string)page[^1]["id"]!;
        }

        if (offset + size < tweets.Count)
        {
            meta["next_token"] = (offset + size).ToString(CultureInfo.InvariantCulture);
        }

        body["meta"] = meta;
        return Results.Text(body.ToJsonString(), "application/json");
    }

    private JsonObject Includes(List<JsonObject> tweets)
    {
        var userIds = new HashSet<string>(StringComparer.Ordinal);
        var referenced = new List<JsonObject>();
        foreach (var tweet in tweets)
        {
            AddUser((string?)tweet["author_id"]);
            AddUser((string?)tweet["in_reply_to_user_id"]);
            foreach (var reference in tweet["referenced_tweets"]?.AsArray() ?? [])
            {
                if (_tweets.TryGetValue((string)reference!["id"]!, out var found))
                {
                    referenced.Add(found);
                    AddUser((string?)found["author_id"]);
                }
            }
        }

        var includes = new JsonObject { ["users"] = new JsonArray([.. userIds.Where(_users.ContainsKey).Select(id => _users[id].DeepClone())]) };
        if (referenced.Count > 0)
        {
            includes["tweets"] = new JsonArray([.. referenced.Select(tweet => tweet.DeepClone())]);
        }

        return includes;

        void AddUser(string? id)
        {
            if (id is not null)
            {
                userIds.Add(id);
            }
        }
    }

    /// <summary>One post by id (<c>/2/tweets/:id</c>), as the recordings have it (with its public metrics where recorded).</summary>
    private IResult LookupOne(string id) => _tweets.TryGetValue(id, out var tweet)
        ? Results.Json(new JsonObject { ["data"] = tweet.DeepClone() })
        : Results.Json(new JsonObject
        {
            ["errors"] = new JsonArray(new JsonObject { ["value"] = id, ["detail"] = $"Could not find tweet with id: [{id}].", ["title"] = "Not Found Error", ["type"] = "https://api.twitter.com/2/problems/resource-not-found" }),
        });

    private IResult Lookup(HttpContext context)
    {
        var ids = context.Request.Query["ids"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries);
        var found = ids.Where(_tweets.ContainsKey).Select(id => _tweets[id]).ToList();
        var body = new JsonObject();
        if (found.Count > 0)
        {
            body["data"] = new JsonArray([.. found.Select(tweet => tweet.DeepClone())]);
            body["includes"] = Includes(found);
        }

        var missing = ids.Where(id => !_tweets.ContainsKey(id)).ToList();
        if (missing.Count > 0)
        {
            body["errors"] = new JsonArray([.. missing.Select(id => new JsonObject
            {
                ["value"] = id,
                ["detail"] = $"Could not find tweet with ids: [{id}].",
                ["title"] = "Not Found Error",
                ["resource_type"] = "tweet",
                ["parameter"] = "ids",
                ["resource_id"] = id,
                ["type"] = "https://api.twitter.com/2/problems/resource-not-found",
            })]);
        }

        return Results.Text(body.ToJsonString(), "application/json");
    }

    private IResult Mentions() => Results.Text(MentionsBody, "application/json");

    private IResult Me(HttpContext context) =>
        context.Request.Headers.Authorization.ToString() == "Bearer " + UserToken
            ? Results.Text(RecordedBody("x/users_me.json"), "application/json")
            : Problem(403, "unsupported-authentication", "Unsupported Authentication", "Authenticating with OAuth 2.0 Application-Only is forbidden for this endpoint.  Supported authentication types are [OAuth 1.0a User Context, OAuth 2.0 User Context].");

    private static bool IsOfficeToken(HttpContext context) => context.Request.Headers.Authorization.ToString() == "Bearer " + UserToken;

    private static IResult AppOnlyForbidden() =>
        Problem(403, "unsupported-authentication", "Unsupported Authentication", "Authenticating with OAuth 2.0 Application-Only is forbidden for this endpoint.  Supported authentication types are [OAuth 1.0a User Context, OAuth 2.0 User Context].");

    /// <summary>An answer with the status, headers and body shape of the recorded create (0) or delete (1).</summary>
    private IResult AnswerAsRecorded(HttpContext context, int exchange, JsonObject body)
    {
        var response = _recordedCreateAndDelete[exchange]!["response"]!;
        foreach (var name in new[] { "x-access-level", "x-rate-limit-limit", "x-rate-limit-remaining", "x-rate-limit-reset" })
        {
            context.Response.Headers[name] = (string)response["headers"]![name]!;
        }

        return Results.Text(body.ToJsonString(), "application/json; charset=utf-8", statusCode: (int)response["status"]!);
    }

    private async Task<IResult> UploadMediaAsync(HttpContext context)
    {
        if (!IsOfficeToken(context))
        {
            return AppOnlyForbidden();
        }

        if (!context.Request.HasFormContentType)
        {
            return Problem(400, "invalid-request", "Invalid Request", "The request must be multipart/form-data.");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var file = form.Files.GetFile("media");
        if (file is null || file.Length == 0)
        {
            return Problem(400, "invalid-request", "Invalid Request", "The `media` field is required.");
        }

        if (form["media_category"] != "tweet_image")
        {
            return Problem(400, "invalid-request", "Invalid Request", $"The `media_category` '{form["media_category"]}' is not one of [tweet_image, dm_image, subtitles].");
        }

        var mediaType = form["media_type"].ToString();
        if (mediaType is not ("image/jpeg" or "image/png" or "image/webp" or "image/gif"))
        {
            return Problem(400, "invalid-request", "Invalid Request", $"The `media_type` '{mediaType}' is not supported.");
        }

        if (file.Length > 5 * 1024 * 1024)
        {
            return Problem(400, "invalid-request", "Invalid Request", "File size exceeds 5242880 bytes.");
        }

        string id;
        lock (_publishingLock)
        {
            id = (_nextMediaId++).ToString(CultureInfo.InvariantCulture);
            _media[id] = (mediaType, file.Length, null);
        }

        var data = new JsonObject { ["id"] = id, ["media_key"] = "3_" + id, ["size"] = file.Length, ["expires_after_secs"] = 86400 };
        return Results.Text(new JsonObject { ["data"] = data }.ToJsonString(), "application/json; charset=utf-8");
    }

    private async Task<IResult> DescribeMediaAsync(HttpContext context)
    {
        if (!IsOfficeToken(context))
        {
            return AppOnlyForbidden();
        }

        var request = await ReadJsonAsync(context);
        var id = (string?)request?["id"];
        var text = (string?)request?["metadata"]?["alt_text"]?["text"];
        lock (_publishingLock)
        {
            if (id is null || !_media.TryGetValue(id, out var media))
            {
                return Problem(400, "invalid-request", "Invalid Request", $"Media id '{id}' does not exist.");
            }

            if (text is null || text.Length > 1000)
            {
                return Problem(400, "invalid-request", "Invalid Request", "The alt text must be 1 to 1000 characters.");
            }

            _media[id] = media with { AltText = text };
        }

        var data = new JsonObject { ["id"] = id, ["associated_metadata"] = true, ["alt_text"] = new JsonObject { ["text"] = text } };
        return Results.Text(new JsonObject { ["data"] = data }.ToJsonString(), "application/json; charset=utf-8");
    }

    private async Task<IResult> CreateTweetAsync(HttpContext context)
    {
        if (!IsOfficeToken(context))
        {
            return AppOnlyForbidden();
        }

        var request = await ReadJsonAsync(context);
        if (request is null)
        {
            return Problem(400, "invalid-request", "Invalid Request", "The request body is not a JSON object.");
        }

        var text = (string?)request["text"] ?? "";
        var replyTo = (string?)request["reply"]?["in_reply_to_tweet_id"];
        var quoteOf = (string?)request["quote_tweet_id"];
        var mediaIds = request["media"]?["media_ids"]?.AsArray().Select(id => (string)id!).ToList() ?? [];
        if (mediaIds.Count > 0 && quoteOf is not null)
        {
            return Problem(400, "invalid-request", "Invalid Request", "One or more parameters to your request was invalid: quote_tweet_id and media are mutually exclusive.");
        }

        if (text.Length == 0 && mediaIds.Count == 0)
        {
            return Problem(400, "invalid-request", "Invalid Request", "One or more parameters to your request was invalid: text or media is required.");
        }

        string id;
        string storedText;
        lock (_publishingLock)
        {
            if (mediaIds.Exists(mediaId => !_media.ContainsKey(mediaId)))
            {
                return Problem(400, "invalid-request", "Invalid Request", "Your media IDs are invalid.");
            }

            if (text.Length > 0 && _sentTexts.ContainsValue(text))
            {
                return Results.Json(new { detail = DuplicateDetail, type = "about:blank", title = "Forbidden", status = 403 }, statusCode: 403);
            }

            id = Store(text, Clock.GetUtcNow(), replyTo, quoteOf, mediaIds);
            storedText = (string)_ownTweets[^1]["text"]!;
        }

        return AnswerAsRecorded(context, 0, new JsonObject { ["data"] = new JsonObject { ["id"] = id, ["text"] = storedText } });
    }

    /// <summary>Keeps a post as X does: a snowflake id of the clock, links shortened, a link for its media, &amp; &lt; &gt; escaped.</summary>
    private string Store(string text, DateTimeOffset createdAt, string? replyTo, string? quoteOf, List<string> mediaIds)
    {
        var id = Math.Max(_lastTweetId + 1, (createdAt.ToUnixTimeMilliseconds() - SnowflakeEpochMilliseconds) << 22);
        _lastTweetId = id;
        var idText = id.ToString(CultureInfo.InvariantCulture);
        var stored = Shorten(text, out var urls);
        if (mediaIds.Count > 0)
        {
            var link = NextShortLink();
            urls.Add(new JsonObject
            {
                ["url"] = link,
                ["expanded_url"] = $"https://x.com/{OfficeUsername}/status/{idText}/photo/1",
                ["display_url"] = "pic.x.com/" + link[^10..],
                ["media_key"] = "3_" + mediaIds[0],
            });
            stored = stored.Length == 0 ? link : stored + " " + link;
        }

        var tweet = new JsonObject
        {
            ["id"] = idText,
            ["text"] = stored.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal),
            ["author_id"] = OfficeUserId,
            ["created_at"] = createdAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["edit_history_tweet_ids"] = new JsonArray(idText),
            ["conversation_id"] = idText,
        };
        var references = new JsonArray();
        if (replyTo is not null)
        {
            references.Add(new JsonObject { ["type"] = "replied_to", ["id"] = replyTo });
        }

        if (quoteOf is not null)
        {
            references.Add(new JsonObject { ["type"] = "quoted", ["id"] = quoteOf });
        }

        if (references.Count > 0)
        {
            tweet["referenced_tweets"] = references;
        }

        if (mediaIds.Count > 0)
        {
            tweet["attachments"] = new JsonObject { ["media_keys"] = new JsonArray([.. mediaIds.Select(mediaId => JsonValue.Create("3_" + mediaId))]) };
        }

        if (urls.Count > 0)
        {
            tweet["entities"] = new JsonObject { ["urls"] = new JsonArray([.. urls]) };
        }

        _ownTweets.Add(tweet);
        _sentTexts[idText] = text;
        return idText;
    }

    /// <summary>Every link, with a scheme or a bare domain, becomes a t.co link (the fake's own notion of a link, not PressDeck's).</summary>
    private string Shorten(string text, out List<JsonNode> urls)
    {
        var found = new List<JsonNode>();
        var shortened = Regex.Replace(text, @"https?://[^\s)]+|\b(?:[a-z0-9-]+\.)+(?:com|org|net|uk|eu|io|gov)\b(?:/[^\s)]*)?", match =>
        {
            var link = NextShortLink();
            found.Add(new JsonObject { ["url"] = link, ["expanded_url"] = match.Value, ["display_url"] = match.Value.Replace("https://", "", StringComparison.Ordinal) });
            return link;
        });
        urls = found;
        return shortened;
    }

    private string NextShortLink() => "https://t.co/Pd" + (++_nextShortLink).ToString("D8", CultureInfo.InvariantCulture);

    private IResult DeleteTweet(HttpContext context, string id)
    {
        if (!IsOfficeToken(context))
        {
            return AppOnlyForbidden();
        }

        lock (_publishingLock)
        {
            if (_ownTweets.RemoveAll(tweet => (string?)tweet["id"] == id) == 0)
            {
                return Problem(404, "resource-not-found", "Not Found Error", $"Could not find tweet with id: [{id}].");
            }

            _sentTexts.Remove(id);
        }

        return AnswerAsRecorded(context, 1, _recordedCreateAndDelete[1]!["response"]!["body"]!.DeepClone().AsObject());
    }

    private async Task<IResult> RetweetAsync(HttpContext context, string id)
    {
        if (!IsOfficeToken(context))
        {
            return AppOnlyForbidden();
        }

        if (id != OfficeUserId)
        {
            return Problem(403, "client-forbidden", "Forbidden", "You are not permitted to retweet on behalf of this user.");
        }

        if ((await ReadJsonAsync(context))?["tweet_id"] is not JsonValue value || value.GetValueKind() != JsonValueKind.String || (string?)value is not { Length: > 0 } sourceId)
        {
            return Problem(400, "invalid-request", "Invalid Request", "One or more parameters to your request was invalid: tweet_id is required.");
        }

        string retweetId;
        lock (_publishingLock)
        {
            if (_retweetIdsBySource.TryGetValue(sourceId, out var existing))
            {
                if (RefuseRepeatedRetweets)
                {
                    return Results.Json(new { detail = "You have already retweeted this Tweet.", type = "about:blank", title = "Forbidden", status = 403 }, statusCode: 403);
                }

                retweetId = existing;
            }
            else
            {
                var createdAt = Clock.GetUtcNow();
                _lastTweetId = Math.Max(_lastTweetId + 1, (createdAt.ToUnixTimeMilliseconds() - SnowflakeEpochMilliseconds) << 22);
                retweetId = _lastTweetId.ToString(CultureInfo.InvariantCulture);
                _retweetIdsBySource[sourceId] = retweetId;
            }
        }

        return Results.Text(new JsonObject { ["data"] = new JsonObject { ["retweeted"] = true, ["rest_id"] = retweetId } }.ToJsonString(), "application/json; charset=utf-8");
    }

    private IResult UndoRetweet(HttpContext context, string id, string sourceId)
    {
        if (!IsOfficeToken(context))
        {
            return AppOnlyForbidden();
        }

        if (id != OfficeUserId)
        {
            return Problem(403, "client-forbidden", "Forbidden", "You are not permitted to undo retweets on behalf of this user.");
        }

        lock (_publishingLock)
        {
            _retweetIdsBySource.Remove(sourceId);
        }

        // X answers retweeted: false whether or not the post was retweeted.
        return Results.Text(new JsonObject { ["data"] = new JsonObject { ["retweeted"] = false } }.ToJsonString(), "application/json; charset=utf-8");
    }

    /// <summary><c>/2/users/:id/tweets</c>: the account's posts since <c>start_time</c>, newest first, with the fields asked for.</summary>
    private IResult UserTweets(HttpContext context, string id)
    {
        var query = context.Request.Query;
        var maxResults = int.TryParse(query["max_results"], CultureInfo.InvariantCulture, out var max) ? max : 10;
        if (maxResults is < 5 or > 100)
        {
            return Problem(400, "invalid-request", "Invalid Request", $"The `max_results` query parameter value [{maxResults}] is not between 5 and 100");
        }

        DateTimeOffset? startTime = query.ContainsKey("start_time")
            ? DateTimeOffset.Parse(query["start_time"].ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
            : null;
        var fields = query["tweet.fields"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        List<JsonObject> tweets;
        lock (_publishingLock)
        {
            tweets = [.. _ownTweets
                .Where(tweet => (string?)tweet["author_id"] == id)
                .Where(tweet => startTime is null || DateTimeOffset.Parse((string)tweet["created_at"]!, CultureInfo.InvariantCulture) >= startTime)
                .Reverse()
                .Select(tweet => tweet.DeepClone().AsObject())];
        }

        foreach (var tweet in tweets)
        {
            foreach (var name in tweet.Select(property => property.Key).ToList())
            {
                if (name is not ("id" or "text" or "edit_history_tweet_ids") && !fields.Contains(name))
                {
                    tweet.Remove(name);
                }
            }
        }

        var offset = int.TryParse(query["pagination_token"], CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
        var page = tweets.Skip(offset).Take(maxResults).ToList();
        var meta = new JsonObject { ["result_count"] = page.Count };
        var body = new JsonObject();
        if (page.Count > 0)
        {
            body["data"] = new JsonArray([.. page]);
            meta["newest_id"] = (string)page[0]["id"]!;
            meta["oldest_id"] = (string)page[^1]["id"]!;
        }

        if (offset + maxResults < tweets.Count)
        {
            meta["next_token"] = (offset + maxResults).ToString(CultureInfo.InvariantCulture);
        }

        body["meta"] = meta;
        return Results.Text(body.ToJsonString(), "application/json; charset=utf-8");
    }

    private void SeedLists()
    {
        foreach (var list in JsonNode.Parse(RecordedBody("x/users_owned_lists.json"))!["data"]!.AsArray())
        {
            _lists.Add(new JsonObject { ["id"] = (string)list!["id"]!, ["name"] = (string)list["name"]!, ["description"] = "", ["private"] = false, ["owner_id"] = RecordedListOwnerId, ["member_count"] = 0 });
        }

        // The list of list_get.json is one of the owned ones; its recorded members are the first page of list_members.json.
        var recorded = JsonNode.Parse(RecordedBody("x/list_get.json"))!["data"]!.AsObject();
        var members = JsonNode.Parse(RecordedBody("x/list_members.json"))!["data"]!.AsArray().Select(user => user!.AsObject()).ToList();
        foreach (var member in members)
        {
            _listUsers[(string)member["id"]!] = member;
        }

        _listMembers[(string)recorded["id"]!] = [.. members.Select(member => (string)member["id"]!)];
        _lists.Single(list => (string?)list["id"] == (string)recorded["id"]!)["member_count"] = members.Count;
        _listUsers[RecordedListOwnerId] = new JsonObject { ["id"] = RecordedListOwnerId, ["name"] = "Twitter", ["username"] = "Twitter" };
        var me = JsonNode.Parse(RecordedBody("x/users_me.json"))!["data"]!.AsObject();
        _listUsers[(string)me["id"]!] = me;

        // The documentation's list lookup, with every field and its owner.
        var documented = JsonNode.Parse(File.ReadAllText(SharedFixtures.PathOf("x/docs_examples/data_dictionary_list_lookup.json")))!.AsObject();
        _lists.Add(documented["data"]!.DeepClone().AsObject());
        foreach (var user in documented["includes"]!["users"]!.AsArray())
        {
            _listUsers[(string)user!["id"]!] = new JsonObject { ["id"] = (string)user["id"]!, ["name"] = (string)user["name"]!, ["username"] = (string)user["username"]! };
        }
    }

    private static IResult NotFound(string resourceType, string parameter, string value) =>
        Results.Json(new
        {
            errors = new[]
            {
                new
                {
                    value,
                    detail = $"Could not find {resourceType} with {parameter}: [{value}].",
                    title = "Not Found Error",
                    resource_type = resourceType,
                    parameter,
                    resource_id = value,
                    type = "https://api.twitter.com/2/problems/resource-not-found",
                },
            },
        });

    /// <summary>A list with <c>id</c> and <c>name</c> and the <c>list.fields</c> asked for, as X answers it.</summary>
    private static JsonObject ListWithFields(JsonObject list, HttpContext context)
    {
        var fields = context.Request.Query["list.fields"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var answer = new JsonObject { ["id"] = list["id"]!.DeepClone(), ["name"] = list["name"]!.DeepClone() };
        foreach (var field in fields.Where(field => list[field] is not null))
        {
            answer[field] = list[field]!.DeepClone();
        }

        return answer;
    }

    /// <summary>One page of <paramref name="items"/>: <c>max_results</c> (at most <see cref="ListPageSize"/>) from the <c>pagination_token</c>'s offset.</summary>
    private IResult ListPage(HttpContext context, List<JsonObject> items)
    {
        var query = context.Request.Query;
        var size = Math.Min(int.TryParse(query["max_results"], CultureInfo.InvariantCulture, out var max) ? max : 100, ListPageSize);
        if (size is < 1 or > 100)
        {
            return Problem(400, "invalid-request", "Invalid Request", $"The `max_results` query parameter value [{max}] is not between 1 and 100");
        }

        var token = query["pagination_token"].ToString();
        var offset = 0;
        if (token.Length > 0 && !(token.StartsWith("pd7", StringComparison.Ordinal) && int.TryParse(token[3..], CultureInfo.InvariantCulture, out offset)))
        {
            return Problem(400, "invalid-request", "Invalid Request", $"The `pagination_token` query parameter value [{token}] is not valid");
        }

        var page = items.Skip(offset).Take(size).ToList();
        var meta = new JsonObject { ["result_count"] = page.Count };
        if (offset + size < items.Count)
        {
            meta["next_token"] = "pd7" + (offset + size).ToString(CultureInfo.InvariantCulture);
        }

        if (offset > 0)
        {
            meta["previous_token"] = "pd7" + Math.Max(0, offset - size).ToString(CultureInfo.InvariantCulture);
        }

        var body = new JsonObject();
        if (page.Count > 0)
        {
            body["data"] = new JsonArray([.. page]);
        }

        body["meta"] = meta;
        return Results.Text(body.ToJsonString(), "application/json; charset=utf-8");
    }

    private JsonObject? VisibleList(HttpContext context, string id)
    {
        lock (_listsLock)
        {
            var list = _lists.FirstOrDefault(list => (string?)list["id"] == id);

            // Someone else's private list is not found, as on X.
            return list is null || ((bool?)list["private"] == true && !(IsOfficeToken(context) && (string?)list["owner_id"] == OfficeUserId))
                ? null
                : list.DeepClone().AsObject();
        }
    }

    private IResult OwnedLists(HttpContext context, string id)
    {
        List<JsonObject> owned;
        lock (_listsLock)
        {
            owned = [.. _lists.Where(list => (string?)list["owner_id"] == id && ((bool?)list["private"] != true || (IsOfficeToken(context) && id == OfficeUserId))).Select(list => ListWithFields(list, context))];
        }

        return ListPage(context, owned);
    }

    private IResult ListLookup(HttpContext context, string id)
    {
        if (VisibleList(context, id) is not { } list)
        {
            return NotFound("list", "id", id);
        }

        var body = new JsonObject { ["data"] = ListWithFields(list, context) };
        lock (_listsLock)
        {
            if (context.Request.Query["expansions"].ToString().Split(',').Contains("owner_id") && _listUsers.TryGetValue((string)list["owner_id"]!, out var owner))
            {
                body["includes"] = new JsonObject { ["users"] = new JsonArray(owner.DeepClone()) };
            }
        }

        return Results.Text(body.ToJsonString(), "application/json; charset=utf-8");
    }

    private IResult ListMembersPage(HttpContext context, string id)
    {
        if (VisibleList(context, id) is null)
        {
            return NotFound("list", "id", id);
        }

        List<JsonObject> members;
        lock (_listsLock)
        {
            members = [.. (_listMembers.TryGetValue(id, out var ids) ? ids : []).Select(member => _listUsers[member].DeepClone().AsObject())];
        }

        return ListPage(context, members);
    }

    /// <summary><c>POST /2/lists</c> as the office: <c>{"data":{"id","name"}}</c>; a name outside 1–25 characters or a description over 100 is refused with 400.</summary>
    private async Task<IResult> CreateListAsync(HttpContext context)
    {
        if (!IsOfficeToken(context))
        {
            return AppOnlyForbidden();
        }

        var body = await ReadJsonAsync(context);
        var name = body?["name"]?.GetValue<string>() ?? "";
        var description = body?["description"]?.GetValue<string>() ?? "";
        if (name.EnumerateRunes().Count() is < 1 or > 25 || description.EnumerateRunes().Count() > 100)
        {
            return Problem(400, "invalid-request", "Invalid Request", "One or more parameters to your request was invalid.");
        }

        var list = new JsonObject
        {
            ["id"] = Interlocked.Increment(ref _nextListId).ToString(CultureInfo.InvariantCulture),
            ["name"] = name,
            ["description"] = description,
            ["private"] = body?["private"]?.GetValue<bool>() ?? false,
            ["owner_id"] = OfficeUserId,
            ["member_count"] = 0,
            ["created_at"] = Clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        };
        lock (_listsLock)
        {
            _lists.Add(list);
            _listMembers[(string)list["id"]!] = [];
        }

        return Results.Text(new JsonObject { ["data"] = new JsonObject { ["id"] = (string)list["id"]!, ["name"] = name } }.ToJsonString(), "application/json; charset=utf-8");
    }

    /// <summary>The office's own list, or the answer X gives when it is not one (not found, or 403 for someone else's).</summary>
    private IResult? RefuseListChange(HttpContext context, string id)
    {
        if (!IsOfficeToken(context))
        {
            return AppOnlyForbidden();
        }

        lock (_listsLock)
        {
            var list = _lists.FirstOrDefault(list => (string?)list["id"] == id);
            return list is null ? NotFound("list", "id", id)
                : (string?)list["owner_id"] != OfficeUserId ? Problem(403, "client-forbidden", "Forbidden", "You are not allowed to add members to this List.")
                : null;
        }
    }

    /// <summary><c>POST /2/lists/:id/members</c> <c>{"user_id"}</c>: <c>is_member: true</c>, also for one already on the list.</summary>
    private async Task<IResult> AddListMemberAsync(HttpContext context, string id)
    {
        if (RefuseListChange(context, id) is { } refusal)
        {
            return refusal;
        }

        var userId = (await ReadJsonAsync(context))?["user_id"]?.GetValue<string>() ?? "";
        lock (_listsLock)
        {
            if (!_listUsers.ContainsKey(userId))
            {
                return Problem(400, "invalid-request", "Invalid Request", $"The `user_id` parameter value [{userId}] is not a user.");
            }

            var members = _listMembers[id];
            if (!members.Contains(userId))
            {
                members.Insert(0, userId);
                _lists.Single(list => (string?)list["id"] == id)["member_count"] = members.Count;
            }
        }

        return Results.Text("""{"data":{"is_member":true}}""", "application/json; charset=utf-8");
    }

    /// <summary><c>DELETE /2/lists/:id/members/:user_id</c>: <c>is_member: false</c> whether or not the account was on the list.</summary>
    private IResult RemoveListMember(HttpContext context, string id, string userId)
    {
        if (RefuseListChange(context, id) is { } refusal)
        {
            return refusal;
        }

        lock (_listsLock)
        {
            var members = _listMembers[id];
            members.Remove(userId);
            _lists.Single(list => (string?)list["id"] == id)["member_count"] = members.Count;
        }

        return Results.Text("""{"data":{"is_member":false}}""", "application/json; charset=utf-8");
    }

    private IResult UserByUsername(string username)
    {
        lock (_listsLock)
        {
            var user = _listUsers.Values.Concat(_users.Values).FirstOrDefault(user => string.Equals((string?)user["username"], username, StringComparison.OrdinalIgnoreCase));
            return user is null
                ? NotFound("user", "username", username)
                : Results.Text(new JsonObject { ["data"] = new JsonObject { ["id"] = (string)user["id"]!, ["name"] = (string?)user["name"], ["username"] = (string)user["username"]! } }.ToJsonString(), "application/json; charset=utf-8");
        }
    }

    private static async Task<JsonObject?> ReadJsonAsync(HttpContext context)
    {
        try
        {
            return await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static int CompareIds(string? left, string? right) =>
        (left?.Length ?? 0) != (right?.Length ?? 0) ? (left?.Length ?? 0).CompareTo(right?.Length ?? 0) : string.CompareOrdinal(left, right);
}

/// <summary>What one connection to the fake filtered stream does; -1 means never. <see cref="Status"/> refuses the connection.</summary>
internal sealed record XStreamScript(int DropAfter = -1, int GarbageAfter = -1, int HangAfter = -1, int? Status = null, int? RetryAfterSeconds = null, long? ResetEpochSeconds = null);

/// <summary>
/// What the next request to one route does: answer <see cref="Status"/> with <see cref="Body"/> (and rate-limit headers);
/// or end the connection before doing anything (<see cref="DropBeforeHandling"/>), after doing its work without answering
/// (<see cref="DropAfterHandling"/>), or do its work and never answer (<see cref="HangAfterHandling"/>).
/// </summary>
internal sealed record XRestScript(int? Status = null, string? Body = null, bool DropBeforeHandling = false, bool DropAfterHandling = false, bool HangAfterHandling = false, int? RetryAfterSeconds = null, long? ResetEpochSeconds = null, string? Remaining = null);

/// <summary>One request as the fake X received it.</summary>
internal sealed record XRecordedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    public string Path => PathAndQuery.Split('?')[0];
}

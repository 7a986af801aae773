using System.Collections.Concurrent;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace PressDeck.Testing;

/// <summary>
/// A Mastodon server on 127.0.0.1 serving the recorded payloads of shared/fixtures/mastodon: timelines (public, tag,
/// list, home) with <c>max_id</c>/<c>since_id</c>/<c>min_id</c> and <c>Link</c> headers, a status and its context,
/// search, notifications, the token's account, and the streaming API over WebSocket and server-sent events, which
/// replay streaming_ws_sample.jsonl and streaming_sse_sample.txt as a live tail (each event goes out once, to the
/// connection open at the time) followed by whatever is published. Faults are scripted per stream connection
/// (<see cref="Then"/>) and per REST request (<see cref="FailNext"/>, <see cref="HangNext"/>, <see cref="AnswerNext"/>).
/// Publishing works as protocols.md 2.2 and 2.3 describe: images upload to <c>/api/v2/media</c> (processed at once, or
/// after <see cref="MediaProcessingPolls"/> polls answered 206), statuses are created with <c>/api/v1/statuses</c>,
/// deduplicated by <c>Idempotency-Key</c> per token as Mastodon does, boosted with <c>POST /api/v1/statuses/:id/reblog</c>
/// (a second boost of the same status answers the boost that exists, as Mastodon's ReblogService does), and deleted with
/// <c>DELETE /api/v1/statuses/:id</c>, which also undoes a boost.
/// Lists work as protocols.md 2.5 describes: the token owner's lists (the recorded <c>lists_get_mastodon_social.json</c>
/// to begin with) are created, read and deleted; their members are the known accounts (the recorded accounts and the
/// statuses' authors), paged newest first by <c>max_id</c> with a <c>Link</c> header, put on a list only when followed
/// (<c>POST /api/v1/accounts/:id/follow</c>) and refused with 422 when already on it, as Mastodon's ListAccount does.
/// Every REST request is kept whole in <see cref="RecordedRequests"/>.
/// </summary>
internal sealed class FakeMastodonServer : IAsyncDisposable
{
    public const string Token = "fake-mastodon-token";

    private static readonly string[] PublicStream = ["public"];

    private readonly Lock _lock = new();
    private readonly List<(string Id, string Json)> _statuses = [];
    private readonly List<(string Id, string Json)> _notifications = [];
    private readonly List<string> _webSocketEvents;
    private readonly List<string> _serverSentEvents;
    private readonly ConcurrentQueue<StreamScript> _scripts = new();
    private readonly ConcurrentQueue<RestFault> _restFaults = new();
    private readonly string _ownAccount;
    private readonly List<JsonObject> _lists = [];
    private readonly List<(long Position, string ListId, string AccountId)> _listAccounts = [];
    private readonly HashSet<string> _followed = new(StringComparer.Ordinal);
    private readonly string _listTemplate;
    private readonly List<string> _accounts = [];
    private readonly Dictionary<string, string> _statusIdsByIdempotencyKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Json, int PollsLeft)> _media = new(StringComparer.Ordinal);
    private readonly string _mediaTemplate;
    private readonly string[] _localizedTooLong;
    private long _nextCreatedId = 117_600_000_000_000_000;
    private long _nextListId = 100;
    private long _nextListPosition;
    private int _dropNextStatusAnswer;
    private int _webSocketNext;
    private int _serverSentNext;
    private WebApplication? _app;

    private FakeMastodonServer()
    {
        foreach (var file in new[] { "status_get_mastodon_social.json", "status_with_media_mastodon_social.json", "pagination_link_header.json", "status_post_public.json", "notifications_local.json" })
        {
            foreach (var exchange in JsonNode.Parse(File.ReadAllText(SharedFixtures.PathOf("mastodon/" + file)))!.AsArray())
            {
                var method = exchange!["request"]!["method"]!.GetValue<string>();
                var body = exchange["response"]!["body"];
                if (method is "GET" or "POST" && body is JsonObject status && status["uri"] is not null && status["content"] is not null)
                {
                    AddStatus(status.ToJsonString());
                }
                else if (method == "GET" && body is JsonArray list)
                {
                    foreach (var item in list.OfType<JsonObject>().Where(item => item["uri"] is not null && item["content"] is not null))
                    {
                        AddStatus(item.ToJsonString());
                    }
                }
            }
        }

        var notifications = JsonNode.Parse(File.ReadAllText(SharedFixtures.PathOf("mastodon/notifications_list_mastodon_social.json")))!.AsArray()[0]!["response"]!["body"]!.AsArray();
        _notifications.AddRange(notifications.Select(item => (item!["id"]!.GetValue<string>(), item.ToJsonString())));
        var accounts = JsonNode.Parse(File.ReadAllText(SharedFixtures.PathOf("mastodon/account_get_mastodon_social.json")))!.AsArray();
        _accounts.AddRange(accounts.Select(exchange => exchange!["response"]!["body"]!.ToJsonString()));
        _ownAccount = _accounts[1];
        _lists.AddRange(JsonNode.Parse(File.ReadAllText(SharedFixtures.PathOf("mastodon/lists_get_mastodon_social.json")))!.AsArray()[0]!["response"]!["body"]!.AsArray().Select(list => list!.AsObject()));
        _listTemplate = JsonNode.Parse(File.ReadAllText(SharedFixtures.PathOf("mastodon/lists_create_get_delete.json")))!.AsArray()[0]!["response"]!["body"]!.ToJsonString();
        _webSocketEvents = [.. SharedFixtures.Lines("mastodon/streaming_ws_sample.jsonl")];
        _serverSentEvents = [.. SplitServerSentEvents(File.ReadAllText(SharedFixtures.PathOf("mastodon/streaming_sse_sample.txt")))];
        _mediaTemplate = JsonNode.Parse(File.ReadAllText(SharedFixtures.PathOf("mastodon/media_post_v2.json")))!.AsArray()[0]!["response"]!["body"]!.ToJsonString();
        _localizedTooLong = [.. JsonNode.Parse(File.ReadAllText(SharedFixtures.PathOf("mastodon/error_422_status_too_long.json")))!.AsArray()
            .Select(exchange => exchange!["response"]!["body"]!["error"]!.GetValue<string>())];
    }

    public Uri Url { get; private set; } = null!;

    /// <summary>The access token the server accepts (<see cref="Token"/> unless a test sets its own).</summary>
    public string AccessToken { get; set; } = Token;

    /// <summary>Each request as <c>METHOD /path?query</c>, and each WebSocket message received as <c>WS {json}</c>, in order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>When set, the streaming endpoints answer 404 (a server without streaming), forcing the polling fallback.</summary>
    public bool StreamingUnavailable { get; set; }

    /// <summary>The <c>:thump</c> interval of the event stream (Mastodon's is 15 s).</summary>
    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromMilliseconds(200);

    public int StreamConnections { get; private set; }

    /// <summary>When set, the recorded public-stream events are sent as events of this stream (e.g. <c>user</c>).</summary>
    public string? RecordedStreamAs { get; set; }

    public int WebSocketEventCount => _webSocketEvents.Count;

    /// <summary>Every REST request (not the streams) as it came: method, path, query, headers and body.</summary>
    public ConcurrentQueue<RecordedHttpRequest> RecordedRequests { get; } = new();

    /// <summary>Each image received by <c>/api/v2/media</c>: the media id given, the file part and the alt text.</summary>
    public ConcurrentQueue<(string Id, string? FileName, string? ContentType, byte[] Content, string? Description)> MediaUploads { get; } = new();

    /// <summary>The statuses <c>/api/v1/statuses</c> created, once each (a repeated Idempotency-Key creates none).</summary>
    public ConcurrentQueue<string> CreatedStatuses { get; } = new();

    /// <summary>The boosts <c>/api/v1/statuses/:id/reblog</c> made, once each (boosting a boosted status makes none).</summary>
    public ConcurrentQueue<string> CreatedReblogs { get; } = new();

    /// <summary>How many polls of <c>/api/v1/media/:id</c> answer 206 before an uploaded image is ready; 0 answers the upload with 200 at once, more with 202.</summary>
    public int MediaProcessingPolls { get; set; }

    /// <summary>The <c>X-RateLimit-Reset</c> instant sent with every answer; null means five minutes from now.</summary>
    public DateTimeOffset? RateLimitReset { get; set; }

    /// <summary><c>configuration.statuses.max_characters</c> of the instance documents; null leaves the field out.</summary>
    public int? InstanceMaxCharacters { get; set; } = 500;

    /// <summary><c>configuration.statuses.characters_reserved_per_url</c>; null leaves the field out.</summary>
    public int? InstanceCharactersReservedPerUrl { get; set; } = 23;

    /// <summary><c>configuration.statuses.max_media_attachments</c>; null leaves the field out.</summary>
    public int? InstanceMaxMediaAttachments { get; set; } = 4;

    /// <summary>When false, <c>/api/v2/instance</c> answers 404, as a server before Mastodon 4.0 does.</summary>
    public bool HasInstanceV2 { get; set; } = true;

    /// <summary>The clock for the <c>created_at</c> of new statuses.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>The localized 422 answers of error_422_status_too_long.json; a status over 500 characters gets the first.</summary>
    public IReadOnlyList<string> LocalizedTooLongErrors => _localizedTooLong;

    public int ServerSentEventCount => _serverSentEvents.Count;

    /// <summary>The most accounts a page of <c>/api/v1/lists/:id/accounts</c> holds (Mastodon's is 80).</summary>
    public int ListAccountsPageSize { get; set; } = 80;

    /// <summary>The 422 error for an account already on the list; Mastodon's English by default (it is in the account's language).</summary>
    public string AlreadyOnListError { get; set; } = "Validation failed: Account has already been taken";

    /// <summary>The ids of the accounts the token owner follows.</summary>
    public IReadOnlyCollection<string> Followed
    {
        get
        {
            lock (_lock)
            {
                return [.. _followed];
            }
        }
    }

    /// <summary>The token owner's lists now, as <c>/api/v1/lists</c> answers them.</summary>
    public IReadOnlyList<JsonObject> Lists
    {
        get
        {
            lock (_lock)
            {
                return [.. _lists.Select(list => list.DeepClone().AsObject())];
            }
        }
    }

    /// <summary>The ids of the accounts on a list, newest member first.</summary>
    public IReadOnlyList<string> ListMembers(string listId)
    {
        lock (_lock)
        {
            return [.. _listAccounts.Where(item => item.ListId == listId).OrderByDescending(item => item.Position).Select(item => item.AccountId)];
        }
    }

    /// <summary>The known accounts (recorded accounts, then the statuses' authors), once each, as JSON.</summary>
    public IReadOnlyList<string> KnownAccounts
    {
        get
        {
            var accounts = new List<string>(_accounts);
            foreach (var status in Statuses())
            {
                if (JsonNode.Parse(status.Json)!["account"] is JsonObject account)
                {
                    accounts.Add(account.ToJsonString());
                }
            }

            return [.. accounts.DistinctBy(json => JsonDocument.Parse(json).RootElement.GetProperty("id").GetString())];
        }
    }

    /// <summary>Follows the accounts and puts them on the list, as if done earlier in Mastodon's web app.</summary>
    public void PutOnList(string listId, params string[] accountIds)
    {
        lock (_lock)
        {
            foreach (var accountId in accountIds)
            {
                _followed.Add(accountId);
                _listAccounts.Add((++_nextListPosition, listId, accountId));
            }
        }
    }

    public static async Task<FakeMastodonServer> StartAsync()
    {
        var server = new FakeMastodonServer();
        (server._app, server.Url) = await LoopbackWebServer.StartAsync(app =>
        {
            app.UseWebSockets();
            app.Use(server.RecordAndFailAsync);
            app.MapGet("/api/v1/timelines/public", context => server.TimelineAsync(context, _ => true, false));
            app.MapGet("/api/v1/timelines/tag/{tag}", context => server.TimelineAsync(context, status => HasTag(status, (string)context.Request.RouteValues["tag"]!), false));
            app.MapGet("/api/v1/timelines/list/{id}", context => server.TimelineAsync(context, _ => true, true));
            app.MapGet("/api/v1/timelines/home", context => server.TimelineAsync(context, _ => true, true));
            app.MapGet("/api/v1/statuses/{id}", server.StatusAsync);
            app.MapPost("/api/v1/statuses", server.CreateStatusAsync);
            app.MapDelete("/api/v1/statuses/{id}", server.DeleteStatusAsync);
            app.MapPost("/api/v1/statuses/{id}/reblog", server.ReblogAsync);
            app.MapGet("/api/v2/instance", context => server.InstanceAsync(context, isV2: true));
            app.MapGet("/api/v1/instance", context => server.InstanceAsync(context, isV2: false));
            app.MapPost("/api/v2/media", server.UploadMediaAsync);
            app.MapGet("/api/v1/media/{id}", server.MediaAsync);
            app.MapGet("/api/v1/statuses/{id}/context", server.ContextAsync);
            app.MapGet("/api/v2/search", server.SearchAsync);
            app.MapGet("/api/v1/notifications", server.NotificationsAsync);
            app.MapGet("/api/v1/accounts/verify_credentials", context => server.Authorized(context) ? JsonAsync(context, 200, server._ownAccount) : UnauthorizedAsync(context));
            app.MapGet("/api/v1/accounts/lookup", server.LookupAsync);
            app.MapGet("/api/v1/lists", context => server.Authorized(context) ? JsonAsync(context, 200, server.ListsJson(_ => true)) : UnauthorizedAsync(context));
            app.MapPost("/api/v1/lists", server.CreateListAsync);
            app.MapGet("/api/v1/lists/{id}", server.ListAsync);
            app.MapDelete("/api/v1/lists/{id}", server.DeleteListAsync);
            app.MapGet("/api/v1/lists/{id}/accounts", server.ListAccountsAsync);
            app.MapPost("/api/v1/lists/{id}/accounts", server.AddListAccountsAsync);
            app.MapDelete("/api/v1/lists/{id}/accounts", server.RemoveListAccountsAsync);
            app.MapPost("/api/v1/accounts/{id}/follow", server.FollowAsync);
            app.MapGet("/api/v1/accounts/{id}/lists", server.ListsHoldingAsync);
            app.Map("/api/v1/streaming", server.WebSocketAsync);
            app.MapGet("/api/v1/streaming/{**stream}", server.ServerSentEventsAsync);
        });
        return server;
    }

    /// <summary>A new status like the recorded <c>status_post_public.json</c> one, by the same local account, with this id, text and hashtags.</summary>
    public static string StatusLike(long id, string text, params string[] tags)
    {
        var template = JsonNode.Parse(File.ReadAllText(SharedFixtures.PathOf("mastodon/status_post_public.json")))!.AsArray()[0]!["response"]!["body"]!.AsObject();
        var idText = id.ToString(CultureInfo.InvariantCulture);
        template["id"] = idText;
        template["uri"] = $"http://localhost:3000/users/mastodonpy_test/statuses/{idText}";
        template["url"] = $"http://localhost:3000/@mastodonpy_test/{idText}";
        template["content"] = "<p>" + System.Net.WebUtility.HtmlEncode(text) + string.Concat(tags.Select(tag => $" <a href=\"http://localhost:3000/tags/{tag}\" class=\"mention hashtag\" rel=\"tag\">#<span>{tag}</span></a>")) + "</p>";
        template["tags"] = new JsonArray([.. tags.Select(tag => (JsonNode)new JsonObject { ["name"] = tag.ToLowerInvariant(), ["url"] = $"http://localhost:3000/tags/{tag}" })]);
        template["spoiler_text"] = "";
        template["sensitive"] = false;
        return template.ToJsonString();
    }

    /// <summary>Adds a status to the REST timelines and, unless <paramref name="toStream"/> is false, to both streams as an <c>update</c>.</summary>
    public void Publish(string statusJson, bool toStream = true)
    {
        lock (_lock)
        {
            AddStatus(statusJson);
            if (toStream)
            {
                _webSocketEvents.Add(JsonSerializer.Serialize(new { stream = PublicStream, @event = "update", payload = statusJson }));
                _serverSentEvents.Add($"event: update\ndata: {statusJson}\n\n");
            }
        }
    }

    /// <summary>The recorded notifications (newest first), as the server sent them.</summary>
    public IReadOnlyList<string> RecordedNotifications
    {
        get
        {
            lock (_lock)
            {
                return [.. _notifications.Select(item => item.Json)];
            }
        }
    }

    /// <summary>Adds a notification (a JSON object with its own <c>id</c>) as the newest one.</summary>
    public void Notify(string notificationJson)
    {
        var id = JsonNode.Parse(notificationJson)!["id"]!.GetValue<string>();
        lock (_lock)
        {
            _notifications.Insert(0, (id, notificationJson));
        }
    }

    /// <summary>Scripts the next stream connection (connections without a script get everything and then stay open).</summary>
    public void Then(StreamScript script) => _scripts.Enqueue(script);

    /// <summary>The next REST request (any endpoint but streaming) is answered with this status (and Retry-After in seconds).</summary>
    public void FailNext(int status, int? retryAfterSeconds = null) => _restFaults.Enqueue(new RestFault(status, retryAfterSeconds, false, null));

    /// <summary>The next REST request gets no answer at all until the client gives up.</summary>
    public void HangNext() => _restFaults.Enqueue(new RestFault(0, null, true, null));

    /// <summary>The next REST request is answered with this status and this body as JSON, whatever it is (e.g. broken JSON).</summary>
    public void AnswerNext(int status, string body) => _restFaults.Enqueue(new RestFault(status, null, false, body));

    /// <summary>
    /// The next <c>POST /api/v1/statuses</c> (or <c>…/reblog</c>) creates its status (and remembers its Idempotency-Key),
    /// then the connection ends without an answer: the request reached the server and the answer was lost.
    /// </summary>
    public void DropNextStatusAnswer() => Interlocked.Exchange(ref _dropNextStatusAnswer, 1);

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private static IEnumerable<string> SplitServerSentEvents(string text)
    {
        var frame = new StringBuilder();
        foreach (var line in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            frame.Append(line).Append('\n');
            if (line.Length == 0 && frame.ToString().Trim().Length > 0)
            {
                yield return frame.ToString();
                frame.Clear();
            }
            else if (line.Length == 0)
            {
                frame.Clear();
            }
        }

        if (frame.ToString().Trim().Length > 0)
        {
            yield return frame.Append('\n').ToString();
        }
    }

    private static bool HasTag(JsonElement status, string tag) =>
        status.TryGetProperty("tags", out var tags) && tags.EnumerateArray().Any(t => string.Equals(t.GetProperty("name").GetString(), tag, StringComparison.OrdinalIgnoreCase));

    private bool Authorized(HttpContext context) =>
        context.Request.Headers.Authorization.ToString() == "Bearer " + AccessToken;

    private static Task UnauthorizedAsync(HttpContext context) => JsonAsync(context, 401, "{\"error\":\"The access token is invalid\"}");

    private static async Task JsonAsync(HttpContext context, int status, string json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(json);
    }

    private static int Limit(HttpContext context, int normal, int maximum) =>
        int.TryParse(context.Request.Query["limit"], out var limit) && limit > 0 ? Math.Min(limit, maximum) : normal;

    private static int CompareIds(string left, string right) =>
        left.Length != right.Length ? left.Length.CompareTo(right.Length) : string.CompareOrdinal(left, right);

    /// <summary>Mastodon's paging: max_id older than, since_id newest page newer than, min_id the page just after; newest first; Link next/prev.</summary>
    private static (List<(string Id, string Json)> Page, string? Link) Paginate(HttpContext context, IEnumerable<(string Id, string Json)> items, int limit)
    {
        var query = context.Request.Query;
        var selected = items.ToList();
        if (query["max_id"].ToString() is { Length: > 0 } maxId)
        {
            selected = [.. selected.Where(item => CompareIds(item.Id, maxId) < 0)];
        }

        if (query["since_id"].ToString() is { Length: > 0 } sinceId)
        {
            selected = [.. selected.Where(item => CompareIds(item.Id, sinceId) > 0)];
        }

        List<(string Id, string Json)> page;
        if (query["min_id"].ToString() is { Length: > 0 } minId)
        {
            page = [.. selected.Where(item => CompareIds(item.Id, minId) > 0).OrderBy(item => item.Id, Comparer<string>.Create(CompareIds)).Take(limit).OrderByDescending(item => item.Id, Comparer<string>.Create(CompareIds))];
        }
        else
        {
            page = [.. selected.OrderByDescending(item => item.Id, Comparer<string>.Create(CompareIds)).Take(limit)];
        }

        if (page.Count == 0)
        {
            return (page, null);
        }

        var kept = string.Join('&', query.Where(pair => pair.Key is not ("max_id" or "min_id" or "since_id" or "limit")).Select(pair => $"{pair.Key}={Uri.EscapeDataString(pair.Value.ToString())}"));
        var root = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.Path}?{(kept.Length > 0 ? kept + "&" : "")}limit={limit}";
        return (page, $"<{root}&max_id={page[^1].Id}>; rel=\"next\", <{root}&min_id={page[0].Id}>; rel=\"prev\"");
    }

    private void AddStatus(string json)
    {
        var id = JsonDocument.Parse(json).RootElement.GetProperty("id").GetString()!;
        lock (_lock)
        {
            _statuses.RemoveAll(status => status.Id == id);
            _statuses.Add((id, json));
        }
    }

    private List<(string Id, string Json)> Statuses()
    {
        lock (_lock)
        {
            return [.. _statuses];
        }
    }

    private async Task RecordAndFailAsync(HttpContext context, RequestDelegate next)
    {
        Requests.Enqueue($"{context.Request.Method} {context.Request.Path}{context.Request.QueryString}");
        var isStreaming = context.Request.Path.StartsWithSegments("/api/v1/streaming", StringComparison.Ordinal);
        if (!isStreaming)
        {
            RecordedRequests.Enqueue(await RecordedHttpRequest.ReadAsync(context));
        }

        context.Response.Headers["X-RateLimit-Limit"] = "300";
        context.Response.Headers["X-RateLimit-Remaining"] = "299";
        context.Response.Headers["X-RateLimit-Reset"] = (RateLimitReset ?? TimeProvider.System.GetUtcNow().AddMinutes(5)).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture);
        if (!isStreaming && _restFaults.TryDequeue(out var fault))
        {
            if (fault.Hang)
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            }

            if (fault.RetryAfterSeconds is { } seconds)
            {
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            }

            if (fault.Status == 429)
            {
                context.Response.Headers["X-RateLimit-Remaining"] = "0";
            }

            if (fault.Body is { } body)
            {
                await JsonAsync(context, fault.Status, body);
                return;
            }

            await JsonAsync(context, fault.Status, fault.Status == 429 ? "{\"error\":\"Too many requests\"}" : "{\"error\":\"Something went wrong on our end\"}");
            return;
        }

        await next(context);
    }

    private Task TimelineAsync(HttpContext context, Func<JsonElement, bool> filter, bool needsToken)
    {
        if (needsToken && !Authorized(context))
        {
            return UnauthorizedAsync(context);
        }

        var statuses = Statuses().Where(status => filter(JsonDocument.Parse(status.Json).RootElement));
        var (page, link) = Paginate(context, statuses, Limit(context, 20, 40));
        if (link is not null)
        {
            context.Response.Headers.Link = link;
        }

        return JsonAsync(context, 200, "[" + string.Join(',', page.Select(status => status.Json)) + "]");
    }

    private Task StatusAsync(HttpContext context)
    {
        var id = (string)context.Request.RouteValues["id"]!;
        var status = Statuses().FirstOrDefault(status => status.Id == id);
        return status.Json is null ? JsonAsync(context, 404, "{\"error\":\"Record not found\"}") : JsonAsync(context, 200, status.Json);
    }

    /// <summary>
    /// <c>POST /api/v1/statuses</c> as Mastodon answers it: a repeated Idempotency-Key (per token, kept an hour) gets the
    /// status it created, before any check; then an empty or over-long text (422, localized), a reply or quote of an
    /// unknown status (404) and an image still processing (422) are refused.
    /// </summary>
    private async Task CreateStatusAsync(HttpContext context)
    {
        if (!Authorized(context))
        {
            await UnauthorizedAsync(context);
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var key = context.Request.Headers["Idempotency-Key"].ToString();
        string? json = null;
        lock (_lock)
        {
            if (key.Length > 0 && _statusIdsByIdempotencyKey.TryGetValue(AccessToken + "\n" + key, out var existingId))
            {
                json = _statuses.First(status => status.Id == existingId).Json;
            }
        }

        if (json is null)
        {
            var text = form["status"].ToString();
            var mediaIds = form["media_ids[]"].Select(id => id!).ToList();
            if (text.Length == 0 && mediaIds.Count == 0)
            {
                await JsonAsync(context, 422, "{\"error\":\"Validation failed: Text can't be blank\"}");
                return;
            }

            if (text.Length > 500)
            {
                await JsonAsync(context, 422, JsonSerializer.Serialize(new { error = _localizedTooLong[0] }));
                return;
            }

            var statuses = Statuses().ToDictionary(status => status.Id, status => status.Json);
            var replyTo = form["in_reply_to_id"].ToString();
            var quoted = form["quoted_status_id"].ToString();
            if ((replyTo.Length > 0 && !statuses.ContainsKey(replyTo)) || (quoted.Length > 0 && !statuses.ContainsKey(quoted)))
            {
                await JsonAsync(context, 404, "{\"error\":\"Record not found\"}");
                return;
            }

            var attachments = new JsonArray();
            foreach (var mediaId in mediaIds)
            {
                (string Json, int PollsLeft) media;
                lock (_lock)
                {
                    if (!_media.TryGetValue(mediaId, out media))
                    {
                        continue;
                    }
                }

                if (media.PollsLeft > 0)
                {
                    await JsonAsync(context, 422, "{\"error\":\"Cannot attach files that have not finished processing. Try again in a moment!\"}");
                    return;
                }

                attachments.Add(JsonNode.Parse(media.Json));
            }

            var id = Interlocked.Increment(ref _nextCreatedId).ToString(CultureInfo.InvariantCulture);
            var status = JsonNode.Parse(StatusLike(long.Parse(id, CultureInfo.InvariantCulture), text))!.AsObject();
            status["uri"] = new Uri(Url, $"/users/mastodonpy_test/statuses/{id}").ToString();
            status["url"] = new Uri(Url, $"/@mastodonpy_test/{id}").ToString();
            status["created_at"] = Clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
            status["tags"] = new JsonArray();
            status["media_attachments"] = attachments;
            status["language"] = form["language"].ToString() is { Length: > 0 } language ? language : null;
            status["in_reply_to_id"] = replyTo.Length > 0 ? replyTo : null;
            status["in_reply_to_account_id"] = replyTo.Length > 0 ? JsonNode.Parse(statuses[replyTo])!["account"]!["id"]!.GetValue<string>() : null;
            status["quote"] = quoted.Length > 0 ? new JsonObject { ["state"] = "accepted", ["quoted_status"] = JsonNode.Parse(statuses[quoted]) } : null;
            json = status.ToJsonString();
            AddStatus(json);
            if (key.Length > 0)
            {
                lock (_lock)
                {
                    _statusIdsByIdempotencyKey[AccessToken + "\n" + key] = id;
                }
            }

            CreatedStatuses.Enqueue(json);
        }

        if (Interlocked.Exchange(ref _dropNextStatusAnswer, 0) == 1)
        {
            context.Abort();
            return;
        }

        await JsonAsync(context, 200, json);
    }

    /// <summary>
    /// <c>POST /api/v1/statuses/:id/reblog</c>: a new status of the token's account whose <c>reblog</c> is the original
    /// and whose <c>uri</c> and <c>url</c> end in <c>/activity</c>, as Mastodon writes a boost's; the boost that exists
    /// when the status is already boosted; 404 for an unknown status.
    /// </summary>
    private async Task ReblogAsync(HttpContext context)
    {
        if (!Authorized(context))
        {
            await UnauthorizedAsync(context);
            return;
        }

        var originalId = (string)context.Request.RouteValues["id"]!;
        var statuses = Statuses();
        var original = statuses.FirstOrDefault(status => status.Id == originalId).Json;
        if (original is null)
        {
            await JsonAsync(context, 404, "{\"error\":\"Record not found\"}");
            return;
        }

        var json = statuses.FirstOrDefault(status => JsonNode.Parse(status.Json)?["reblog"]?["id"]?.GetValue<string>() == originalId).Json;
        if (json is null)
        {
            var id = Interlocked.Increment(ref _nextCreatedId).ToString(CultureInfo.InvariantCulture);
            var reblog = JsonNode.Parse(StatusLike(long.Parse(id, CultureInfo.InvariantCulture), ""))!.AsObject();
            reblog["uri"] = new Uri(Url, $"/users/mastodonpy_test/statuses/{id}/activity").ToString();
            reblog["url"] = new Uri(Url, $"/users/mastodonpy_test/statuses/{id}/activity").ToString();
            reblog["content"] = "";
            reblog["created_at"] = Clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
            reblog["tags"] = new JsonArray();
            reblog["reblog"] = JsonNode.Parse(original);
            json = reblog.ToJsonString();
            AddStatus(json);
            CreatedReblogs.Enqueue(json);
        }

        if (Interlocked.Exchange(ref _dropNextStatusAnswer, 0) == 1)
        {
            context.Abort();
            return;
        }

        await JsonAsync(context, 200, json);
    }

    /// <summary><c>GET /api/v2/instance</c> and <c>/api/v1/instance</c>: the server's domain and <c>configuration.statuses</c>.</summary>
    private Task InstanceAsync(HttpContext context, bool isV2)
    {
        if (isV2 && !HasInstanceV2)
        {
            return JsonAsync(context, 404, "{\"error\":\"Not found\"}");
        }

        var statuses = new JsonObject();
        if (InstanceMaxCharacters is { } maxCharacters)
        {
            statuses["max_characters"] = maxCharacters;
        }

        if (InstanceMaxMediaAttachments is { } maxMedia)
        {
            statuses["max_media_attachments"] = maxMedia;
        }

        if (InstanceCharactersReservedPerUrl is { } perUrl)
        {
            statuses["characters_reserved_per_url"] = perUrl;
        }

        var document = new JsonObject
        {
            [isV2 ? "domain" : "uri"] = Url.Authority,
            ["title"] = "Fake Mastodon",
            ["version"] = isV2 ? "4.3.0" : "3.5.3",
            ["configuration"] = new JsonObject { ["statuses"] = statuses },
        };
        return JsonAsync(context, 200, document.ToJsonString());
    }

    private async Task DeleteStatusAsync(HttpContext context)
    {
        if (!Authorized(context))
        {
            await UnauthorizedAsync(context);
            return;
        }

        var id = (string)context.Request.RouteValues["id"]!;
        string? json;
        lock (_lock)
        {
            json = _statuses.FirstOrDefault(status => status.Id == id).Json;
            _statuses.RemoveAll(status => status.Id == id);
        }

        await (json is null ? JsonAsync(context, 404, "{\"error\":\"Record not found\"}") : JsonAsync(context, 200, json));
    }

    /// <summary><c>POST /api/v2/media</c> (multipart <c>file</c> and <c>description</c>): 200 with the attachment, or 202 with <c>url: null</c> while it is processed.</summary>
    private async Task UploadMediaAsync(HttpContext context)
    {
        if (!Authorized(context))
        {
            await UnauthorizedAsync(context);
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (form.Files.GetFile("file") is not { } file)
        {
            await JsonAsync(context, 422, "{\"error\":\"Validation failed: File can't be blank\"}");
            return;
        }

        using var content = new MemoryStream();
        await file.CopyToAsync(content, context.RequestAborted);
        var id = Interlocked.Increment(ref _nextCreatedId).ToString(CultureInfo.InvariantCulture);
        var description = form.TryGetValue("description", out var values) ? values.ToString() : null;
        MediaUploads.Enqueue((id, file.FileName, file.ContentType, content.ToArray(), description));
        var media = JsonNode.Parse(_mediaTemplate)!.AsObject();
        media["id"] = id;
        media["description"] = description;
        media["url"] = new Uri(Url, $"/system/media_attachments/files/{id}/original/image.jpg").ToString();
        var processing = MediaProcessingPolls > 0;
        lock (_lock)
        {
            _media[id] = (media.ToJsonString(), MediaProcessingPolls);
        }

        if (processing)
        {
            media["url"] = null;
        }

        await JsonAsync(context, processing ? 202 : 200, media.ToJsonString());
    }

    /// <summary><c>GET /api/v1/media/:id</c>: 206 while the image is processed, then 200.</summary>
    private async Task MediaAsync(HttpContext context)
    {
        if (!Authorized(context))
        {
            await UnauthorizedAsync(context);
            return;
        }

        var id = (string)context.Request.RouteValues["id"]!;
        bool isKnown;
        (string Json, int PollsLeft) media;
        lock (_lock)
        {
            isKnown = _media.TryGetValue(id, out media);
            if (isKnown && media.PollsLeft > 0)
            {
                _media[id] = (media.Json, media.PollsLeft - 1);
            }
        }

        if (!isKnown)
        {
            await JsonAsync(context, 404, "{\"error\":\"Record not found\"}");
            return;
        }

        if (media.PollsLeft > 0)
        {
            var processing = JsonNode.Parse(media.Json)!.AsObject();
            processing["url"] = null;
            await JsonAsync(context, 206, processing.ToJsonString());
            return;
        }

        await JsonAsync(context, 200, media.Json);
    }

    private Task ContextAsync(HttpContext context)
    {
        var id = (string)context.Request.RouteValues["id"]!;
        var statuses = Statuses().ToDictionary(status => status.Id, status => status.Json);
        if (!statuses.ContainsKey(id))
        {
            return JsonAsync(context, 404, "{\"error\":\"Record not found\"}");
        }

        string? ParentOf(string statusId) =>
            JsonDocument.Parse(statuses[statusId]).RootElement.GetProperty("in_reply_to_id").GetString();
        var ancestors = new List<string>();
        for (var parent = ParentOf(id); parent is not null && statuses.ContainsKey(parent); parent = ParentOf(parent))
        {
            ancestors.Insert(0, statuses[parent]);
        }

        var descendants = statuses.Keys.Where(candidate =>
        {
            for (var parent = ParentOf(candidate); parent is not null && statuses.ContainsKey(parent); parent = ParentOf(parent))
            {
                if (parent == id)
                {
                    return true;
                }
            }

            return false;
        }).Order(Comparer<string>.Create(CompareIds)).Select(key => statuses[key]);
        return JsonAsync(context, 200, $"{{\"ancestors\":[{string.Join(',', ancestors)}],\"descendants\":[{string.Join(',', descendants)}]}}");
    }

    private Task SearchAsync(HttpContext context)
    {
        var q = context.Request.Query["q"].ToString();
        var offset = int.TryParse(context.Request.Query["offset"], out var parsed) ? parsed : 0;
        var limit = Limit(context, 20, 40);
        var found = Statuses()
            .Where(status =>
            {
                var root = JsonDocument.Parse(status.Json).RootElement;
                return root.GetProperty("content").GetString()!.Contains(q, StringComparison.OrdinalIgnoreCase)
                    || root.GetProperty("uri").GetString() == q || root.GetProperty("url").GetString() == q;
            })
            .OrderByDescending(status => status.Id, Comparer<string>.Create(CompareIds))
            .Skip(offset)
            .Take(limit);
        return JsonAsync(context, 200, $"{{\"accounts\":[],\"statuses\":[{string.Join(',', found.Select(status => status.Json))}],\"hashtags\":[]}}");
    }

    private Task NotificationsAsync(HttpContext context)
    {
        if (!Authorized(context))
        {
            return UnauthorizedAsync(context);
        }

        var types = context.Request.Query["types[]"].Select(type => type!).ToHashSet();
        List<(string Id, string Json)> snapshot;
        lock (_lock)
        {
            snapshot = [.. _notifications];
        }

        var notifications = snapshot.Where(item => types.Count == 0 || types.Contains(JsonDocument.Parse(item.Json).RootElement.GetProperty("type").GetString()!));
        var (page, link) = Paginate(context, notifications, Limit(context, 40, 80));
        if (link is not null)
        {
            context.Response.Headers.Link = link;
        }

        return JsonAsync(context, 200, "[" + string.Join(',', page.Select(item => item.Json)) + "]");
    }

    private Task LookupAsync(HttpContext context)
    {
        var acct = context.Request.Query["acct"].ToString();
        var account = KnownAccounts.FirstOrDefault(json => JsonDocument.Parse(json).RootElement.GetProperty("acct").GetString() == acct);
        return account is null ? JsonAsync(context, 404, "{\"error\":\"Record not found\"}") : JsonAsync(context, 200, account);
    }

    private string ListsJson(Func<JsonObject, bool> filter)
    {
        lock (_lock)
        {
            return new JsonArray([.. _lists.Where(filter).Select(list => list.DeepClone())]).ToJsonString();
        }
    }

    private JsonObject? FindList(HttpContext context)
    {
        var id = (string)context.Request.RouteValues["id"]!;
        lock (_lock)
        {
            return _lists.FirstOrDefault(list => (string?)list["id"] == id)?.DeepClone().AsObject();
        }
    }

    private static Task NotFoundAsync(HttpContext context) => JsonAsync(context, 404, "{\"error\":\"Record not found\"}");

    /// <summary><c>POST /api/v1/lists</c> (<c>title</c>, <c>replies_policy</c>, <c>exclusive</c>), answered like the recorded lists_create_get_delete.json.</summary>
    private async Task CreateListAsync(HttpContext context)
    {
        if (!Authorized(context))
        {
            await UnauthorizedAsync(context);
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var title = form["title"].ToString().Trim();
        if (title.Length == 0)
        {
            await JsonAsync(context, 422, "{\"error\":\"Validation failed: Title can't be blank\"}");
            return;
        }

        var list = JsonNode.Parse(_listTemplate)!.AsObject();
        list["id"] = Interlocked.Increment(ref _nextListId).ToString(CultureInfo.InvariantCulture);
        list["title"] = title;
        list["replies_policy"] = form["replies_policy"].ToString() is { Length: > 0 } policy ? policy : "list";
        list["exclusive"] = form["exclusive"].ToString() is "true" or "1";
        lock (_lock)
        {
            _lists.Add(list.DeepClone().AsObject());
        }

        await JsonAsync(context, 200, list.ToJsonString());
    }

    private Task ListAsync(HttpContext context) =>
        !Authorized(context) ? UnauthorizedAsync(context)
        : FindList(context) is { } list ? JsonAsync(context, 200, list.ToJsonString())
        : NotFoundAsync(context);

    private Task DeleteListAsync(HttpContext context)
    {
        if (!Authorized(context))
        {
            return UnauthorizedAsync(context);
        }

        var id = (string)context.Request.RouteValues["id"]!;
        lock (_lock)
        {
            if (_lists.RemoveAll(list => (string?)list["id"] == id) == 0)
            {
                return NotFoundAsync(context);
            }

            _listAccounts.RemoveAll(item => item.ListId == id);
        }

        return JsonAsync(context, 200, "{}");
    }

    /// <summary>
    /// <c>GET /api/v1/lists/:id/accounts</c>: newest member first, paged by the membership's own position (which clients
    /// cannot compute, so they follow the <c>Link</c> header), with <c>rel="next"</c> while a page is full, as Mastodon does.
    /// </summary>
    private Task ListAccountsAsync(HttpContext context)
    {
        if (!Authorized(context))
        {
            return UnauthorizedAsync(context);
        }

        if (FindList(context) is not { } list)
        {
            return NotFoundAsync(context);
        }

        var listId = (string)list["id"]!;
        var limit = Math.Min(Limit(context, 40, 80), ListAccountsPageSize);
        var maxPosition = long.TryParse(context.Request.Query["max_id"], NumberStyles.None, CultureInfo.InvariantCulture, out var max) ? max : long.MaxValue;
        List<(long Position, string ListId, string AccountId)> page;
        lock (_lock)
        {
            page = [.. _listAccounts.Where(item => item.ListId == listId && item.Position < maxPosition).OrderByDescending(item => item.Position).Take(limit)];
        }

        var accounts = KnownAccounts.ToDictionary(json => JsonDocument.Parse(json).RootElement.GetProperty("id").GetString()!, StringComparer.Ordinal);
        if (page.Count > 0)
        {
            var root = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.Path}?limit={limit.ToString(CultureInfo.InvariantCulture)}";
            var previous = $"<{root}&min_id={page[0].Position.ToString(CultureInfo.InvariantCulture)}>; rel=\"prev\"";
            context.Response.Headers.Link = page.Count == limit
                ? $"<{root}&max_id={page[^1].Position.ToString(CultureInfo.InvariantCulture)}>; rel=\"next\", {previous}"
                : previous;
        }

        return JsonAsync(context, 200, "[" + string.Join(',', page.Where(item => accounts.ContainsKey(item.AccountId)).Select(item => accounts[item.AccountId])) + "]");
    }

    /// <summary><c>POST /api/v1/lists/:id/accounts</c> (<c>account_ids[]</c>): 404 for an account not followed, 422 for one already on the list.</summary>
    private async Task AddListAccountsAsync(HttpContext context)
    {
        if (!Authorized(context))
        {
            await UnauthorizedAsync(context);
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (FindList(context) is not { } list)
        {
            await NotFoundAsync(context);
            return;
        }

        var listId = (string)list["id"]!;
        List<string>? ids = [.. form["account_ids[]"].Select(id => id!)];
        lock (_lock)
        {
            if (ids.Count == 0 || ids.Exists(id => !_followed.Contains(id)))
            {
                ids.Clear();
            }
            else if (ids.Exists(id => _listAccounts.Exists(item => item.ListId == listId && item.AccountId == id)))
            {
                ids = null;
            }
            else
            {
                _listAccounts.AddRange(ids.Select(id => (++_nextListPosition, listId, id)));
            }
        }

        await (ids switch
        {
            null => JsonAsync(context, 422, JsonSerializer.Serialize(new { error = AlreadyOnListError })),
            [] => NotFoundAsync(context),
            _ => JsonAsync(context, 200, "{}"),
        });
    }

    /// <summary><c>DELETE /api/v1/lists/:id/accounts</c> (<c>account_ids[]</c>): 200 whether or not they were on it.</summary>
    private async Task RemoveListAccountsAsync(HttpContext context)
    {
        if (!Authorized(context))
        {
            await UnauthorizedAsync(context);
            return;
        }

        var ids = context.Request.HasFormContentType
            ? (await context.Request.ReadFormAsync(context.RequestAborted))["account_ids[]"].Select(id => id!).ToHashSet()
            : context.Request.Query["account_ids[]"].Select(id => id!).ToHashSet();
        if (FindList(context) is not { } list)
        {
            await NotFoundAsync(context);
            return;
        }

        lock (_lock)
        {
            _listAccounts.RemoveAll(item => item.ListId == (string)list["id"]! && ids.Contains(item.AccountId));
        }

        await JsonAsync(context, 200, "{}");
    }

    /// <summary><c>POST /api/v1/accounts/:id/follow</c>: a Relationship; following again changes nothing.</summary>
    private Task FollowAsync(HttpContext context)
    {
        if (!Authorized(context))
        {
            return UnauthorizedAsync(context);
        }

        var id = (string)context.Request.RouteValues["id"]!;
        if (!KnownAccounts.Any(json => JsonDocument.Parse(json).RootElement.GetProperty("id").GetString() == id))
        {
            return NotFoundAsync(context);
        }

        lock (_lock)
        {
            _followed.Add(id);
        }

        return JsonAsync(context, 200, JsonSerializer.Serialize(new
        {
            id,
            following = true,
            showing_reblogs = true,
            notifying = false,
            followed_by = false,
            blocking = false,
            blocked_by = false,
            muting = false,
            muting_notifications = false,
            requested = false,
            domain_blocking = false,
            endorsed = false,
            note = "",
        }));
    }

    /// <summary><c>GET /api/v1/accounts/:id/lists</c>: the token owner's lists that hold the account.</summary>
    private Task ListsHoldingAsync(HttpContext context)
    {
        if (!Authorized(context))
        {
            return UnauthorizedAsync(context);
        }

        var id = (string)context.Request.RouteValues["id"]!;
        HashSet<string> holding;
        lock (_lock)
        {
            holding = [.. _listAccounts.Where(item => item.AccountId == id).Select(item => item.ListId)];
        }

        return JsonAsync(context, 200, ListsJson(list => holding.Contains((string)list["id"]!)));
    }

    private async Task<StreamScript?> StartStreamAsync(HttpContext context)
    {
        if (StreamingUnavailable)
        {
            await JsonAsync(context, 404, "{\"error\":\"Not found\"}");
            return null;
        }

        if (!Authorized(context))
        {
            await UnauthorizedAsync(context);
            return null;
        }

        StreamConnections++;
        _scripts.TryDequeue(out var script);
        script ??= new StreamScript();
        if (script.RefuseWithStatus is { } status)
        {
            if (script.RetryAfterSeconds is { } seconds)
            {
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            }

            await JsonAsync(context, status, "{\"error\":\"Refused by the script\"}");
            return null;
        }

        return script;
    }

    private async Task WebSocketAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await JsonAsync(context, 400, "{\"error\":\"Not a WebSocket request\"}");
            return;
        }

        if (await StartStreamAsync(context) is not { } script)
        {
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var stopping = context.RequestAborted;

        // Reading answers the client's pings; a server scripted to hang reads nothing and so answers none.
        var reading = script.HangAfter >= 0 ? Task.CompletedTask : ReceiveAllAsync(socket, stopping);
        var sent = 0;
        while (!stopping.IsCancellationRequested)
        {
            string? line = null;
            lock (_lock)
            {
                if (_webSocketNext < _webSocketEvents.Count && sent != script.DropAfter && sent != script.HangAfter)
                {
                    line = _webSocketEvents[_webSocketNext++];
                }
            }

            if (sent == script.GarbageAfter)
            {
                await SendAsync(socket, "this is not json", stopping);
                await SendAsync(socket, "{\"stream\":[\"public\"],\"event\":\"update\",\"payload\":\"{\\\"id\\\": broken\"}", stopping);
                await SendAsync(socket, "{\"stream\":[\"public\"],\"payload\":\"no event name\"}", stopping);
                script = script with { GarbageAfter = -1 };
            }

            if (sent == script.DropAfter)
            {
                await DropAsync(context, script);
                return;
            }

            if (sent == script.HangAfter)
            {
                await Task.Delay(Timeout.Infinite, stopping).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            }

            if (line is null)
            {
                await Task.Delay(50, stopping).ContinueWith(_ => { }, TaskScheduler.Default);
                continue;
            }

            await SendAsync(socket, RecordedStreamAs is { } stream ? line.Replace("\"stream\": [\"public\"]", $"\"stream\": [\"{stream}\"]", StringComparison.Ordinal) : line, stopping);
            sent++;
        }

        await reading;
    }

    private async Task ReceiveAllAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var result = await socket.ReceiveAsync(buffer, cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                Requests.Enqueue("WS " + Encoding.UTF8.GetString(buffer, 0, result.Count));
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
            // The connection ended.
        }
    }

    private async Task ServerSentEventsAsync(HttpContext context)
    {
        if (await StartStreamAsync(context) is not { } script)
        {
            return;
        }

        var stopping = context.RequestAborted;
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-store";
        await WriteAsync(context, ":)\n", stopping);
        var sent = 0;
        var lastWrite = Environment.TickCount64;
        while (!stopping.IsCancellationRequested)
        {
            string? frame = null;
            lock (_lock)
            {
                if (_serverSentNext < _serverSentEvents.Count && sent != script.DropAfter && sent != script.HangAfter)
                {
                    frame = _serverSentEvents[_serverSentNext++];
                }
            }

            if (sent == script.GarbageAfter)
            {
                await WriteAsync(context, "event: update\ndata: {\"id\": this is not json\n\nthis line means nothing\n\n", stopping);
                await context.Response.Body.WriteAsync(new byte[] { (byte)'d', (byte)'a', (byte)'t', (byte)'a', (byte)':', 0xFF, 0xFE, (byte)'\n', (byte)'\n' }, stopping);
                script = script with { GarbageAfter = -1 };
            }

            if (sent == script.DropAfter)
            {
                await DropAsync(context, script);
                return;
            }

            if (sent == script.HangAfter)
            {
                await Task.Delay(Timeout.Infinite, stopping).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            }

            if (frame is null)
            {
                if (Environment.TickCount64 - lastWrite >= (long)Heartbeat.TotalMilliseconds)
                {
                    await WriteAsync(context, ":thump\n", stopping);
                    lastWrite = Environment.TickCount64;
                }

                await Task.Delay(50, stopping).ContinueWith(_ => { }, TaskScheduler.Default);
                continue;
            }

            await WriteAsync(context, frame, stopping);
            lastWrite = Environment.TickCount64;
            sent++;
        }
    }

    /// <summary>
    /// No close handshake: the connection just ends, as a network failure ends it (after a moment, so that what was
    /// sent is read rather than lost with the reset); what the script publishes meanwhile reaches only the REST API.
    /// </summary>
    private async Task DropAsync(HttpContext context, StreamScript script)
    {
        await Task.Delay(300, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        foreach (var status in script.PublishWhileDown)
        {
            Publish(status, toStream: false);
        }

        context.Abort();
    }

    private static async Task WriteAsync(HttpContext context, string text, CancellationToken cancellationToken)
    {
        try
        {
            await context.Response.WriteAsync(text, cancellationToken);
            await context.Response.Body.FlushAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The client went away.
        }
    }

    private static async Task SendAsync(WebSocket socket, string text, CancellationToken cancellationToken)
    {
        try
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, cancellationToken);
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
            // The client went away.
        }
    }

    private sealed record RestFault(int Status, int? RetryAfterSeconds, bool Hang, string? Body);
}

/// <summary>
/// What one stream connection to <see cref="FakeMastodonServer"/> does; -1 means never. <see cref="PublishWhileDown"/>
/// statuses reach the REST timelines after the drop, while no stream is connected, so only gap filling finds them.
/// </summary>
internal sealed record StreamScript(int DropAfter = -1, int HangAfter = -1, int GarbageAfter = -1, int? RefuseWithStatus = null, int? RetryAfterSeconds = null)
{
    public IReadOnlyList<string> PublishWhileDown { get; init; } = [];
}

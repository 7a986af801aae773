using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace PressDeck.Testing;

/// <summary>
/// A Bluesky PDS on 127.0.0.1 answering as protocols.md 1.2–1.10 describe. <c>createSession</c>: the accounts in
/// <see cref="Accounts"/> (handle → app password) sign in; anything else is refused with 401
/// <c>AuthenticationRequired</c>, as a real PDS refuses a wrong password. <c>refreshSession</c> rotates both tokens
/// (a refresh token works once). Access tokens can be made to expire (<see cref="ExpireAccessTokens"/>, 400
/// <c>ExpiredToken</c>) or be revoked (<see cref="RevokeSessions"/>, 401 <c>InvalidToken</c>). The repository
/// endpoints keep records and blobs in memory: <c>uploadBlob</c>, <c>createRecord</c> (a record already at the key is
/// answered 500 <c>InternalServerError</c>, as the PDS's repository tree refuses a second value at a key; a blob never
/// uploaded, an invalid record key or a text over 300 graphemes is 400 <c>InvalidRequest</c>), <c>getRecord</c> (400
/// <c>RecordNotFound</c>), <c>deleteRecord</c>, <c>app.bsky.feed.getPosts</c> and
/// <c>com.atproto.identity.resolveHandle</c>. It answers the AppView's list views from the records it keeps, as a PDS
/// passes them on for a signed-in account: <c>app.bsky.graph.getLists</c> and <c>getList</c> (newest first, paged by
/// cursor; a list not there is 400 <c>InvalidRequest</c> "List not found"; duplicate listitems shown once, as the AppView
/// ignores them). Faults are scripted per method (<see cref="FailNext"/>,
/// <see cref="AnswerNext"/>, <see cref="HangNext"/>, <see cref="DropNextCreateRecordAnswer"/>), and every request is kept whole in
/// <see cref="RecordedRequests"/>.
/// </summary>
internal sealed class FakeBlueskyPds : IAsyncDisposable
{
    private const string AccessPrefix = "eyJhbGciOiJFUzI1NksifQ.access.";
    private const string RefreshPrefix = "eyJhbGciOiJFUzI1NksifQ.refresh.";
    private const string Base32Alphabet = "abcdefghijklmnopqrstuvwxyz234567";
    private const string ListCollection = "app.bsky.graph.list";
    private const string ListItemCollection = "app.bsky.graph.listitem";

    public const string CurationPurpose = "app.bsky.graph.defs#curatelist";

    private static readonly string[] English = ["en"];

    private readonly Lock _lock = new();
    private readonly Dictionary<string, (string Did, string Handle, TokenState State)> _accessTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Did, string Handle)> _refreshTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _handlesByDid = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _displayNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Cid, string Json)> _records = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string MimeType, byte[] Content)> _blobs = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Method, int Status, string Body, bool Drop)> _faults = new();
    private int _tokenGeneration;
    private WebApplication? _app;

    private enum TokenState
    {
        Valid,
        Expired,
        Revoked,
    }

    public Uri Url { get; private set; } = null!;

    public ConcurrentDictionary<string, string> Accounts { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every <c>createSession</c> request body received, to check what was sent.</summary>
    public ConcurrentQueue<string> Bodies { get; } = new();

    /// <summary>Every request received, as it came: method, path, query, headers and body.</summary>
    public ConcurrentQueue<RecordedHttpRequest> RecordedRequests { get; } = new();

    /// <summary>Handles that <c>resolveHandle</c> knows besides the accounts' own (handle → DID).</summary>
    public ConcurrentDictionary<string, string> Handles { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The <c>RateLimit-Reset</c> (Unix epoch seconds) sent with a scripted 429.</summary>
    public long RateLimitReset { get; set; } = 1_790_000_000;

    /// <summary>Each blob uploaded: its CID, media type and bytes, in order.</summary>
    public ConcurrentQueue<(string Cid, string MimeType, byte[] Content)> Blobs { get; } = new();

    public static string DidOf(string handle) => "did:plc:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(handle)))[..24];

    /// <summary>The records in the repositories now, by AT-URI, with their CIDs and JSON.</summary>
    public IReadOnlyDictionary<string, (string Cid, string Json)> Records
    {
        get
        {
            lock (_lock)
            {
                return new Dictionary<string, (string Cid, string Json)>(_records, StringComparer.Ordinal);
            }
        }
    }

    public static async Task<FakeBlueskyPds> StartAsync()
    {
        var server = new FakeBlueskyPds();
        (server._app, server.Url) = await LoopbackWebServer.StartAsync(app =>
        {
            app.Use(server.RecordAndFailAsync);
            app.MapPost("/xrpc/com.atproto.server.createSession", (Func<HttpContext, Task<IResult>>)server.CreateSessionAsync);
            app.MapPost("/xrpc/com.atproto.server.refreshSession", server.RefreshSession);
            app.MapGet("/xrpc/com.atproto.identity.resolveHandle", server.ResolveHandle);
            app.MapPost("/xrpc/com.atproto.repo.uploadBlob", (Func<HttpContext, Task<IResult>>)server.UploadBlobAsync);
            app.MapPost("/xrpc/com.atproto.repo.createRecord", server.CreateRecordAsync);
            app.MapGet("/xrpc/com.atproto.repo.getRecord", server.GetRecord);
            app.MapPost("/xrpc/com.atproto.repo.deleteRecord", (Func<HttpContext, Task<IResult>>)server.DeleteRecordAsync);
            app.MapGet("/xrpc/app.bsky.feed.getPosts", server.GetPosts);
            app.MapGet("/xrpc/app.bsky.feed.searchPosts", server.SearchPosts);
            app.MapGet("/xrpc/app.bsky.notification.listNotifications", server.ListNotifications);
            app.MapGet("/xrpc/app.bsky.graph.getLists", server.GetLists);
            app.MapGet("/xrpc/app.bsky.graph.getList", server.GetList);
        });
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    /// <summary>Each search's <c>q</c>, in order.</summary>
    public ConcurrentQueue<string> Searches { get; } = new();

    /// <summary>The notifications the account has, newest first: <c>(reason, text, indexedAt)</c>; a like carries no post of its own.</summary>
    public List<(string Reason, string Text, DateTimeOffset IndexedAt)> Notifications { get; } = [];

    /// <summary>
    /// The record a notification carries instead of a plain post with its text, by the notification's <c>indexedAt</c>:
    /// for a post recorded from the network (a reply, with its reply references; a quote, with its embed).
    /// </summary>
    public ConcurrentDictionary<DateTimeOffset, string> NotificationRecords { get; } = new();

    /// <summary>Each notifications request's query string, in order.</summary>
    public ConcurrentQueue<string> NotificationRequests { get; } = new();

    private IResult ListNotifications(HttpContext context)
    {
        if (!context.Request.Headers.Authorization.ToString().StartsWith("Bearer eyJhbGciOiJFUzI1NksifQ.access.", StringComparison.Ordinal))
        {
            return Results.Json(new { error = "AuthenticationRequired", message = "Authentication Required" }, statusCode: StatusCodes.Status401Unauthorized);
        }

        NotificationRequests.Enqueue(context.Request.QueryString.Value ?? "");
        List<(string Reason, string Text, DateTimeOffset IndexedAt)> snapshot;
        lock (Notifications)
        {
            snapshot = [.. Notifications.OrderByDescending(item => item.IndexedAt)];
        }

        var notifications = snapshot.Select((item, index) =>
        {
            var did = "did:plc:journalistjournalist" + (index % 10).ToString(System.Globalization.CultureInfo.InvariantCulture) + "0";
            var stamp = item.IndexedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
            return new
            {
                uri = $"at://{did}/app.bsky.feed.{(item.Reason == "like" ? "like" : "post")}/3note{item.IndexedAt.ToUnixTimeMilliseconds() % 100000000:00000000}",
                cid = "bafyreinote",
                author = new { did, handle = $"journalist{index % 10}.bsky.social", displayName = $"Journalist {index % 10}" },
                reason = item.Reason,
                record = NotificationRecords.TryGetValue(item.IndexedAt, out var recorded)
                    ? (object)JsonNode.Parse(recorded)!
                    : new Dictionary<string, object> { ["$type"] = item.Reason == "like" ? "app.bsky.feed.like" : "app.bsky.feed.post", ["text"] = item.Text, ["createdAt"] = stamp },
                isRead = false,
                indexedAt = stamp,
            };
        });
        return Results.Json(new { notifications });
    }

    /// <summary>Three posts that say what was searched for, newest first; only for a signed-in account.</summary>
    private IResult SearchPosts(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer eyJhbGciOiJFUzI1NksifQ.access.", StringComparison.Ordinal))
        {
            return Results.Json(new { error = "AuthenticationRequired", message = "Authentication Required" }, statusCode: StatusCodes.Status401Unauthorized);
        }

        var query = context.Request.Query["q"].ToString();
        Searches.Enqueue(query);
        var posts = Enumerable.Range(1, 3).Select(index =>
        {
            var did = "did:plc:searchsearchsearch000" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return new
            {
                uri = $"at://{did}/app.bsky.feed.post/3search{Math.Abs(query.GetHashCode(StringComparison.Ordinal)) % 100000:00000}{index}",
                cid = "bafyreisearch",
                author = new { did, handle = $"searcher{index}.bsky.social", displayName = $"Searcher {index}" },
                record = new Dictionary<string, object>
                {
                    ["$type"] = "app.bsky.feed.post",
                    ["text"] = $"Reported earlier: {query.Replace("\"", "", StringComparison.Ordinal)} ({index})",
                    ["createdAt"] = $"2026-11-26T0{index}:00:00.000Z",
                    ["langs"] = English,
                },
                indexedAt = $"2026-11-26T0{index}:00:01.000Z",
            };
        });
        return Results.Json(new { posts });
    }

    private async Task<IResult> CreateSessionAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        Bodies.Enqueue(body);
        using var document = JsonDocument.Parse(body);
        var identifier = document.RootElement.GetProperty("identifier").GetString() ?? "";
        var password = document.RootElement.GetProperty("password").GetString() ?? "";
        if (!Accounts.TryGetValue(identifier, out var expected) || expected != password)
        {
            return Results.Json(new { error = "AuthenticationRequired", message = "Invalid identifier or password" }, statusCode: StatusCodes.Status401Unauthorized);
        }

        return Results.Json(NewSession(DidOf(identifier.ToLowerInvariant()), identifier.ToLowerInvariant()));
    }

    /// <summary>Every access token now answers 400 <c>ExpiredToken</c>; refresh tokens still work.</summary>
    public void ExpireAccessTokens()
    {
        lock (_lock)
        {
            foreach (var token in _accessTokens.Keys.ToList())
            {
                _accessTokens[token] = _accessTokens[token] with { State = TokenState.Expired };
            }
        }
    }

    /// <summary>Every access token now answers 401 <c>InvalidToken</c>, and no refresh token works: only a new sign-in helps.</summary>
    public void RevokeSessions()
    {
        lock (_lock)
        {
            foreach (var token in _accessTokens.Keys.ToList())
            {
                _accessTokens[token] = _accessTokens[token] with { State = TokenState.Revoked };
            }

            _refreshTokens.Clear();
        }
    }

    /// <summary>The next request to <paramref name="method"/> (an NSID) is answered with this status and XRPC error.</summary>
    public void FailNext(string method, int status, string error, string? message = null) =>
        _faults.Enqueue((method, status, JsonSerializer.Serialize(new { error, message }), false));

    /// <summary>The next request to <paramref name="method"/> is answered with this status and body, whatever it is.</summary>
    public void AnswerNext(string method, int status, string body) => _faults.Enqueue((method, status, body, false));

    /// <summary>The next request to <paramref name="method"/> gets no answer at all until the client gives up.</summary>
    public void HangNext(string method) => _faults.Enqueue((method, -1, "", false));

    /// <summary>
    /// The next <c>createRecord</c> stores its record, then the connection ends without an answer: the server did the
    /// work and the answer was lost, as when a process crashes or a connection drops at the worst moment.
    /// </summary>
    public void DropNextCreateRecordAnswer() => _faults.Enqueue(("com.atproto.repo.createRecord", 0, "", true));

    /// <summary>
    /// A post by another account (whose handle then resolves), for replies and quotes: its AT-URI and CID. A reply names
    /// its thread's root and parent.
    /// </summary>
    public (string Uri, string Cid) SeedPost(string handle, string recordKey, string text, (string Uri, string Cid)? root = null, (string Uri, string Cid)? parent = null)
    {
        var did = DidOf(handle);
        var record = new JsonObject { ["$type"] = "app.bsky.feed.post", ["text"] = text, ["createdAt"] = "2026-11-27T08:00:00.000Z", ["langs"] = new JsonArray("en") };
        if (root is { } rootReference && parent is { } parentReference)
        {
            record["reply"] = new JsonObject
            {
                ["root"] = new JsonObject { ["uri"] = rootReference.Uri, ["cid"] = rootReference.Cid },
                ["parent"] = new JsonObject { ["uri"] = parentReference.Uri, ["cid"] = parentReference.Cid },
            };
        }

        var uri = $"at://{did}/app.bsky.feed.post/{recordKey}";
        var json = record.ToJsonString();
        var cid = Cid("bafyrei", Encoding.UTF8.GetBytes(json));
        Handles[handle] = did;
        lock (_lock)
        {
            _handlesByDid[did] = handle.ToLowerInvariant();
            _records[uri] = (cid, json);
        }

        return (uri, cid);
    }

    /// <summary>An account besides the signed-in ones, whose handle then resolves, with the name its profile shows: its DID.</summary>
    public string SeedAccount(string handle, string? displayName = null)
    {
        var did = DidOf(handle.ToLowerInvariant());
        Handles[handle] = did;
        lock (_lock)
        {
            _handlesByDid[did] = handle.ToLowerInvariant();
            if (displayName is not null)
            {
                _displayNames[did] = displayName;
            }
        }

        return did;
    }

    /// <summary>An <c>app.bsky.graph.list</c> record in the repository of <paramref name="ownerHandle"/>: its AT-URI.</summary>
    public string SeedList(string ownerHandle, string recordKey, string name, string purpose = CurationPurpose, string? description = null)
    {
        var did = SeedAccount(ownerHandle);
        var record = new JsonObject { ["$type"] = ListCollection, ["purpose"] = purpose, ["name"] = name };
        if (description is not null)
        {
            record["description"] = description;
        }

        record["createdAt"] = "2026-11-20T10:00:00.000Z";
        return Store($"at://{did}/{ListCollection}/{recordKey}", record);
    }

    /// <summary>An <c>app.bsky.graph.listitem</c> record putting an account on the list, in the list owner's repository: its AT-URI.</summary>
    public string SeedListItem(string listUri, string recordKey, string memberHandle, string? displayName = null)
    {
        var owner = listUri["at://".Length..listUri.IndexOf('/', "at://".Length)];
        var record = new JsonObject
        {
            ["$type"] = ListItemCollection,
            ["subject"] = SeedAccount(memberHandle, displayName),
            ["list"] = listUri,
            ["createdAt"] = "2026-11-20T10:05:00.000Z",
        };
        return Store($"at://{owner}/{ListItemCollection}/{recordKey}", record);
    }

    /// <summary>The listitem records in the repositories now that put an account on <paramref name="listUri"/>: (record URI, subject DID).</summary>
    public IReadOnlyList<(string Uri, string Subject)> ListItemsOf(string listUri)
    {
        lock (_lock)
        {
            return [.. ListItemRecords(listUri).Select(item => (item.Uri, item.Subject))];
        }
    }

    private string Store(string uri, JsonObject record)
    {
        var json = record.ToJsonString();
        lock (_lock)
        {
            _records[uri] = (Cid("bafyrei", Encoding.UTF8.GetBytes(json)), json);
        }

        return uri;
    }

    /// <summary>The lists an actor (DID or handle) owns, newest first (<c>app.bsky.graph.getLists</c>).</summary>
    private IResult GetLists(HttpContext context)
    {
        if (SignedIn(context, out var refusal) is null)
        {
            return refusal!;
        }

        var query = context.Request.Query;
        if (!TryLimit(context, out var limit, out var invalid))
        {
            return invalid;
        }

        var purposes = query["purposes"].Select(purpose => "app.bsky.graph.defs#" + purpose).ToHashSet(StringComparer.Ordinal);
        var cursor = query["cursor"].ToString();
        JsonArray lists;
        string? next;
        lock (_lock)
        {
            var actor = query["actor"].ToString();
            var did = actor.StartsWith("did:", StringComparison.Ordinal) ? actor : _handlesByDid.FirstOrDefault(pair => string.Equals(pair.Value, actor, StringComparison.OrdinalIgnoreCase)).Key;
            var owned = _records
                .Where(pair => pair.Key.StartsWith($"at://{did}/{ListCollection}/", StringComparison.Ordinal))
                .Select(pair => (Uri: pair.Key, Key: pair.Key[(pair.Key.LastIndexOf('/') + 1)..], pair.Value.Cid, Record: JsonNode.Parse(pair.Value.Json)!.AsObject()))
                .Where(list => purposes.Count == 0 || purposes.Contains(list.Record["purpose"]?.GetValue<string>() ?? ""))
                .OrderByDescending(list => list.Key, StringComparer.Ordinal)
                .Where(list => cursor.Length == 0 || string.CompareOrdinal(list.Key, cursor) < 0)
                .ToList();
            var page = owned.Take(limit).ToList();
            next = owned.Count > limit ? page[^1].Key : null;
            lists = [.. page.Select(list => ListView(list.Uri, list.Cid, list.Record))];
        }

        var answer = new JsonObject();
        if (next is not null)
        {
            answer["cursor"] = next;
        }

        answer["lists"] = lists;
        return Results.Json(answer);
    }

    /// <summary>A list and a page of its members, newest first (<c>app.bsky.graph.getList</c>).</summary>
    private IResult GetList(HttpContext context)
    {
        if (SignedIn(context, out var refusal) is null)
        {
            return refusal!;
        }

        if (!TryLimit(context, out var limit, out var invalid))
        {
            return invalid;
        }

        var listUri = context.Request.Query["list"].ToString();
        var cursor = context.Request.Query["cursor"].ToString();
        var answer = new JsonObject();
        lock (_lock)
        {
            if (!listUri.Contains($"/{ListCollection}/", StringComparison.Ordinal) || !_records.TryGetValue(listUri, out var list))
            {
                return Results.Json(new { error = "InvalidRequest", message = "List not found" }, statusCode: StatusCodes.Status400BadRequest);
            }

            var items = ListItemRecords(listUri)
                .OrderByDescending(item => item.Key, StringComparer.Ordinal)
                .Where(item => cursor.Length == 0 || string.CompareOrdinal(item.Key, cursor) < 0)
                .ToList();
            var page = items.Take(limit).ToList();
            if (items.Count > limit)
            {
                answer["cursor"] = page[^1].Key;
            }

            answer["list"] = ListView(listUri, list.Cid, JsonNode.Parse(list.Json)!.AsObject());
            answer["items"] = new JsonArray([.. page.Select(item => (JsonNode)new JsonObject { ["uri"] = item.Uri, ["subject"] = Profile(item.Subject) })]);
        }

        return Results.Json(answer);
    }

    /// <summary>The listitems of a list in its owner's repository, the oldest of each subject only (call inside the lock).</summary>
    private List<(string Uri, string Key, string Subject)> ListItemRecords(string listUri)
    {
        var owner = listUri.StartsWith("at://", StringComparison.Ordinal) && listUri.IndexOf('/', "at://".Length) is > 0 and var end ? listUri["at://".Length..end] : "";
        return _records
            .Where(pair => pair.Key.StartsWith($"at://{owner}/{ListItemCollection}/", StringComparison.Ordinal))
            .Select(pair => (Uri: pair.Key, Key: pair.Key[(pair.Key.LastIndexOf('/') + 1)..], Record: JsonNode.Parse(pair.Value.Json)!))
            .Where(item => item.Record["list"]?.GetValue<string>() == listUri)
            .Select(item => (item.Uri, item.Key, Subject: item.Record["subject"]?.GetValue<string>() ?? ""))
            .OrderBy(item => item.Key, StringComparer.Ordinal)
            .DistinctBy(item => item.Subject)
            .ToList();
    }

    /// <summary>A <c>listView</c> of a list record (call inside the lock).</summary>
    private JsonObject ListView(string uri, string cid, JsonObject record)
    {
        var owner = uri["at://".Length..uri.IndexOf('/', "at://".Length)];
        var view = new JsonObject
        {
            ["uri"] = uri,
            ["cid"] = cid,
            ["creator"] = Profile(owner),
            ["name"] = record["name"]?.GetValue<string>(),
            ["purpose"] = record["purpose"]?.GetValue<string>(),
        };
        if (record["description"]?.GetValue<string>() is { } description)
        {
            view["description"] = description;
        }

        view["listItemCount"] = ListItemRecords(uri).Count;
        view["indexedAt"] = "2026-11-20T10:00:01.000Z";
        return view;
    }

    /// <summary>A <c>profileView</c> (call inside the lock).</summary>
    private JsonObject Profile(string did)
    {
        var profile = new JsonObject { ["did"] = did, ["handle"] = _handlesByDid.GetValueOrDefault(did, "handle.invalid") };
        if (_displayNames.TryGetValue(did, out var name))
        {
            profile["displayName"] = name;
        }

        profile["indexedAt"] = "2026-11-20T09:00:00.000Z";
        return profile;
    }

    /// <summary>The <c>limit</c> of a list query: 1–100, 50 when absent, as the lexicons say; else 400 <c>InvalidRequest</c>.</summary>
    private static bool TryLimit(HttpContext context, out int limit, out IResult invalid)
    {
        invalid = Results.Empty;
        var text = context.Request.Query["limit"].ToString();
        if (text.Length == 0)
        {
            limit = 50;
            return true;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit is >= 1 and <= 100)
        {
            return true;
        }

        invalid = Results.Json(new { error = "InvalidRequest", message = "limit must be between 1 and 100" }, statusCode: StatusCodes.Status400BadRequest);
        return false;
    }

    private object NewSession(string did, string handle)
    {
        var generation = Interlocked.Increment(ref _tokenGeneration).ToString(CultureInfo.InvariantCulture);
        var access = AccessPrefix + handle + "." + generation;
        var refresh = RefreshPrefix + handle + "." + generation;
        lock (_lock)
        {
            _accessTokens[access] = (did, handle, TokenState.Valid);
            _refreshTokens[refresh] = (did, handle);
            _handlesByDid[did] = handle;
        }

        return new { accessJwt = access, refreshJwt = refresh, handle, did, active = true };
    }

    private IResult RefreshSession(HttpContext context)
    {
        var token = Bearer(context);
        (string Did, string Handle) owner;
        lock (_lock)
        {
            if (token is null || !_refreshTokens.Remove(token, out owner))
            {
                return Results.Json(new { error = "InvalidToken", message = "Token has been revoked" }, statusCode: StatusCodes.Status400BadRequest);
            }
        }

        return Results.Json(NewSession(owner.Did, owner.Handle));
    }

    private static string? Bearer(HttpContext context) =>
        context.Request.Headers.Authorization.ToString() is { } header && header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..] : null;

    /// <summary>The signed-in account of a request, or the error a PDS gives for its token.</summary>
    private (string Did, string Handle)? SignedIn(HttpContext context, out IResult? refusal)
    {
        var token = Bearer(context);
        lock (_lock)
        {
            if (token is not null && _accessTokens.TryGetValue(token, out var session))
            {
                refusal = session.State switch
                {
                    TokenState.Expired => Results.Json(new { error = "ExpiredToken", message = "Token has expired" }, statusCode: StatusCodes.Status400BadRequest),
                    TokenState.Revoked => Results.Json(new { error = "InvalidToken", message = "Token could not be verified" }, statusCode: StatusCodes.Status401Unauthorized),
                    _ => null,
                };
                return refusal is null ? (session.Did, session.Handle) : null;
            }
        }

        refusal = Results.Json(new { error = "AuthenticationRequired", message = "Authentication Required" }, statusCode: StatusCodes.Status401Unauthorized);
        return null;
    }

    private IResult ResolveHandle(HttpContext context)
    {
        var handle = context.Request.Query["handle"].ToString();
        if (Handles.TryGetValue(handle, out var did))
        {
            return Results.Json(new { did });
        }

        return Accounts.ContainsKey(handle)
            ? Results.Json(new { did = DidOf(handle.ToLowerInvariant()) })
            : Results.Json(new { error = "HandleNotFound", message = "Unable to resolve handle" }, statusCode: StatusCodes.Status400BadRequest);
    }

    private async Task<IResult> UploadBlobAsync(HttpContext context)
    {
        if (SignedIn(context, out var refusal) is null)
        {
            return refusal!;
        }

        using var content = new MemoryStream();
        await context.Request.Body.CopyToAsync(content, context.RequestAborted);
        var bytes = content.ToArray();
        var mimeType = context.Request.ContentType ?? "application/octet-stream";
        var cid = Cid("bafkrei", bytes);
        lock (_lock)
        {
            _blobs[cid] = (mimeType, bytes);
        }

        Blobs.Enqueue((cid, mimeType, bytes));
        return Results.Json(new JsonObject
        {
            ["blob"] = new JsonObject { ["$type"] = "blob", ["ref"] = new JsonObject { ["$link"] = cid }, ["mimeType"] = mimeType, ["size"] = bytes.Length },
        });
    }

    private async Task CreateRecordAsync(HttpContext context)
    {
        if (SignedIn(context, out var refusal) is not { } account)
        {
            await refusal!.ExecuteAsync(context);
            return;
        }

        var input = (await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted))!.AsObject();
        var repo = input["repo"]?.GetValue<string>();
        var collection = input["collection"]?.GetValue<string>() ?? "";
        var recordKey = input["rkey"]?.GetValue<string>() ?? NextTid();
        var record = input["record"] as JsonObject;
        string? invalid = null;
        if (repo != account.Did && repo != account.Handle)
        {
            invalid = $"Could not find repo: {repo}";
        }
        else if (!IsRecordKey(recordKey))
        {
            invalid = $"Invalid record key: {recordKey}";
        }
        else if (record is null || record["$type"]?.GetValue<string>() != collection)
        {
            invalid = $"Invalid $type: expected {collection}";
        }
        else if (collection == "app.bsky.feed.post" && new StringInfo(record["text"]?.GetValue<string>() ?? "").LengthInTextElements > 300)
        {
            invalid = "Invalid app.bsky.feed.post record: Record/text must not be longer than 300 graphemes";
        }
        else if (collection == ListCollection && Encoding.UTF8.GetByteCount(record["name"]?.GetValue<string>() ?? "") is 0 or > 64)
        {
            invalid = "Invalid app.bsky.graph.list record: Record/name must not be longer than 64 characters";
        }
        else if (BlobLinks(record).FirstOrDefault(link => !HasBlob(link)) is { } missing)
        {
            invalid = $"Could not find blob: {missing}";
        }

        if (invalid is not null)
        {
            await Results.Json(new { error = "InvalidRequest", message = invalid }, statusCode: StatusCodes.Status400BadRequest).ExecuteAsync(context);
            return;
        }

        var uri = $"at://{account.Did}/{collection}/{recordKey}";
        var json = record!.ToJsonString();
        var cid = Cid("bafyrei", Encoding.UTF8.GetBytes(json));
        lock (_lock)
        {
            if (!_records.TryAdd(uri, (cid, json)))
            {
                uri = "";
            }
        }

        if (uri.Length == 0)
        {
            // The repository's tree already holds the key: "There is already a value at key", a plain error, hence 500.
            await Results.Json(new { error = "InternalServerError", message = "Internal Server Error" }, statusCode: StatusCodes.Status500InternalServerError).ExecuteAsync(context);
            return;
        }

        if (_faults.TryPeek(out var fault) && fault.Drop && fault.Method == "com.atproto.repo.createRecord" && _faults.TryDequeue(out _))
        {
            context.Abort();
            return;
        }

        await Results.Json(new { uri, cid, commit = new { cid = "bafyreicommit" + Interlocked.Increment(ref _tokenGeneration), rev = NextTid() }, validationStatus = "valid" }).ExecuteAsync(context);
    }

    private IResult GetRecord(HttpContext context)
    {
        var query = context.Request.Query;
        var repo = query["repo"].ToString();
        string? did;
        lock (_lock)
        {
            did = repo.StartsWith("did:", StringComparison.Ordinal) ? repo : _handlesByDid.FirstOrDefault(pair => string.Equals(pair.Value, repo, StringComparison.OrdinalIgnoreCase)).Key;
        }

        var uri = $"at://{did}/{query["collection"]}/{query["rkey"]}";
        (string Cid, string Json) found;
        lock (_lock)
        {
            if (!_records.TryGetValue(uri, out found))
            {
                return Results.Json(new { error = "RecordNotFound", message = $"Could not locate record: {uri}" }, statusCode: StatusCodes.Status400BadRequest);
            }
        }

        return Results.Json(new JsonObject { ["uri"] = uri, ["cid"] = found.Cid, ["value"] = JsonNode.Parse(found.Json) });
    }

    private async Task<IResult> DeleteRecordAsync(HttpContext context)
    {
        if (SignedIn(context, out var refusal) is not { } account)
        {
            return refusal!;
        }

        var input = (await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted))!.AsObject();
        if (input["repo"]?.GetValue<string>() is not { } repo || (repo != account.Did && repo != account.Handle))
        {
            return Results.Json(new { error = "InvalidRequest", message = "Could not find repo" }, statusCode: StatusCodes.Status400BadRequest);
        }

        lock (_lock)
        {
            _records.Remove($"at://{account.Did}/{input["collection"]?.GetValue<string>()}/{input["rkey"]?.GetValue<string>()}");
        }

        return Results.Json(new { commit = new { cid = "bafyreicommit", rev = NextTid() } });
    }

    /// <summary>Post views of the records asked for; missing ones are left out, as the AppView leaves them out.</summary>
    private IResult GetPosts(HttpContext context)
    {
        if (SignedIn(context, out var refusal) is null)
        {
            return refusal!;
        }

        var posts = new JsonArray();
        foreach (var uri in context.Request.Query["uris"].Select(uri => uri!))
        {
            lock (_lock)
            {
                if (!_records.TryGetValue(uri, out var found))
                {
                    continue;
                }

                var did = uri["at://".Length..uri.IndexOf('/', "at://".Length)];
                var handle = _handlesByDid.GetValueOrDefault(did, "handle.invalid");
                posts.Add(new JsonObject
                {
                    ["uri"] = uri,
                    ["cid"] = found.Cid,
                    ["author"] = new JsonObject { ["did"] = did, ["handle"] = handle, ["displayName"] = handle },
                    ["record"] = JsonNode.Parse(found.Json),
                    ["indexedAt"] = "2026-11-27T08:00:01.000Z",
                });
            }
        }

        return Results.Json(new JsonObject { ["posts"] = posts });
    }

    private async Task RecordAndFailAsync(HttpContext context, RequestDelegate next)
    {
        RecordedRequests.Enqueue(await RecordedHttpRequest.ReadAsync(context));
        var method = context.Request.Path.Value?.Replace("/xrpc/", "", StringComparison.Ordinal) ?? "";
        if (_faults.TryPeek(out var fault) && !fault.Drop && fault.Method == method && _faults.TryDequeue(out _))
        {
            if (fault.Status < 0)
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            }

            if (fault.Status == StatusCodes.Status429TooManyRequests)
            {
                context.Response.Headers["RateLimit-Limit"] = "3000";
                context.Response.Headers["RateLimit-Remaining"] = "0";
                context.Response.Headers["RateLimit-Reset"] = RateLimitReset.ToString(CultureInfo.InvariantCulture);
                context.Response.Headers["RateLimit-Policy"] = "3000;w=300";
            }

            context.Response.StatusCode = fault.Status;
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(fault.Body, context.RequestAborted);
            return;
        }

        await next(context);
    }

    private bool HasBlob(string link)
    {
        lock (_lock)
        {
            return _blobs.ContainsKey(link);
        }
    }

    /// <summary>The <c>ref.$link</c> of every blob the record refers to, wherever it is.</summary>
    private static IEnumerable<string> BlobLinks(JsonNode? node) => node switch
    {
        JsonObject blob when blob["$type"]?.GetValue<string>() == "blob" => [blob["ref"]?["$link"]?.GetValue<string>() ?? ""],
        JsonObject other => other.SelectMany(property => BlobLinks(property.Value)),
        JsonArray array => array.SelectMany(BlobLinks),
        _ => [],
    };

    /// <summary>Record key syntax (the atproto interop files): 1–512 of <c>A–Z a–z 0–9 . _ : ~ -</c>, not <c>.</c> or <c>..</c>.</summary>
    private static bool IsRecordKey(string key) =>
        key.Length is >= 1 and <= 512 && key is not ("." or "..") && key.All(character => char.IsAsciiLetterOrDigit(character) || character is '.' or '_' or ':' or '~' or '-');

    private string NextTid() => "3mz" + Interlocked.Increment(ref _tokenGeneration).ToString("0000000000", CultureInfo.InvariantCulture);

    /// <summary>A CID-looking string: the prefix and the base32 of the content's SHA-256, as real CIDs look.</summary>
    private static string Cid(string prefix, byte[] content)
    {
        var hash = SHA256.HashData(content);
        var text = new StringBuilder(prefix);
        var buffer = 0;
        var bits = 0;
        foreach (var value in hash)
        {
            buffer = (buffer << 8) | value;
            bits += 8;
            while (bits >= 5)
            {
                text.Append(Base32Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }

        return text.ToString();
    }
}

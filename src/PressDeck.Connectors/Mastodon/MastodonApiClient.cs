using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using PressDeck.Connectors.Net;

namespace PressDeck.Connectors.Mastodon;

/// <summary>
/// REST reads from one Mastodon server (protocols.md 2.5–2.7): timelines and search for backfill, notifications,
/// a status and the conversation around it, and the token's account for "test the connection". Give it an
/// <see cref="HttpClient"/> built on <see cref="OutboundHttp.CreateHandler"/> (server addresses are typed in) with an
/// infinite timeout: each request has <see cref="MastodonServerOptions.RequestTimeout"/>. Failures are thrown as
/// <see cref="MastodonApiException"/> with a message for people. <c>Link</c> addresses are followed verbatim but only on
/// the server's own origin, so a hostile server cannot send the token elsewhere. Thread-safe.
/// </summary>
public sealed class MastodonApiClient(HttpClient http, MastodonServerOptions server, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>A response body larger than this is refused (40 statuses are well under a megabyte).</summary>
    public const int MaxResponseBytes = 16 * 1024 * 1024;

    /// <summary>The most statuses a timeline returns per page.</summary>
    public const int MaxTimelineLimit = 40;

    /// <summary>The most accounts a page of a list's members holds (protocols.md 2.5).</summary>
    public const int MaxListAccountsLimit = 80;

    private readonly Uri _origin = new(server.BaseUrl.GetLeftPart(UriPartial.Authority) + "/");

    private long _rateLimitedUntilTicks;

    public MastodonServerOptions Server => server;

    /// <summary>
    /// When the last response said no requests remain (<c>X-RateLimit-Remaining: 0</c>), the instant its
    /// <c>X-RateLimit-Reset</c> names; null when requests remain. Pollers wait for it before the next request.
    /// </summary>
    public DateTimeOffset? RateLimitedUntil
    {
        get
        {
            var ticks = Interlocked.Read(ref _rateLimitedUntilTicks);
            return ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    /// <summary>The account the token belongs to (<c>/api/v1/accounts/verify_credentials</c>): the connection test.</summary>
    public async Task<MastodonAccount> VerifyCredentialsAsync(CancellationToken cancellationToken)
    {
        using var document = await GetJsonAsync(Address("/api/v1/accounts/verify_credentials"), "checking the access token", cancellationToken);
        return MastodonStatusReader.TryReadAccount(document.Document.RootElement, server.ServerHost, out var account, out var error)
            ? account!
            : throw new MastodonApiException($"{server.ServerHost} answered the token check with something that is not an account: {error}");
    }

    /// <summary>The lists the account has made (<c>/api/v1/lists</c>), to follow each one's stream.</summary>
    public async Task<IReadOnlyList<MastodonList>> GetListsAsync(CancellationToken cancellationToken)
    {
        using var document = await GetJsonAsync(Address("/api/v1/lists"), "reading the account's lists", cancellationToken);
        return ReadLists(document.Document.RootElement);
    }

    /// <summary>One of the account's own lists (<c>/api/v1/lists/:id</c>), or null when there is none by that id.</summary>
    public async Task<MastodonList?> GetListAsync(string listId, CancellationToken cancellationToken)
    {
        var id = CheckedId(listId);
        try
        {
            using var document = await GetJsonAsync(Address("/api/v1/lists/" + id), $"reading list {id}", cancellationToken);
            return ReadList(document.Document.RootElement)
                ?? throw new MastodonApiException($"{server.ServerHost} answered the request for list {id} with something that is not a list.");
        }
        catch (MastodonApiException exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// The accounts on one of the account's lists (<c>/api/v1/lists/:id/accounts</c>, 80 a page), following
    /// <c>rel="next"</c> until the last page or <paramref name="max"/> accounts. An entry that is not an account is skipped.
    /// </summary>
    public async Task<IReadOnlyList<MastodonAccount>> GetListAccountsAsync(string listId, int max, CancellationToken cancellationToken)
    {
        var id = CheckedId(listId);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        var accounts = new List<MastodonAccount>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var address = Address($"/api/v1/lists/{id}/accounts?limit={MaxListAccountsLimit.ToString(CultureInfo.InvariantCulture)}");
        while (true)
        {
            using var document = await GetJsonAsync(address, $"reading the members of list {id}", cancellationToken);
            var root = document.Document.RootElement;
            if (root.ValueKind != JsonValueKind.Array)
            {
                throw new MastodonApiException($"{server.ServerHost} answered the request for the members of list {id} with something that is not a list of accounts.");
            }

            foreach (var element in root.EnumerateArray())
            {
                if (accounts.Count < max && MastodonStatusReader.TryReadAccount(element, server.ServerHost, out var account, out _) && seen.Add(account!.Id))
                {
                    accounts.Add(account);
                }
            }

            // A server that points back at the page it just sent would otherwise be read for ever.
            if (accounts.Count >= max || root.GetArrayLength() == 0 || document.Next is not { } next || next == address)
            {
                return accounts;
            }

            address = SameOrigin(next);
        }
    }

    /// <summary>Which of the account's own lists hold the account <paramref name="accountId"/> (<c>/api/v1/accounts/:id/lists</c>).</summary>
    public async Task<IReadOnlyList<MastodonList>> GetListsHoldingAsync(string accountId, CancellationToken cancellationToken)
    {
        var id = CheckedId(accountId);
        using var document = await GetJsonAsync(Address($"/api/v1/accounts/{id}/lists"), $"reading which lists hold account {id}", cancellationToken);
        return ReadLists(document.Document.RootElement);
    }

    /// <summary>An account by its handle (<c>/api/v1/accounts/lookup</c>), or null when the server does not know it.</summary>
    public async Task<MastodonAccount?> LookupAccountAsync(string handle, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(handle);
        var acct = handle.Trim().TrimStart('@');
        if (acct.EndsWith("@" + server.ServerHost, StringComparison.OrdinalIgnoreCase))
        {
            acct = acct[..^(server.ServerHost.Length + 1)];
        }

        try
        {
            using var document = await GetJsonAsync(Address("/api/v1/accounts/lookup?acct=" + Uri.EscapeDataString(acct)), $"looking up {handle}", cancellationToken);
            return MastodonStatusReader.TryReadAccount(document.Document.RootElement, server.ServerHost, out var account, out _) ? account : null;
        }
        catch (MastodonApiException exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>One status by this server's id (<c>/api/v1/statuses/:id</c>), or null when it is gone or not visible.</summary>
    public async Task<MastodonStatus?> GetStatusAsync(string statusId, CancellationToken cancellationToken)
    {
        var id = CheckedId(statusId);
        try
        {
            using var document = await GetJsonAsync(Address("/api/v1/statuses/" + id), $"reading status {id}", cancellationToken);
            return MastodonStatusReader.TryRead(document.Document.RootElement, server.ServerHost, out var status, out var error)
                ? status
                : throw new MastodonApiException($"status {id} from {server.ServerHost} cannot be read: {error}");
        }
        catch (MastodonApiException exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// This server's copy of a post known by its remote id or web address (<c>/api/v2/search</c> with
    /// <c>resolve=true</c>, which needs a user token), so its id can be used for the context; null when not found.
    /// </summary>
    public async Task<MastodonStatus?> ResolveStatusAsync(string remoteIdOrUrl, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(remoteIdOrUrl);
        var address = Address("/api/v2/search?type=statuses&resolve=true&limit=1&q=" + Uri.EscapeDataString(remoteIdOrUrl.Trim()));
        using var document = await GetJsonAsync(address, "finding the post", cancellationToken);
        var statuses = ReadStatuses(document.Document.RootElement, "statuses", out _);
        return statuses.FirstOrDefault(status => status.Post.RemoteId == remoteIdOrUrl.Trim() || status.Post.Url == remoteIdOrUrl.Trim()) ?? statuses.FirstOrDefault();
    }

    /// <summary>
    /// A post's counts as this server knows them (<c>reblogs_count</c>, <c>quotes_count</c> where the server has quotes,
    /// <c>replies_count</c>), found by its remote id or web address like <see cref="ResolveStatusAsync"/>; null when not found.
    /// </summary>
    public async Task<PostCounts?> GetCountsAsync(string remoteIdOrUrl, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(remoteIdOrUrl);
        var wanted = remoteIdOrUrl.Trim();
        var address = Address("/api/v2/search?type=statuses&resolve=true&limit=1&q=" + Uri.EscapeDataString(wanted));
        using var document = await GetJsonAsync(address, "finding the post", cancellationToken);
        if (!document.Document.RootElement.TryGetProperty("statuses", out var statuses) || statuses.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        JsonElement? found = null;
        foreach (var status in statuses.EnumerateArray())
        {
            found ??= status;
            if (String(status, "uri") == wanted || String(status, "url") == wanted)
            {
                found = status;
                break;
            }
        }

        return found is { } match ? new PostCounts(Count(match, "reblogs_count"), Count(match, "quotes_count"), Count(match, "replies_count")) : null;
    }

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int Count(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var count) && count >= 0 ? count : 0;

    /// <summary>The conversation around a status (<c>/api/v1/statuses/:id/context</c>): its ancestors, oldest first, and its descendants.</summary>
    public async Task<MastodonContext> GetContextAsync(string statusId, CancellationToken cancellationToken)
    {
        var id = CheckedId(statusId);
        using var document = await GetJsonAsync(Address($"/api/v1/statuses/{id}/context"), $"reading the conversation of status {id}", cancellationToken);
        var root = document.Document.RootElement;
        return new MastodonContext(ReadStatuses(root, "ancestors", out _), ReadStatuses(root, "descendants", out _));
    }

    /// <summary>One page of a timeline (newest first): the newest page, or the one named by <paramref name="maxId"/> (older than) or <paramref name="minId"/> (just after).</summary>
    public Task<MastodonPage<MastodonStatus>> GetTimelinePageAsync(MastodonTimeline timeline, string? maxId, string? minId, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var query = "limit=" + Math.Min(limit, MaxTimelineLimit).ToString(CultureInfo.InvariantCulture);
        if (maxId is not null)
        {
            query += "&max_id=" + CheckedId(maxId);
        }

        if (minId is not null)
        {
            query += "&min_id=" + CheckedId(minId);
        }

        return GetStatusPageAsync(Address(timeline.RestPath + (timeline.RestPath.Contains('?', StringComparison.Ordinal) ? "&" : "?") + query), cancellationToken);
    }

    /// <summary>A page of statuses at an address from a <c>Link</c> header (same origin only).</summary>
    public async Task<MastodonPage<MastodonStatus>> GetStatusPageAsync(Uri address, CancellationToken cancellationToken)
    {
        using var document = await GetJsonAsync(SameOrigin(address), "reading a timeline", cancellationToken);
        var statuses = ReadStatuses(document.Document.RootElement, null, out var refusals);
        return new MastodonPage<MastodonStatus>(statuses, document.Next, document.Previous, refusals);
    }

    /// <summary>
    /// Everything on a timeline after the status <paramref name="afterId"/>, oldest first, without gaps: pages of
    /// <c>min_id</c> (protocols.md 2.6) followed by their <c>rel="prev"</c> links until a short page or
    /// <paramref name="maxPages"/>. With no <paramref name="afterId"/>, the newest page only.
    /// </summary>
    public async Task<MastodonBatch<MastodonStatus>> GetTimelineAfterAsync(MastodonTimeline timeline, string? afterId, int limit, int maxPages, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPages, 1);
        var page = await GetTimelinePageAsync(timeline, null, afterId, limit, cancellationToken);
        var items = new List<MastodonStatus>();
        var refusals = new List<string>();
        var pages = 1;
        while (true)
        {
            items.AddRange(page.Items);
            refusals.AddRange(page.Refusals);
            var isLast = afterId is null || page.Items.Count + page.Refusals.Count < Math.Min(limit, MaxTimelineLimit) || page.Previous is null;
            if (isLast || pages >= maxPages)
            {
                return new MastodonBatch<MastodonStatus>(Ascending(items), refusals, isLast);
            }

            page = await GetStatusPageAsync(page.Previous!, cancellationToken);
            pages++;
        }
    }

    /// <summary>Backfill: a timeline from the newest status back, following <c>rel="next"</c> for at most <paramref name="maxPages"/> pages; oldest first.</summary>
    public async Task<MastodonBatch<MastodonStatus>> BackfillTimelineAsync(MastodonTimeline timeline, int maxPages, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPages, 1);
        var page = await GetTimelinePageAsync(timeline, null, null, MaxTimelineLimit, cancellationToken);
        var items = new List<MastodonStatus>();
        var refusals = new List<string>();
        for (var pages = 1; ; pages++)
        {
            items.AddRange(page.Items);
            refusals.AddRange(page.Refusals);
            var isLast = page.Next is null || page.Items.Count + page.Refusals.Count == 0;
            if (isLast || pages >= maxPages)
            {
                return new MastodonBatch<MastodonStatus>(Ascending(items), refusals, isLast);
            }

            page = await GetStatusPageAsync(page.Next!, cancellationToken);
        }
    }

    /// <summary>
    /// Backfill by full-text search (<c>/api/v2/search?type=statuses</c>, 40 a page, paged by <c>offset</c>, which
    /// needs a user token), at most <paramref name="maxPages"/> pages; oldest first. What search finds depends on the
    /// server (only posts that opted in, or the user's own).
    /// </summary>
    public async Task<MastodonBatch<MastodonStatus>> SearchStatusesAsync(string query, int maxPages, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPages, 1);
        var items = new List<MastodonStatus>();
        var refusals = new List<string>();
        for (var pages = 0; pages < maxPages; pages++)
        {
            var address = Address($"/api/v2/search?type=statuses&limit={MaxTimelineLimit}&offset={(pages * MaxTimelineLimit).ToString(CultureInfo.InvariantCulture)}&q={Uri.EscapeDataString(query.Trim())}");
            using var document = await GetJsonAsync(address, "searching", cancellationToken);
            var found = ReadStatuses(document.Document.RootElement, "statuses", out var pageRefusals);
            items.AddRange(found);
            refusals.AddRange(pageRefusals);
            if (found.Count + pageRefusals.Count < MaxTimelineLimit)
            {
                return new MastodonBatch<MastodonStatus>(Ascending(items), refusals, true);
            }
        }

        return new MastodonBatch<MastodonStatus>(Ascending(items), refusals, false);
    }

    /// <summary>
    /// The token owner's notifications after <paramref name="afterId"/>, oldest first (<c>min_id</c> and
    /// <c>rel="prev"</c>, as for timelines); with no <paramref name="afterId"/>, the newest page. <paramref name="types"/>
    /// narrows them (<c>types[]</c>, e.g. <see cref="MastodonNotification.InboxTypes"/>).
    /// </summary>
    public async Task<MastodonBatch<MastodonNotification>> GetNotificationsAfterAsync(string? afterId, IReadOnlyCollection<string>? types, int maxPages, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPages, 1);
        const int Limit = 80;
        var query = "limit=" + Limit.ToString(CultureInfo.InvariantCulture);
        if (afterId is not null)
        {
            query += "&min_id=" + CheckedId(afterId);
        }

        foreach (var type in types ?? [])
        {
            query += "&types[]=" + Uri.EscapeDataString(type);
        }

        var address = Address("/api/v1/notifications?" + query);
        var items = new List<MastodonNotification>();
        var refusals = new List<string>();
        for (var pages = 1; ; pages++)
        {
            using var document = await GetJsonAsync(address, "reading notifications", cancellationToken);
            var count = 0;
            if (document.Document.RootElement.ValueKind == JsonValueKind.Array)
            {
                foreach (var element in document.Document.RootElement.EnumerateArray())
                {
                    count++;
                    if (MastodonStatusReader.TryReadNotification(element, server.ServerHost, out var notification, out var error))
                    {
                        items.Add(notification!);
                    }
                    else
                    {
                        refusals.Add(error!);
                    }
                }
            }

            var isLast = afterId is null || count < Limit || document.Previous is null;
            if (isLast || pages >= maxPages)
            {
                var ordered = items.DistinctBy(notification => notification.Id).ToList();
                ordered.Sort((left, right) => MastodonId.Compare(left.Id, right.Id));
                return new MastodonBatch<MastodonNotification>(ordered, refusals, isLast);
            }

            address = SameOrigin(document.Previous!);
        }
    }

    /// <summary>Where the server's streaming API lives (<c>configuration.urls.streaming</c> of <c>/api/v2/instance</c>), or null when it does not say.</summary>
    public async Task<Uri?> GetStreamingUrlAsync(CancellationToken cancellationToken)
    {
        using var document = await GetJsonAsync(Address("/api/v2/instance"), "reading the server's settings", cancellationToken);
        var root = document.Document.RootElement;
        return root.ValueKind == JsonValueKind.Object
            && root.TryGetProperty("configuration", out var configuration) && configuration.ValueKind == JsonValueKind.Object
            && configuration.TryGetProperty("urls", out var urls)
            && MastodonStatusReader.String(urls, "streaming") is { } streaming
            && Uri.TryCreate(streaming, UriKind.Absolute, out var address) && address.Scheme is "wss" or "ws" or "https" or "http"
            ? address
            : null;
    }

    internal Uri Address(string pathAndQuery) => new(_origin, pathAndQuery);

    internal void Authorize(HttpRequestMessage request)
    {
        if (!string.IsNullOrEmpty(server.AccessToken))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", server.AccessToken);
        }
    }

    /// <summary>Words for a refused response, with the server's <c>{"error": …}</c> text when it sent one.</summary>
    internal static string Explain(HttpStatusCode status, string? serverError, string host, string doing)
    {
        var code = ((int)status).ToString(CultureInfo.InvariantCulture);
        var meaning = (int)status switch
        {
            401 => "the access token is missing, wrong or revoked",
            403 => "the account may not do this (not permitted, disabled or not yet approved)",
            404 => "not found, or not visible to this account",
            410 => "gone (the account was suspended)",
            422 => "the server refused the request",
            429 => "too many requests: the server's rate limit is reached",
            503 => "the server is down for maintenance",
            >= 500 => "the server failed",
            _ => "the request was refused",
        };
        return $"{host} answered {code} while {doing}: {meaning}" + (string.IsNullOrWhiteSpace(serverError) ? "." : $" (\"{MastodonStatusReader.Shorten(serverError.Trim())}\").");
    }

    private List<MastodonList> ReadLists(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Array)
        {
            throw new MastodonApiException($"{server.ServerHost} answered the lists request with something that is not a list of lists.");
        }

        return [.. root.EnumerateArray().Select(ReadList).OfType<MastodonList>()];
    }

    private static MastodonList? ReadList(JsonElement item) =>
        MastodonStatusReader.String(item, "id") is { } id && MastodonId.IsValid(id)
            ? new MastodonList(id, MastodonStatusReader.String(item, "title") ?? "list")
            : null;

    private static string CheckedId(string id) =>
        MastodonId.IsValid(id) ? id : throw new ArgumentException($"\"{id}\" is not a Mastodon id.", nameof(id));

    private static List<MastodonStatus> Ascending(List<MastodonStatus> statuses)
    {
        var distinct = statuses.DistinctBy(status => status.Id).ToList();
        distinct.Sort((left, right) => MastodonId.Compare(left.Id, right.Id));
        return distinct;
    }

    private List<MastodonStatus> ReadStatuses(JsonElement root, string? property, out List<string> refusals)
    {
        refusals = [];
        var statuses = new List<MastodonStatus>();
        var list = property is null ? root : root.ValueKind == JsonValueKind.Object && root.TryGetProperty(property, out var inner) ? inner : default;
        if (list.ValueKind != JsonValueKind.Array)
        {
            if (property is null)
            {
                refusals.Add("the answer is not a list of statuses");
            }

            return statuses;
        }

        foreach (var element in list.EnumerateArray())
        {
            if (MastodonStatusReader.TryRead(element, server.ServerHost, out var status, out var error))
            {
                statuses.Add(status!);
            }
            else
            {
                refusals.Add(error!);
            }
        }

        return statuses;
    }

    private Uri SameOrigin(Uri address) =>
        address.IsAbsoluteUri && Uri.Compare(address, _origin, UriComponents.SchemeAndServer, UriFormat.SafeUnescaped, StringComparison.OrdinalIgnoreCase) == 0
            ? address
            : throw new MastodonApiException($"{server.ServerHost} pointed to a page on another server ({address.GetLeftPart(UriPartial.Authority)}), which PressDeck does not follow.");

    private async Task<JsonAnswer> GetJsonAsync(Uri address, string doing, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(server.RequestTimeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, address);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        Authorize(request);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var body = await ReadBodyAsync(response, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw new MastodonApiException(
                    Explain(response.StatusCode, ErrorText(body), server.ServerHost, doing),
                    response.StatusCode,
                    RetryDelay.Requested(response, _time.GetUtcNow()));
            }

            var now = _time.GetUtcNow();
            Interlocked.Exchange(ref _rateLimitedUntilTicks, RetryDelay.Requested(response, now) is { } wait ? (now + wait).UtcTicks : 0);
            var (next, previous) = MastodonLinkHeader.Parse(response.Headers.TryGetValues("Link", out var links) ? string.Join(", ", links) : null);
            try
            {
                return new JsonAnswer(JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 }), next, previous);
            }
            catch (JsonException exception)
            {
                throw new MastodonApiException($"{server.ServerHost} answered with malformed JSON while {doing} ({MastodonStatusReader.FirstSentence(exception.Message)}).", response.StatusCode, inner: exception);
            }
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MastodonApiException($"{server.ServerHost} did not answer within {server.RequestTimeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s while {doing}.", inner: exception);
        }
        catch (HttpRequestException exception) when (exception is not MastodonApiException)
        {
            throw new MastodonApiException($"{server.ServerHost} could not be reached while {doing}: {exception.Message}", exception.StatusCode, inner: exception);
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > MaxResponseBytes)
        {
            throw new MastodonApiException($"the answer is {response.Content.Headers.ContentLength} bytes, more than the {MaxResponseBytes} allowed.", response.StatusCode);
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxResponseBytes)
            {
                throw new MastodonApiException($"the answer is more than the {MaxResponseBytes} bytes allowed.", response.StatusCode);
            }

            buffer.Write(chunk.AsSpan(0, read));
        }

        return buffer.ToArray();
    }

    /// <summary>The server's own words in an error answer (<c>error</c>, with <c>error_description</c> when it sent one), or null.</summary>
    internal static string? ErrorText(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return MastodonStatusReader.String(document.RootElement, "error_description") is { } description
                ? $"{MastodonStatusReader.String(document.RootElement, "error")}: {description}"
                : MastodonStatusReader.String(document.RootElement, "error");
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record JsonAnswer(JsonDocument Document, Uri? Next, Uri? Previous) : IDisposable
    {
        public void Dispose() => Document.Dispose();
    }
}

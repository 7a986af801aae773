using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace PressDeck.Connectors.X;

/// <summary>
/// REST reads from the X API v2 (protocols.md 3.2, 3.5, 3.8, 3.9): recent search for backfill and polling, the
/// mentions of the office's account, the conversation around a post, lookups by id and <c>users/me</c> to test a
/// connection. Every call takes the token to use: the app-only bearer token, or the office's user token (mentions
/// and <c>users/me</c> need user context). Failures throw <see cref="XApiException"/> with X's own explanation and,
/// for 429, the wait X asked for; partial errors in a 200 are returned beside the posts, never thrown.
/// </summary>
public sealed class XApiClient
{
    /// <summary>The most ids one lookup takes.</summary>
    public const int MaxLookupIds = 100;

    /// <summary>The longest recent-search query to plan for (protocols.md 3.4).</summary>
    public const int MaxSearchQueryLength = 512;

    private readonly XRequestSender _sender;
    private readonly TimeProvider _time;

    public XApiClient(HttpClient http, IOptions<XOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _sender = new XRequestSender(http, options.Value, time);
        _time = time;
    }

    /// <summary>
    /// One page of <c>/2/tweets/search/recent</c>: posts newer than <paramref name="sinceId"/> (when given), the page
    /// after <paramref name="nextToken"/> (when given), newest first; <c>meta.newest_id</c> is the next since_id.
    /// </summary>
    public async Task<XReadResult> SearchRecentAsync(string query, string? sinceId, string? nextToken, int maxResults, IXTokenSource token, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Length, MaxSearchQueryLength);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxResults, 10);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxResults, 100);
        var path = new StringBuilder("/2/tweets/search/recent?query=").Append(Uri.EscapeDataString(query));
        AppendId(path, "since_id", sinceId);
        if (nextToken is not null)
        {
            path.Append("&next_token=").Append(Uri.EscapeDataString(nextToken));
        }

        path.Append("&max_results=").Append(maxResults.ToString(CultureInfo.InvariantCulture)).Append('&').Append(XFields.Query);
        return Read("recent search", await _sender.SendAsync("recent search", HttpMethod.Get, path.ToString(), null, token, cancellationToken));
    }

    /// <summary>
    /// Every page of a recent search, following <c>next_token</c>, up to <paramref name="maxPages"/> pages (each
    /// page costs a request from the 15-minute window and posts from the monthly cap).
    /// </summary>
    public async IAsyncEnumerable<XReadResult> SearchRecentPagesAsync(string query, string? sinceId, int maxPages, IXTokenSource token, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPages, 1);
        string? next = null;
        for (var page = 0; page < maxPages; page++)
        {
            var result = await SearchRecentAsync(query, sinceId, next, 100, token, cancellationToken);
            yield return result;
            next = result.Meta?.NextToken;
            if (next is null)
            {
                yield break;
            }
        }
    }

    /// <summary>
    /// One page of <c>/2/users/:id/mentions</c> (user token of that account, or the app token for public accounts):
    /// posts mentioning the account newer than <paramref name="sinceId"/>; <paramref name="paginationToken"/> is the
    /// previous page's <c>meta.next_token</c>.
    /// </summary>
    public async Task<XReadResult> GetMentionsAsync(string userId, string? sinceId, string? paginationToken, int maxResults, IXTokenSource token, CancellationToken cancellationToken)
    {
        if (!XTweetReader.IsId(userId))
        {
            throw new ArgumentException($"'{userId}' is not an X user id", nameof(userId));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(maxResults, 5);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxResults, 100);
        var path = new StringBuilder("/2/users/").Append(userId).Append("/mentions?max_results=").Append(maxResults.ToString(CultureInfo.InvariantCulture));
        AppendId(path, "since_id", sinceId);
        if (paginationToken is not null)
        {
            path.Append("&pagination_token=").Append(Uri.EscapeDataString(paginationToken));
        }

        path.Append('&').Append(XFields.Query);
        return Read("mentions", await _sender.SendAsync("mentions", HttpMethod.Get, path.ToString(), null, token, cancellationToken));
    }

    /// <summary>Posts by id (<c>/2/tweets?ids=</c>), up to <see cref="MaxLookupIds"/>; ids X cannot return come back as partial errors.</summary>
    public async Task<XReadResult> LookupAsync(IReadOnlyCollection<string> ids, IXTokenSource token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ids.Count, MaxLookupIds);
        if (ids.Count == 0)
        {
            return new XReadResult([], [], [], null, []);
        }

        return Read("post lookup", await LookupBodyAsync(ids, token, cancellationToken));
    }

    /// <summary>
    /// A post's counts (<c>public_metrics</c>: <c>retweet_count</c>, <c>quote_count</c>, <c>reply_count</c> of
    /// <c>/2/tweets/:id</c>), or null when X cannot return it (deleted, protected).
    /// </summary>
    public async Task<PostCounts?> GetCountsAsync(string tweetId, IXTokenSource token, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tweetId);
        if (!tweetId.All(char.IsAsciiDigit))
        {
            throw new ArgumentException("An X post id is digits only.", nameof(tweetId));
        }

        var body = await _sender.SendAsync("post counts", HttpMethod.Get, $"/2/tweets/{tweetId}?tweet.fields=public_metrics", null, token, cancellationToken);
        try
        {
            using var document = JsonDocument.Parse(body);
            if (!document.RootElement.TryGetProperty("data", out var data) || !data.TryGetProperty("public_metrics", out var metrics) || metrics.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            return new PostCounts(Metric(metrics, "retweet_count"), Metric(metrics, "quote_count"), Metric(metrics, "reply_count"));
        }
        catch (JsonException exception)
        {
            throw new HttpRequestException($"X answered the post counts with something that is not JSON: {exception.Message}", exception);
        }
    }

    private static int Metric(JsonElement metrics, string name) =>
        metrics.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var count) && count >= 0 ? count : 0;

    /// <summary>
    /// The conversation a post belongs to, so an officer sees what a question replies to: the post's
    /// <c>conversation_id</c> is looked up, then the conversation's first post and its replies from the last 7 days
    /// (<c>conversation_id:</c> search, up to <paramref name="maxPages"/> pages). The first post comes first.
    /// </summary>
    public async Task<XReadResult> GetConversationAsync(string tweetId, int maxPages, IXTokenSource token, CancellationToken cancellationToken)
    {
        var askedBody = await LookupBodyAsync([tweetId], token, cancellationToken);
        var asked = Read("post lookup", askedBody);
        if (ConversationIdOf(askedBody) is not { } conversationId)
        {
            return asked;
        }

        var root = conversationId == tweetId ? asked : Read("post lookup", await LookupBodyAsync([conversationId], token, cancellationToken));
        var posts = new List<Core.Posts.Post>(root.Posts);
        var refusals = new List<XRefusal>(root.Refusals);
        var problems = new List<XProblem>(root.Problems);
        await foreach (var page in SearchRecentPagesAsync("conversation_id:" + conversationId, null, maxPages, token, cancellationToken))
        {
            posts.AddRange(page.Posts.Where(post => !posts.Exists(known => known.RemoteId == post.RemoteId)));
            refusals.AddRange(page.Refusals);
            problems.AddRange(page.Problems);
        }

        // A post older than the search's 7 days still belongs in its own conversation.
        posts.AddRange(asked.Posts.Where(post => !posts.Exists(known => known.RemoteId == post.RemoteId)));
        return new XReadResult(posts, refusals, problems, null, []);
    }

    /// <summary>The account the token belongs to (<c>/2/users/me</c>, user context): "test the connection".</summary>
    public async Task<XUser> GetMeAsync(IXTokenSource token, CancellationToken cancellationToken)
    {
        var body = await _sender.SendAsync("users/me", HttpMethod.Get, "/2/users/me?user.fields=" + Uri.EscapeDataString(XFields.UserFields), null, token, cancellationToken);
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
                && Text(data, "id") is { } id && XTweetReader.IsId(id)
                && Text(data, "username") is { } username && XTweetReader.IsUsername(username))
            {
                return new XUser(id, username, Text(data, "name") ?? username);
            }
        }
        catch (JsonException exception)
        {
            throw new XApiException("users/me answered something that is not JSON", exception);
        }

        throw new XApiException("users/me answered without an account id and username");
    }

    private Task<byte[]> LookupBodyAsync(IReadOnlyCollection<string> ids, IXTokenSource token, CancellationToken cancellationToken)
    {
        if (ids.FirstOrDefault(id => !XTweetReader.IsId(id)) is { } bad)
        {
            throw new ArgumentException($"'{bad}' is not an X post id", nameof(ids));
        }

        return _sender.SendAsync("post lookup", HttpMethod.Get, "/2/tweets?ids=" + string.Join("%2C", ids) + "&" + XFields.Query, null, token, cancellationToken);
    }

    private static string? ConversationIdOf(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("data", out var data))
            {
                return null;
            }

            var tweet = data.ValueKind == JsonValueKind.Array && data.GetArrayLength() > 0 ? data[0] : data;
            return tweet.ValueKind == JsonValueKind.Object && Text(tweet, "conversation_id") is { } id && XTweetReader.IsId(id) ? id : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private XReadResult Read(string operation, byte[] body)
    {
        if (!XTweetReader.TryRead(body, out var result, out var error, _time.GetUtcNow().UtcDateTime))
        {
            throw new XApiException($"{operation} answered something PressDeck cannot read: {error}");
        }

        // TryRead returns a result whenever it returns true.
        return result!;
    }

    private static void AppendId(StringBuilder path, string name, string? id)
    {
        if (id is null)
        {
            return;
        }

        if (!XTweetReader.IsId(id))
        {
            throw new ArgumentException($"'{id}' is not an X id", name);
        }

        path.Append('&').Append(name).Append('=').Append(id);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

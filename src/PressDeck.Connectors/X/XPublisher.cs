using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using PressDeck.Connectors.Net;
using PressDeck.Core.Posts;
using PressDeck.Core.Publishing;

namespace PressDeck.Connectors.X;

/// <summary>
/// Publishes from the office's X account with its OAuth 2.0 user token (<see cref="PublishingAccount.Secret"/>;
/// <see cref="PublishingAccount.RemoteAccountId"/> is the account's user id): images through <c>POST /2/media/upload</c>
/// and their alt text through <c>POST /2/media/metadata</c>, then <c>POST /2/tweets</c> (protocols.md 3.6, 3.7).
/// <para>
/// X has no idempotency key, so nothing here is ever sent twice on its own. Failures are sorted by what they mean for
/// the post: the connection could not be made, or the body was never sent → <see cref="PublishFailureKind.Transient"/>;
/// the body was sent and no answer came (time-out, dropped connection), or X answered 5xx to <c>POST /2/tweets</c> →
/// <see cref="PublishFailureKind.OutcomeUnknown"/>, and the caller must call <see cref="FindPublishedAsync"/> before
/// anything else; 429 → Transient with the wait X asked for; any other 4xx → <see cref="PublishFailureKind.Refused"/>
/// with X's own words. A failed image upload is only Transient: an unused upload expires on its own and shows nowhere.
/// </para>
/// <para>
/// Remaining risk of <see cref="FindPublishedAsync"/>: it compares texts in a form that undoes X's link shortening,
/// HTML escaping and whitespace trimming; a link X recognises that PressDeck's pattern does not (an unusual top-level
/// domain) makes the texts differ, the post is reported absent, and a retry publishes it a second time (X then refuses
/// the copy as a duplicate only if the text is identical, which it is). A lookup sooner than <see cref="SettleTime"/>
/// after the post was committed cannot be sure yet and fails as Transient.
/// </para>
/// <para>
/// A retweet (<see cref="OutgoingPost.RepostOf"/>) is <c>POST /2/users/:id/retweets</c> with <c>{"tweet_id": …}</c>. X
/// retweets a post at most once per account (a second request answers <c>retweeted: true</c>, or is refused as already
/// retweeted, which counts as success here), so unlike a post a retweet whose answer was lost is
/// <see cref="PublishFailureKind.Transient"/>: sending it again is the lookup. Its remote id is
/// <c>retweet:SOURCE_ID</c> (<see cref="RetweetIdPrefix"/>), because undoing it needs the retweeted post's id
/// (<c>DELETE /2/users/:id/retweets/:source_tweet_id</c>), not the retweet's own, which X may not even return.
/// </para>
/// Thread-safe; holds no state between calls.
/// </summary>
public sealed class XPublisher : IPostPublisher
{
    /// <summary>The remote id of a retweet is this prefix and the id of the retweeted post.</summary>
    public const string RetweetIdPrefix = "retweet:";

    /// <summary>Images per post on X.</summary>
    public const int MaxImages = 4;

    /// <summary>The longest alt text X keeps, in characters (protocols.md 3.7).</summary>
    public const int MaxAltTextLength = 1000;

    /// <summary>The largest image <c>POST /2/media/upload</c> takes in one request (protocols.md 3.7).</summary>
    public const long MaxImageBytes = 5_000_000;

    /// <summary>
    /// How long after a post was committed X's timeline of the account is taken to show it: a lookup before then
    /// that does not find the post fails as Transient rather than answering "certainly absent".
    /// </summary>
    public static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(30);

    /// <summary>Uploads carry up to 5 MB and get more time than the other calls.</summary>
    private static readonly TimeSpan MediaUploadTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Pages of the account's timeline read by one lookup (100 posts each).</summary>
    private const int MaxLookupPages = 5;

    private const int MaxAnswerBytes = 1024 * 1024;

    private readonly HttpClient _http;
    private readonly XOptions _options;
    private readonly TimeProvider _time;

    public XPublisher(HttpClient http, IOptions<XOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _http = http;
        _options = options.Value;
        _time = time;
    }

    public Network Network => Network.X;

    public async Task<PublishedPost> PublishAsync(PublishingAccount account, OutgoingPost post, CancellationToken cancellationToken)
    {
        CheckAccount(account);
        ArgumentNullException.ThrowIfNull(post);
        if (post.RepostProblem() is { } problem)
        {
            throw new PublishException(PublishFailureKind.Refused, problem);
        }

        if (post.RepostOf is { } repostOf)
        {
            return await RetweetAsync(account, repostOf, cancellationToken);
        }

        CheckBeforeSending(post);

        var mediaIds = new List<string>(post.Images.Count);
        for (var index = 0; index < post.Images.Count; index++)
        {
            var image = post.Images[index];
            var number = $"image {index + 1} of {post.Images.Count}";
            var mediaId = await UploadAsync(account, image, $"Uploading {number} to X", cancellationToken);
            await DescribeAsync(account, mediaId, image.AltText, $"Adding the description of {number} on X", cancellationToken);
            mediaIds.Add(mediaId);
        }

        const string Doing = "Publishing the post on X";
        var body = new XRequestBody(TweetJson(post, mediaIds), "application/json");
        var answer = await SendAsync(Doing, HttpMethod.Post, "/2/tweets", body, account.Secret, _options.RequestTimeout, PublishFailureKind.OutcomeUnknown, cancellationToken);
        EnsureSuccess(Doing, answer, PublishFailureKind.Refused, PublishFailureKind.OutcomeUnknown);
        if (Data(answer.Body) is { } data && String(data, "id") is { } id && XTweetReader.IsId(id))
        {
            return new PublishedPost(id, XTweetReader.WebUrl(Username(account), id), XTweetReader.SnowflakeTime(id) ?? _time.GetUtcNow().UtcDateTime);
        }

        // The post was created (X said so) but its id cannot be read: only a lookup can tell which it is.
        throw new PublishException(PublishFailureKind.OutcomeUnknown, $"{Doing}: X answered {(int)answer.Status} without a post id PressDeck can read, so the post is probably published; PressDeck looks for it before anything else.");
    }

    /// <summary>
    /// Looks for a post on the account's timeline (see the class remarks). A retweet is never looked for: null, since
    /// retweeting again is safe and answers the retweet that exists.
    /// </summary>
    public async Task<PublishedPost?> FindPublishedAsync(PublishingAccount account, OutgoingPost post, CancellationToken cancellationToken)
    {
        CheckAccount(account);
        ArgumentNullException.ThrowIfNull(post);
        if (post.IsRepost)
        {
            return null;
        }

        if (!XTweetReader.IsId(account.RemoteAccountId))
        {
            throw new ArgumentException($"The X account's id '{account.RemoteAccountId}' is not an X user id.", nameof(account));
        }

        const string Doing = "Looking on X for a post whose outcome is unknown";
        var createdAt = DateTime.SpecifyKind(post.CreatedAt, post.CreatedAt.Kind == DateTimeKind.Local ? DateTimeKind.Local : DateTimeKind.Utc).ToUniversalTime();
        var sent = XStoredText.OfSent(post.Text);
        var startTime = createdAt.AddMinutes(-1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        string? paginationToken = null;
        (string Id, string RemoteId, DateTime? CreatedAt)? found = null;
        for (var page = 0; page < MaxLookupPages; page++)
        {
            var path = new StringBuilder("/2/users/").Append(account.RemoteAccountId)
                .Append("/tweets?max_results=100&start_time=").Append(Uri.EscapeDataString(startTime))
                .Append("&exclude=retweets&tweet.fields=").Append(Uri.EscapeDataString("attachments,created_at,edit_history_tweet_ids,entities,note_tweet,referenced_tweets"));
            if (paginationToken is not null)
            {
                path.Append("&pagination_token=").Append(Uri.EscapeDataString(paginationToken));
            }

            var answer = await SendAsync(Doing, HttpMethod.Get, path.ToString(), null, account.Secret, _options.RequestTimeout, PublishFailureKind.Transient, cancellationToken);
            EnsureSuccess(Doing, answer, PublishFailureKind.Transient, PublishFailureKind.Transient);
            using var document = Parse(Doing, answer.Body);
            var root = document.RootElement;
            if (root.TryGetProperty("data", out var tweets) && tweets.ValueKind == JsonValueKind.Array)
            {
                foreach (var tweet in tweets.EnumerateArray())
                {
                    if (Matches(tweet, post, sent) && String(tweet, "id") is { } id && XTweetReader.IsId(id)
                        && (found is null || CompareIds(id, found.Value.Id) < 0))
                    {
                        found = (id, FirstEditId(tweet) ?? id, CreatedAtOf(tweet));
                    }
                }
            }

            paginationToken = root.TryGetProperty("meta", out var meta) && meta.ValueKind == JsonValueKind.Object ? String(meta, "next_token") : null;
            if (paginationToken is null)
            {
                break;
            }
        }

        if (found is { } match)
        {
            return new PublishedPost(match.RemoteId, XTweetReader.WebUrl(Username(account), match.Id), match.CreatedAt ?? XTweetReader.SnowflakeTime(match.Id) ?? createdAt);
        }

        var settled = createdAt + SettleTime;
        var now = _time.GetUtcNow().UtcDateTime;
        if (now < settled)
        {
            throw new PublishException(PublishFailureKind.Transient, $"{Doing}: the post is not on the account's timeline yet, but X may take a few seconds to show it; look again later.", retryAfter: settled - now);
        }

        if (paginationToken is not null)
        {
            throw new PublishException(PublishFailureKind.Transient, $"{Doing}: the account published more than {MaxLookupPages * 100} posts since this one was sent, and it is not among them; a person must check the account on x.com.");
        }

        return null;
    }

    /// <summary>Deletes a post (<c>DELETE /2/tweets/:id</c>), or undoes a retweet (<c>retweet:SOURCE_ID</c>, <c>DELETE /2/users/:id/retweets/:source_tweet_id</c>).</summary>
    public async Task DeleteAsync(PublishingAccount account, string remoteId, CancellationToken cancellationToken)
    {
        CheckAccount(account);
        ArgumentNullException.ThrowIfNull(remoteId);
        if (remoteId.StartsWith(RetweetIdPrefix, StringComparison.Ordinal))
        {
            await UndoRetweetAsync(account, remoteId[RetweetIdPrefix.Length..], cancellationToken);
            return;
        }

        if (!XTweetReader.IsId(remoteId))
        {
            throw new ArgumentException($"'{remoteId}' is not an X post id.", nameof(remoteId));
        }

        var doing = $"Deleting post {remoteId} on X";
        var answer = await SendAsync(doing, HttpMethod.Delete, "/2/tweets/" + remoteId, null, account.Secret, _options.RequestTimeout, PublishFailureKind.Transient, cancellationToken);
        if (answer.Status == HttpStatusCode.NotFound)
        {
            return;
        }

        EnsureSuccess(doing, answer, PublishFailureKind.Refused, PublishFailureKind.Transient);
        if (Data(answer.Body) is { } data && data.TryGetProperty("deleted", out var deleted) && deleted.ValueKind == JsonValueKind.False)
        {
            throw new PublishException(PublishFailureKind.Refused, $"{doing}: X answered that it did not delete the post.");
        }
    }

    /// <summary>
    /// <c>POST /2/users/:id/retweets</c>. Nothing is lost by sending it twice, so every failure after sending is
    /// Transient, and X's "already retweeted" refusal is the success of an earlier attempt.
    /// </summary>
    private async Task<PublishedPost> RetweetAsync(PublishingAccount account, PostReference repostOf, CancellationToken cancellationToken)
    {
        const string Doing = "Retweeting on X";
        CheckUserId(account);
        var sourceId = repostOf.RemoteId.Trim();
        if (!XTweetReader.IsId(sourceId))
        {
            throw new PublishException(PublishFailureKind.Refused, $"{Doing}: '{repostOf.RemoteId}' is not an X post.");
        }

        using var json = new MemoryStream();
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartObject();
            writer.WriteString("tweet_id", sourceId);
            writer.WriteEndObject();
        }

        var path = $"/2/users/{account.RemoteAccountId}/retweets";
        var answer = await SendAsync(Doing, HttpMethod.Post, path, new XRequestBody(json.ToArray(), "application/json"), account.Secret, _options.RequestTimeout, PublishFailureKind.Transient, cancellationToken);
        var remoteId = RetweetIdPrefix + sourceId;
        var url = XTweetReader.WebUrl(null, sourceId);
        if (answer.Status == HttpStatusCode.Forbidden && XProblem.ReadAll(answer.Body).Any(IsAlreadyRetweeted))
        {
            return new PublishedPost(remoteId, url, _time.GetUtcNow().UtcDateTime);
        }

        EnsureSuccess(Doing, answer, PublishFailureKind.Refused, PublishFailureKind.Transient);
        var data = Data(answer.Body);
        if (data is not { } retweet || !retweet.TryGetProperty("retweeted", out var retweeted) || retweeted.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            throw new PublishException(PublishFailureKind.Transient, $"{Doing}: X answered {(int)answer.Status} without saying whether the post was retweeted; retweeting again is safe.");
        }

        if (retweeted.ValueKind == JsonValueKind.False)
        {
            throw new PublishException(PublishFailureKind.Refused, $"{Doing}: X answered that it did not retweet post {sourceId}.");
        }

        // X's own id of the retweet, when it gives one (rest_id in newer answers, id in some), dates it.
        var ownId = String(retweet, "rest_id") ?? String(retweet, "id");
        var publishedAt = ownId is not null && XTweetReader.IsId(ownId) ? XTweetReader.SnowflakeTime(ownId) : null;
        return new PublishedPost(remoteId, url, publishedAt ?? _time.GetUtcNow().UtcDateTime);

        static bool IsAlreadyRetweeted(XProblem problem) =>
            (problem.Detail?.Contains("already retweeted", StringComparison.OrdinalIgnoreCase) ?? false)
            || (problem.Title?.Contains("already retweeted", StringComparison.OrdinalIgnoreCase) ?? false);
    }

    /// <summary><c>DELETE /2/users/:id/retweets/:source_tweet_id</c>; a retweet that is not there any more is already undone.</summary>
    private async Task UndoRetweetAsync(PublishingAccount account, string sourceId, CancellationToken cancellationToken)
    {
        CheckUserId(account);
        if (!XTweetReader.IsId(sourceId))
        {
            throw new ArgumentException($"'{RetweetIdPrefix}{sourceId}' is not the remote id of an X retweet.", nameof(sourceId));
        }

        var doing = $"Undoing the retweet of post {sourceId} on X";
        var answer = await SendAsync(doing, HttpMethod.Delete, $"/2/users/{account.RemoteAccountId}/retweets/{sourceId}", null, account.Secret, _options.RequestTimeout, PublishFailureKind.Transient, cancellationToken);
        if (answer.Status == HttpStatusCode.NotFound)
        {
            return;
        }

        EnsureSuccess(doing, answer, PublishFailureKind.Refused, PublishFailureKind.Transient);
        if (Data(answer.Body) is { } data && data.TryGetProperty("retweeted", out var retweeted) && retweeted.ValueKind == JsonValueKind.True)
        {
            throw new PublishException(PublishFailureKind.Refused, $"{doing}: X answered that the post is still retweeted.");
        }
    }

    private static void CheckUserId(PublishingAccount account)
    {
        if (!XTweetReader.IsId(account.RemoteAccountId))
        {
            throw new ArgumentException($"The X account's id '{account.RemoteAccountId}' is not an X user id.", nameof(account));
        }
    }

    /// <summary>Everything X would refuse that can be known without asking it, refused before anything is sent.</summary>
    private static void CheckBeforeSending(OutgoingPost post)
    {
        if (post.Images.Count > 0 && post.Quote is not null)
        {
            throw Refused("X does not allow images in a post that quotes another: remove the images or the quote.");
        }

        if (post.Images.Count > MaxImages)
        {
            throw Refused($"X allows at most {MaxImages} images in a post; this one has {post.Images.Count}.");
        }

        if (string.IsNullOrWhiteSpace(post.Text) && post.Images.Count == 0)
        {
            throw Refused("The post has neither text nor images.");
        }

        for (var index = 0; index < post.Images.Count; index++)
        {
            var image = post.Images[index];
            var number = (index + 1).ToString(CultureInfo.InvariantCulture);
            if (string.IsNullOrWhiteSpace(image.AltText))
            {
                throw Refused($"Image {number} has no description; PressDeck never publishes an image without one.");
            }

            var length = image.AltText.EnumerateRunes().Count();
            if (length > MaxAltTextLength)
            {
                throw Refused(string.Create(CultureInfo.InvariantCulture, $"X allows image descriptions of up to {MaxAltTextLength:N0} characters; the description of image {number} has {length:N0}. Shorten it."));
            }

            if (Extension(image.MediaType) is null)
            {
                throw Refused($"Image {number} is {image.MediaType}; X takes JPEG, PNG, WebP or GIF images.");
            }

            if (image.Content.Length > MaxImageBytes)
            {
                throw Refused(string.Create(CultureInfo.InvariantCulture, $"Image {number} is {image.Content.Length:N0} bytes; X takes images of up to {MaxImageBytes:N0} bytes. Prepare it for X first."));
            }
        }

        CheckReference(post.ReplyTo, "replies to");
        CheckReference(post.Quote, "quotes");

        static void CheckReference(PostReference? reference, string relation)
        {
            if (reference is not null && !XTweetReader.IsId(reference.RemoteId))
            {
                throw Refused($"The post {relation} '{reference.RemoteId}', which is not an X post.");
            }
        }

        static PublishException Refused(string message) => new(PublishFailureKind.Refused, "Publishing the post on X: " + message);
    }

    private static void CheckAccount(PublishingAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (account.Network != Network.X)
        {
            throw new ArgumentException($"{account} is not an X account.", nameof(account));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(account.Secret, nameof(account));
    }

    /// <summary><c>POST /2/media/upload</c>, multipart, one image: its media id.</summary>
    private async Task<string> UploadAsync(PublishingAccount account, OutgoingImage image, string doing, CancellationToken cancellationToken)
    {
        byte[] bytes;
        string contentType;
        using (var form = new MultipartFormDataContent())
        {
            var media = new ByteArrayContent(image.Content.ToArray());
            media.Headers.ContentType = new MediaTypeHeaderValue(image.MediaType);
            form.Add(media, "media", "image" + Extension(image.MediaType));
            form.Add(Field("tweet_image"), "media_category");
            form.Add(Field(image.MediaType), "media_type");
            bytes = await form.ReadAsByteArrayAsync(cancellationToken);
            contentType = form.Headers.ContentType?.ToString() ?? "multipart/form-data";
        }

        var answer = await SendAsync(doing, HttpMethod.Post, "/2/media/upload", new XRequestBody(bytes, contentType), account.Secret, MediaUploadTimeout, PublishFailureKind.Transient, cancellationToken);
        EnsureSuccess(doing, answer, PublishFailureKind.Refused, PublishFailureKind.Transient);
        return Data(answer.Body) is { } data && String(data, "id") is { } id && XTweetReader.IsId(id)
            ? id
            : throw new PublishException(PublishFailureKind.Transient, $"{doing}: X answered without a media id.");

        static StringContent Field(string value)
        {
            var field = new StringContent(value);
            field.Headers.ContentType = null;
            return field;
        }
    }

    /// <summary><c>POST /2/media/metadata</c>: the alt text of an uploaded image.</summary>
    private async Task DescribeAsync(PublishingAccount account, string mediaId, string altText, string doing, CancellationToken cancellationToken)
    {
        using var json = new MemoryStream();
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartObject();
            writer.WriteString("id", mediaId);
            writer.WriteStartObject("metadata");
            writer.WriteStartObject("alt_text");
            writer.WriteString("text", altText.Trim());
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        var answer = await SendAsync(doing, HttpMethod.Post, "/2/media/metadata", new XRequestBody(json.ToArray(), "application/json"), account.Secret, _options.RequestTimeout, PublishFailureKind.Transient, cancellationToken);
        EnsureSuccess(doing, answer, PublishFailureKind.Refused, PublishFailureKind.Transient);
    }

    /// <summary>The body of <c>POST /2/tweets</c>: text (left out for images alone), reply target, quoted post, media ids in order.</summary>
    private static byte[] TweetJson(OutgoingPost post, List<string> mediaIds)
    {
        using var json = new MemoryStream();
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartObject();
            if (!string.IsNullOrWhiteSpace(post.Text))
            {
                writer.WriteString("text", post.Text);
            }

            if (post.ReplyTo is { } replyTo)
            {
                // The archive keys an X post by its id (the first version's, for an edited post), which is what X takes here.
                writer.WriteStartObject("reply");
                writer.WriteString("in_reply_to_tweet_id", replyTo.RemoteId);
                writer.WriteEndObject();
            }

            if (post.Quote is { } quote)
            {
                writer.WriteString("quote_tweet_id", quote.RemoteId);
            }

            if (mediaIds.Count > 0)
            {
                writer.WriteStartObject("media");
                writer.WriteStartArray("media_ids");
                foreach (var id in mediaIds)
                {
                    writer.WriteStringValue(id);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return json.ToArray();
    }

    /// <summary>
    /// Sends one request, never twice. A failure before the body went out is Transient; after it (or for a request
    /// without a body, once a connection was made), <paramref name="unknownOutcome"/>.
    /// </summary>
    private async Task<Answer> SendAsync(string doing, HttpMethod method, string pathAndQuery, XRequestBody? body, string token, TimeSpan timeout, PublishFailureKind unknownOutcome, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        using var request = new HttpRequestMessage(method, new Uri(_options.ApiUrl, pathAndQuery)) { Content = body };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var answered = false;
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            answered = true;
            var content = await ReadAsync(response, deadline.Token);
            return new Answer(response.StatusCode, content, RetryAfterOf(response));
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or OperationCanceledException or InvalidDataException)
        {
            var reachedX = answered || (body is not null ? body.HasStartedSending : !IsConnectFailure(exception));
            var kind = reachedX ? unknownOutcome : PublishFailureKind.Transient;
            if (cancellationToken.IsCancellationRequested && kind != PublishFailureKind.OutcomeUnknown)
            {
                throw;
            }

            var what = exception switch
            {
                _ when cancellationToken.IsCancellationRequested => "PressDeck stopped waiting (it is shutting down)",
                OperationCanceledException => string.Create(CultureInfo.InvariantCulture, $"X did not answer within {timeout.TotalSeconds:0.#} s"),
                InvalidDataException => exception.Message,
                HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } => "the name of X's server did not resolve",
                _ when !reachedX => $"X could not be reached ({exception.Message})",
                _ => $"the connection ended ({exception.Message})",
            };
            var consequence = kind == PublishFailureKind.OutcomeUnknown
                ? "after the request was sent, so X may or may not have published the post; PressDeck looks for it before anything else"
                : reachedX ? "so it can be tried again" : "before anything was sent, so it can be tried again";
            throw new PublishException(kind, $"{doing}: {what}, {consequence}.", exception);
        }
    }

    /// <summary>Only a failure to connect proves that a request without a body never reached X.</summary>
    private static bool IsConnectFailure(Exception exception) =>
        exception is HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError };

    private static async Task<byte[]> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > MaxAnswerBytes)
        {
            throw new InvalidDataException($"X's answer is larger than {MaxAnswerBytes:N0} bytes");
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var memory = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (memory.Length + read > MaxAnswerBytes)
            {
                throw new InvalidDataException($"X's answer is larger than {MaxAnswerBytes:N0} bytes");
            }

            await memory.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }

        return memory.ToArray();
    }

    /// <summary>
    /// The wait a 429 asks for: <c>Retry-After</c>, or <c>x-rate-limit-reset</c> when <c>x-rate-limit-remaining</c>
    /// is 0 (protocols.md 3.9). A 429 with requests remaining is a usage cap, which names no time: null, back off.
    /// </summary>
    private TimeSpan? RetryAfterOf(HttpResponseMessage response)
    {
        var remaining = response.Headers.TryGetValues("x-rate-limit-remaining", out var values) ? values.FirstOrDefault()?.Trim() : null;
        return response.Headers.RetryAfter is not null || remaining == "0" ? RetryDelay.Requested(response, _time.GetUtcNow()) : null;
    }

    private static void EnsureSuccess(string doing, Answer answer, PublishFailureKind clientError, PublishFailureKind serverError)
    {
        if ((int)answer.Status is >= 200 and < 300)
        {
            return;
        }

        var problems = XProblem.ReadAll(answer.Body);
        var error = new XApiException("X", answer.Status, problems, answer.RetryAfter);
        if (answer.Status == HttpStatusCode.TooManyRequests)
        {
            throw new PublishException(PublishFailureKind.Transient, $"{doing}: {error.Message}", error, answer.RetryAfter);
        }

        if ((int)answer.Status >= 500)
        {
            var consequence = serverError == PublishFailureKind.OutcomeUnknown
                ? "; X may or may not have published the post, so PressDeck looks for it before anything else"
                : "";
            throw new PublishException(serverError, $"{doing}: {error.Message.TrimEnd('.')}{consequence}.", error, answer.RetryAfter);
        }

        if (answer.Status == HttpStatusCode.Forbidden && problems.Any(IsDuplicate))
        {
            throw new PublishException(clientError, $"{doing}: X refused it as a duplicate of a post the account has already published ({string.Join("; ", problems.Select(problem => problem.Describe()))}).", error);
        }

        throw new PublishException(clientError, $"{doing}: {error.Message}", error, answer.RetryAfter);

        static bool IsDuplicate(XProblem problem) =>
            (problem.Detail?.Contains("duplicate", StringComparison.OrdinalIgnoreCase) ?? false)
            || (problem.Title?.Contains("duplicate", StringComparison.OrdinalIgnoreCase) ?? false);
    }

    /// <summary>Whether a post of the account's timeline is <paramref name="post"/>: same text as X keeps it, same reply target, same quoted post, as many images.</summary>
    private static bool Matches(JsonElement tweet, OutgoingPost post, string sentText)
    {
        if (tweet.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        var text = tweet.TryGetProperty("note_tweet", out var note) && note.ValueKind == JsonValueKind.Object && String(note, "text") is { } fullText
            ? fullText
            : String(tweet, "text");
        if (text is null)
        {
            return false;
        }

        var mediaCount = tweet.TryGetProperty("attachments", out var attachments) && attachments.ValueKind == JsonValueKind.Object
            && attachments.TryGetProperty("media_keys", out var keys) && keys.ValueKind == JsonValueKind.Array
            ? keys.GetArrayLength()
            : 0;
        return mediaCount == post.Images.Count
            && Referenced(tweet, "replied_to") == post.ReplyTo?.RemoteId
            && Referenced(tweet, "quoted") == post.Quote?.RemoteId
            && XStoredText.OfStored(text, MediaLinks(tweet), post.Images.Count > 0) == sentText;
    }

    private static string? Referenced(JsonElement tweet, string type)
    {
        if (!tweet.TryGetProperty("referenced_tweets", out var references) || references.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var reference in references.EnumerateArray())
        {
            if (reference.ValueKind == JsonValueKind.Object && String(reference, "type") == type)
            {
                return String(reference, "id");
            }
        }

        return null;
    }

    /// <summary>The <c>t.co</c> links X added for attached media (<c>entities.urls</c> with a <c>media_key</c>, or shown as <c>pic.x.com/…</c>).</summary>
    private static List<string> MediaLinks(JsonElement tweet)
    {
        var links = new List<string>();
        if (tweet.TryGetProperty("entities", out var entities) && entities.ValueKind == JsonValueKind.Object
            && entities.TryGetProperty("urls", out var urls) && urls.ValueKind == JsonValueKind.Array)
        {
            foreach (var url in urls.EnumerateArray())
            {
                if (url.ValueKind == JsonValueKind.Object && String(url, "url") is { } link
                    && (url.TryGetProperty("media_key", out _) || (String(url, "display_url") ?? "").StartsWith("pic.", StringComparison.OrdinalIgnoreCase)))
                {
                    links.Add(link);
                }
            }
        }

        return links;
    }

    private static string? FirstEditId(JsonElement tweet) =>
        tweet.TryGetProperty("edit_history_tweet_ids", out var history) && history.ValueKind == JsonValueKind.Array && history.GetArrayLength() > 0
            && history[0].ValueKind == JsonValueKind.String && XTweetReader.IsId(history[0].GetString())
            ? history[0].GetString()
            : null;

    private static DateTime? CreatedAtOf(JsonElement tweet) =>
        String(tweet, "created_at") is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed.UtcDateTime
            : null;

    private static int CompareIds(string left, string right) =>
        left.Length != right.Length ? left.Length.CompareTo(right.Length) : string.CompareOrdinal(left, right);

    private static JsonDocument Parse(string doing, byte[] body)
    {
        try
        {
            return JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException exception)
        {
            throw new PublishException(PublishFailureKind.Transient, $"{doing}: X answered something that is not JSON.", exception);
        }
    }

    /// <summary>The <c>data</c> object of an answer, or null when there is none or the answer is not JSON.</summary>
    private static JsonElement? Data(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 32 });
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
                ? data.Clone()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Username(PublishingAccount account) => account.Handle.Trim().TrimStart('@');

    /// <summary>The file extension of an image type X takes (protocols.md 3.7 lists bmp and tiff too, which no phone sends), or null.</summary>
    private static string? Extension(string mediaType) => mediaType.ToLowerInvariant() switch
    {
        "image/jpeg" => ".jpg",
        "image/png" => ".png",
        "image/webp" => ".webp",
        "image/gif" => ".gif",
        _ => null,
    };

    private sealed record Answer(HttpStatusCode Status, byte[] Body, TimeSpan? RetryAfter);
}

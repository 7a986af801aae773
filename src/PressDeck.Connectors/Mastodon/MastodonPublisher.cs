using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using PressDeck.Connectors.Net;
using PressDeck.Core.Posts;
using PressDeck.Core.Publishing;

namespace PressDeck.Connectors.Mastodon;

/// <summary>
/// Publishes posts to a Mastodon server with the account's access token (protocols.md 2.2, 2.3 and 2.7): each image
/// goes to <c>POST /api/v2/media</c> with its alt text as <c>description</c> (waiting for it when the server processes
/// it first), then <c>POST /api/v1/statuses</c> with <c>Idempotency-Key: RequestKey</c>, so a retry with the same key
/// within the hour returns the status the first attempt created instead of posting twice. That is why every failure
/// after sending, a lost answer included, is <see cref="PublishFailureKind.Transient"/> here, never
/// <see cref="PublishFailureKind.OutcomeUnknown"/>. Give it an <see cref="HttpClient"/> built on
/// <see cref="OutboundHttp.CreateHandler"/> (server addresses are typed in). Thread-safe.
/// </summary>
/// <remarks>
/// Remote ids are the archive's (<see cref="MastodonStatusReader"/>): a status's <c>uri</c>, its ActivityPub id. A post
/// replied to or quoted, or one to delete, is turned back into this server's status id: directly when the address is
/// one of this server's own (<c>/users/NAME/statuses/ID</c>, <c>/ap/users/ACCOUNT/statuses/ID</c>, <c>/@NAME/ID</c>),
/// else through <c>/api/v2/search?resolve=true</c>, which fetches a remote post onto this server. A bare id is taken
/// as this server's id. A boost (<see cref="OutgoingPost.RepostOf"/>) is <c>POST /api/v1/statuses/:id/reblog</c>; its remote
/// id is the boost's own <c>uri</c> (<c>/users/NAME/statuses/ID/activity</c>), and deleting that status undoes the boost.
/// </remarks>
public sealed partial class MastodonPublisher(HttpClient http, TimeProvider time, ILogger<MastodonPublisher> logger, MastodonPublishingOptions? options = null)
    : IPostPublisher
{
    /// <summary>An answer larger than this is refused (a status is a few kilobytes).</summary>
    private const int MaxResponseBytes = 2 * 1024 * 1024;

    private readonly MastodonPublishingOptions _options = options ?? new MastodonPublishingOptions();

    public Network Network => Network.Mastodon;

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
            return await BoostAsync(account, post, repostOf, cancellationToken);
        }

        CheckImages(post);
        var host = HostOf(account);

        // The posts referred to are looked up first, so that a post that cannot be found leaves no uploaded images behind.
        var replyToId = post.ReplyTo is { } reply ? await FindStatusIdAsync(account, reply.RemoteId, "the post being replied to", cancellationToken) : null;
        var quoteId = post.Quote is { } quote ? await FindStatusIdAsync(account, quote.RemoteId, "the quoted post", cancellationToken) : null;
        if (post.ReplyTo is not null && replyToId is null)
        {
            throw new PublishException(PublishFailureKind.Refused, $"The post being replied to ({post.ReplyTo.RemoteId}) cannot be found from {host}; it may have been deleted.");
        }

        if (post.Quote is not null && quoteId is null)
        {
            throw new PublishException(PublishFailureKind.Refused, $"The quoted post ({post.Quote.RemoteId}) cannot be found from {host}; it may have been deleted.");
        }

        var mediaIds = new List<string>();
        for (var index = 0; index < post.Images.Count; index++)
        {
            mediaIds.Add(await UploadImageAsync(account, post.Images[index], index + 1, cancellationToken));
        }

        var fields = new List<KeyValuePair<string, string>> { new("status", post.Text), new("visibility", "public") };
        fields.AddRange(mediaIds.Select(id => new KeyValuePair<string, string>("media_ids[]", id)));
        if (replyToId is not null)
        {
            fields.Add(new("in_reply_to_id", replyToId));
        }

        if (quoteId is not null)
        {
            fields.Add(new("quoted_status_id", quoteId));
        }

        if (!string.IsNullOrWhiteSpace(post.Language))
        {
            fields.Add(new("language", post.Language.Trim()));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, Address(account, "/api/v1/statuses")) { Content = new FormUrlEncodedContent(fields) };

        // Mastodon keeps the key for an hour and answers a repeat with the status the first request created (protocols.md 2.2).
        request.Headers.Add("Idempotency-Key", post.RequestKey);
        var answer = await SendAsync(account, request, "publishing the post", isCreatingPost: true, cancellationToken);
        if (answer.Status != HttpStatusCode.OK)
        {
            throw Failure(host, answer, "publishing the post", "the post");
        }

        if (!MastodonStatusReader.TryRead(answer.Body, host, out var status, out var error))
        {
            throw new PublishException(
                PublishFailureKind.Transient,
                $"{host} accepted the post but answered with something PressDeck cannot read ({error}). Sending it again with the same Idempotency-Key within the hour returns the post if it was created, rather than posting twice.");
        }

        LogPublished(host, status.Post.RemoteId, mediaIds.Count);
        return new PublishedPost(status.Post.RemoteId, status.Post.Url, status.Post.CreatedAt);
    }

    /// <summary>
    /// <c>POST /api/v1/statuses/:id/reblog</c> of the post's status on this server, with the post's Idempotency-Key too.
    /// Mastodon answers a second boost of the same status with the boost that exists, so a resend after a lost answer
    /// never boosts twice. The answer is the boost itself, a status whose <c>reblog</c> is the original: its <c>uri</c>
    /// (<c>…/statuses/ID/activity</c>) is the remote id, and since a boost has no page of its own its address is the
    /// original's.
    /// </summary>
    private async Task<PublishedPost> BoostAsync(PublishingAccount account, OutgoingPost post, PostReference repostOf, CancellationToken cancellationToken)
    {
        var host = HostOf(account);
        var id = await FindStatusIdAsync(account, repostOf.RemoteId, "the post to boost", cancellationToken)
            ?? throw new PublishException(PublishFailureKind.Refused, $"The post to boost ({repostOf.RemoteId}) cannot be found from {host}; it may have been deleted.");
        using var request = new HttpRequestMessage(HttpMethod.Post, Address(account, $"/api/v1/statuses/{Uri.EscapeDataString(id)}/reblog"))
        {
            Content = new FormUrlEncodedContent([new KeyValuePair<string, string>("visibility", "public")]),
        };
        request.Headers.Add("Idempotency-Key", post.RequestKey);
        var answer = await SendAsync(account, request, "boosting the post", isCreatingPost: true, cancellationToken);
        if (answer.Status != HttpStatusCode.OK)
        {
            throw Failure(host, answer, "boosting the post", "the boost");
        }

        if (!MastodonStatusReader.TryRead(answer.Body, host, out var status, out var error) || !status.Post.IsRepost)
        {
            throw new PublishException(
                PublishFailureKind.Transient,
                $"{host} accepted the boost but answered with something PressDeck cannot read ({error ?? "not a boost"}). Boosting again returns the boost if it was made, rather than boosting twice.");
        }

        LogPublished(host, status.Post.RemoteId, 0);
        return new PublishedPost(status.Post.RemoteId, status.Post.Url, status.Post.CreatedAt);
    }

    /// <summary>
    /// Always null: Mastodon cannot be asked whether an <c>Idempotency-Key</c> was used, and matching the account's
    /// recent statuses by their HTML would be guesswork. Null is safe here only because <see cref="PublishAsync"/> never
    /// reports <see cref="PublishFailureKind.OutcomeUnknown"/>: a retry with the same key within the hour returns the
    /// status a lost attempt created instead of a second one.
    /// </summary>
    public Task<PublishedPost?> FindPublishedAsync(PublishingAccount account, OutgoingPost post, CancellationToken cancellationToken)
    {
        CheckAccount(account);
        ArgumentNullException.ThrowIfNull(post);
        return Task.FromResult<PublishedPost?>(null);
    }

    public async Task DeleteAsync(PublishingAccount account, string remoteId, CancellationToken cancellationToken)
    {
        CheckAccount(account);
        ArgumentException.ThrowIfNullOrWhiteSpace(remoteId);
        var host = HostOf(account);
        if (await FindStatusIdAsync(account, remoteId, "the post to delete", cancellationToken) is not { } id)
        {
            // The server cannot find it any more: it is already gone.
            LogDeleted(host, remoteId);
            return;
        }

        using var request = new HttpRequestMessage(HttpMethod.Delete, Address(account, "/api/v1/statuses/" + id));
        var answer = await SendAsync(account, request, "deleting the post", isCreatingPost: false, cancellationToken);
        if (answer.Status is not (HttpStatusCode.OK or HttpStatusCode.NotFound))
        {
            throw Failure(host, answer, "deleting the post", "the deletion");
        }

        LogDeleted(host, remoteId);
    }

    private static void CheckAccount(PublishingAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (account.Network != Network.Mastodon)
        {
            throw new ArgumentException($"{account} is not a Mastodon account.", nameof(account));
        }
    }

    private static void CheckImages(OutgoingPost post)
    {
        for (var index = 0; index < post.Images.Count; index++)
        {
            var image = post.Images[index];
            if (string.IsNullOrWhiteSpace(image.AltText))
            {
                throw new PublishException(PublishFailureKind.Refused, $"Image {index + 1} has no description (alt text); PressDeck does not publish images without one.");
            }

            if (!MediaTypeHeaderValue.TryParse(image.MediaType, out _) || image.Content.IsEmpty)
            {
                throw new PublishException(PublishFailureKind.Refused, $"Image {index + 1} is empty or has no valid media type (\"{image.MediaType}\").");
            }
        }
    }

    private static string HostOf(PublishingAccount account) => account.Server.IdnHost.ToLowerInvariant();

    private static Uri Address(PublishingAccount account, string pathAndQuery) =>
        new(new Uri(account.Server.GetLeftPart(UriPartial.Authority) + "/"), pathAndQuery);

    /// <summary>Uploads one image with its alt text and returns its media id once the server has processed it.</summary>
    private async Task<string> UploadImageAsync(PublishingAccount account, OutgoingImage image, int number, CancellationToken cancellationToken)
    {
        var host = HostOf(account);
        var doing = $"uploading image {number.ToString(CultureInfo.InvariantCulture)}";
        using var content = new MultipartFormDataContent();
        var file = new ReadOnlyMemoryContent(image.Content);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(image.MediaType);
        content.Add(file, "file", FileName(image.MediaType, number));

        // A plain form field, as a browser sends it: no content type of its own.
        var description = new StringContent(image.AltText);
        description.Headers.ContentType = null;
        content.Add(description, "description");
        using var request = new HttpRequestMessage(HttpMethod.Post, Address(account, "/api/v2/media")) { Content = content };
        var answer = await SendAsync(account, request, doing, isCreatingPost: false, cancellationToken);
        if (answer.Status is not (HttpStatusCode.OK or HttpStatusCode.Accepted))
        {
            throw Failure(host, answer, doing, $"image {number.ToString(CultureInfo.InvariantCulture)}");
        }

        var id = MediaId(answer.Body) ?? throw new PublishException(
            PublishFailureKind.Transient,
            $"{host} answered the upload of image {number.ToString(CultureInfo.InvariantCulture)} without a media id.");
        if (answer.Status == HttpStatusCode.OK)
        {
            return id;
        }

        // 202: accepted, still processing; the media is ready when GET answers 200 (206 meanwhile).
        LogProcessing(host, number);
        var deadline = time.GetUtcNow() + _options.MediaProcessingTimeout;
        while (time.GetUtcNow() < deadline)
        {
            await Task.Delay(_options.MediaPollInterval, time, cancellationToken);
            using var poll = new HttpRequestMessage(HttpMethod.Get, Address(account, "/api/v1/media/" + id));
            var state = await SendAsync(account, poll, doing, isCreatingPost: false, cancellationToken);
            if (state.Status == HttpStatusCode.OK)
            {
                return id;
            }

            if (state.Status != HttpStatusCode.PartialContent)
            {
                throw Failure(host, state, doing, $"image {number.ToString(CultureInfo.InvariantCulture)}");
            }
        }

        throw new PublishException(
            PublishFailureKind.Transient,
            $"{host} was still processing image {number.ToString(CultureInfo.InvariantCulture)} after {_options.MediaProcessingTimeout.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s; nothing was posted.");
    }

    private static string FileName(string mediaType, int number)
    {
        var extension = mediaType.Split(';')[0].Trim().ToLowerInvariant() switch
        {
            "image/jpeg" or "image/jpg" => "jpg",
            "image/png" => "png",
            "image/gif" => "gif",
            "image/webp" => "webp",
            "image/avif" => "avif",
            "image/heic" => "heic",
            _ => "bin",
        };
        return $"image-{number.ToString(CultureInfo.InvariantCulture)}.{extension}";
    }

    private static string? MediaId(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return MastodonStatusReader.String(document.RootElement, "id") is { } id && MastodonId.IsValid(id) ? id : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// This server's id of the status at <paramref name="remoteId"/> (see the remarks on the class), or null when the
    /// server cannot find it. A search result counts only when its <c>uri</c> or <c>url</c> is the address asked for.
    /// </summary>
    private async Task<string?> FindStatusIdAsync(PublishingAccount account, string remoteId, string what, CancellationToken cancellationToken)
    {
        var text = remoteId.Trim();
        if (MastodonId.IsValid(text))
        {
            return text;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var address) || address.Scheme is not ("https" or "http"))
        {
            throw new PublishException(PublishFailureKind.Refused, $"\"{MastodonStatusReader.Shorten(text)}\" ({what}) is not the address of a Mastodon post.");
        }

        if (LocalStatusId(account, address) is { } local)
        {
            return local;
        }

        var server = new MastodonServerOptions { BaseUrl = account.Server, AccessToken = account.Secret, RequestTimeout = _options.RequestTimeout };
        try
        {
            var found = await new MastodonApiClient(http, server, time).ResolveStatusAsync(text, cancellationToken);
            return found is not null && (found.Post.RemoteId == text || found.Post.Url == text) ? found.Id : null;
        }
        catch (MastodonApiException exception)
        {
            var kind = exception.StatusCode switch
            {
                _ when HttpAnswers.AddressRefusal(exception) is not null => PublishFailureKind.Refused,
                null or HttpStatusCode.TooManyRequests => PublishFailureKind.Transient,
                { } status when (int)status >= 500 => PublishFailureKind.Transient,
                _ => PublishFailureKind.Refused,
            };
            throw new PublishException(kind, $"Finding {what} failed, so nothing was posted: {exception.Message}", exception, exception.RetryAfter);
        }
    }

    /// <summary>The status id in one of this server's own status addresses, or null for any other address.</summary>
    private static string? LocalStatusId(PublishingAccount account, Uri address)
    {
        if (!string.Equals(address.IdnHost, account.Server.IdnHost, StringComparison.OrdinalIgnoreCase) || address.Port != account.Server.Port)
        {
            return null;
        }

        var segments = address.AbsolutePath.Trim('/').Split('/');
        var id = segments switch
        {
            ["users", _, "statuses", var statusId] => statusId,
            ["ap", "users", _, "statuses", var statusId] => statusId,

            // A boost's uri: the boost is a status of its own, whose id this is.
            ["users", _, "statuses", var statusId, "activity"] => statusId,
            ["ap", "users", _, "statuses", var statusId, "activity"] => statusId,
            [var user, var statusId] when user.StartsWith('@') => statusId,
            _ => null,
        };
        return MastodonId.IsValid(id) ? id : null;
    }

    /// <summary>
    /// Sends one request with the account's token within <see cref="MastodonPublishingOptions.RequestTimeout"/> and
    /// reads the whole answer. A request that fails on the way is thrown as a transient <see cref="PublishException"/>.
    /// </summary>
    private async Task<MastodonAnswer> SendAsync(PublishingAccount account, HttpRequestMessage request, string doing, bool isCreatingPost, CancellationToken cancellationToken)
    {
        var host = HostOf(account);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", account.Secret);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        // Real time, as HttpClient.Timeout: a guard on the network, not one of the publisher's own waits.
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        linked.CancelAfter(_options.RequestTimeout);

        // Only a post sent with its Idempotency-Key can be sent again without a second copy appearing.
        var afterSending = isCreatingPost
            ? " The post may have been created; sending it again with the same Idempotency-Key within the hour returns it rather than posting twice."
            : "";
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var body = await ReadBodyAsync(response, linked.Token);
            return new MastodonAnswer(response.StatusCode, body, RetryDelay.Requested(response, time.GetUtcNow()));
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            var seconds = _options.RequestTimeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
            throw new PublishException(PublishFailureKind.Transient, $"{host} did not answer within {seconds} s while {doing}.{afterSending}", exception);
        }
        catch (HttpRequestException exception) when (HttpAnswers.AddressRefusal(exception) is { } refusal)
        {
            throw new PublishException(PublishFailureKind.Refused, $"PressDeck does not connect to {host}: {refusal.Message}", exception);
        }
        catch (HttpRequestException exception) when (HttpAnswers.IsBeforeSending(exception))
        {
            throw new PublishException(PublishFailureKind.Transient, $"{host} could not be reached while {doing} ({Reason(exception)}); nothing was sent.", exception);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            throw new PublishException(PublishFailureKind.Transient, $"The connection to {host} broke while {doing} ({Reason(exception)}).{afterSending}", exception);
        }
    }

    /// <summary>The most specific words for a network failure ("Connection refused", "The response ended prematurely"), without a final full stop.</summary>
    private static string Reason(Exception exception) => exception.GetBaseException().Message.Trim().TrimEnd('.');

    private static Task<byte[]> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        HttpAnswers.ReadAtMostAsync(response, MaxResponseBytes, "The answer", cancellationToken);

    /// <summary>
    /// What a refused or failed answer means (protocols.md 2.7), with Mastodon's own <c>{"error": …}</c> words, which are in
    /// the account's language: validation (422) and permission failures need a person; rate limits and server errors
    /// pass, and resending is safe since the post carries its Idempotency-Key and an image upload creates no post.
    /// </summary>
    private static PublishException Failure(string host, MastodonAnswer answer, string doing, string subject)
    {
        var error = ErrorText(answer.Body);
        var code = ((int)answer.Status).ToString(CultureInfo.InvariantCulture);
        var words = error is null ? "" : $" (\"{error}\")";
        return (int)answer.Status switch
        {
            401 => new PublishException(PublishFailureKind.Refused, $"{host} refused the access token while {doing}: it is missing, wrong or revoked{words}. Connect the account again."),
            403 => new PublishException(PublishFailureKind.Refused, $"{host} does not let this account do this ({doing}): the account may be suspended, disabled or not yet approved, or the token lacks write access{words}."),
            422 when error is not null => new PublishException(PublishFailureKind.Refused, $"{host} refused {subject}: {error}"),
            429 => new PublishException(PublishFailureKind.Transient, $"{host} asked PressDeck to slow down while {doing} (429, its rate limit){words}.", retryAfter: answer.RetryAfter),
            >= 500 => new PublishException(PublishFailureKind.Transient, $"{host} failed while {doing} ({code}){words}.", retryAfter: answer.RetryAfter),
            _ => new PublishException(PublishFailureKind.Refused, $"{host} refused {subject} ({code}){words}."),
        };
    }

    private static string? ErrorText(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var error = MastodonStatusReader.String(document.RootElement, "error")?.Trim();
            return MastodonStatusReader.String(document.RootElement, "error_description")?.Trim() is { Length: > 0 } description
                ? $"{error}: {description}"
                : string.IsNullOrEmpty(error) ? null : error;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record MastodonAnswer(HttpStatusCode Status, byte[] Body, TimeSpan? RetryAfter);

    [LoggerMessage(EventId = 4251, Level = LogLevel.Information, Message = "Published {RemoteId} on {Host} with {Images} images")]
    private partial void LogPublished(string host, string remoteId, int images);

    [LoggerMessage(EventId = 4252, Level = LogLevel.Debug, Message = "{Host} is processing image {Number}; waiting for it")]
    private partial void LogProcessing(string host, int number);

    [LoggerMessage(EventId = 4253, Level = LogLevel.Information, Message = "Deleted {RemoteId} on {Host}")]
    private partial void LogDeleted(string host, string remoteId);
}

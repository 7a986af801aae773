using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using PressDeck.Connectors.Net;
using PressDeck.Core.Posts;
using PressDeck.Core.Publishing;

namespace PressDeck.Connectors.Bluesky;

/// <summary>
/// Publishes posts to Bluesky from an account's server (its PDS or the bsky.social entryway) with its app password
/// (protocols.md 1.3–1.9): signs in once and keeps the session (<see cref="BlueskyPublishingSessions"/>), looks up the
/// posts replied to or quoted (<c>app.bsky.feed.getPosts</c>, for their CID and thread root), resolves mentioned handles
/// (<c>com.atproto.identity.resolveHandle</c>), uploads the images just before the record that refers to them
/// (<c>uploadBlob</c>), and creates the record with <see cref="OutgoingPost.RequestKey"/> as its record key. Since the key
/// is fixed, a second attempt cannot create a second post: the repository already holds a record at that key, so the
/// server refuses the write, and the publisher then finds the record there (<c>com.atproto.repo.getRecord</c>) and returns
/// it. A lost answer to <c>createRecord</c> is <see cref="PublishFailureKind.OutcomeUnknown"/>; the pipeline then calls
/// <see cref="FindPublishedAsync"/>. A repost (<see cref="OutgoingPost.RepostOf"/>) is an <c>app.bsky.feed.repost</c>
/// record at the same key, whose subject is the original's strong reference (looked up like a quoted post), so it is
/// made at most once in the same way. Give it an <see cref="HttpClient"/> built on <see cref="OutboundHttp.CreateHandler"/>
/// (servers are typed in). Thread-safe.
/// </summary>
/// <remarks>
/// Remote ids are the archive's (<see cref="JetstreamEventReader"/>): a post's <c>at://DID/app.bsky.feed.post/RKEY</c>
/// URI, so the post published and its copy read back from Jetstream are one post; a repost's is its
/// <c>at://DID/app.bsky.feed.repost/RKEY</c> record URI, which <see cref="DeleteAsync"/> deletes to undo it. Replies and quotes also accept the
/// post's bsky.app address.
/// </remarks>
public sealed partial class BlueskyPublisher(HttpClient http, TimeProvider time, ILogger<BlueskyPublisher> logger, BlueskyPublishingOptions? options = null)
    : IPostPublisher
{
    /// <summary>The most images one post holds (<c>app.bsky.embed.images</c>).</summary>
    public const int MaxImages = 4;

    /// <summary>The largest image blob the post lexicon accepts (protocols.md 1.5).</summary>
    public const int MaxImageBytes = 2_000_000;

    /// <summary>Longest answer read from the server (a post view with its thread is a few kilobytes).</summary>
    private const int MaxResponseBytes = 1024 * 1024;

    private readonly BlueskyPublishingOptions _options = options ?? new BlueskyPublishingOptions();
    private readonly BlueskyPublishingSessions _sessions = new(new BlueskySessionClient(http, time));
    private readonly ConcurrentDictionary<string, (string Did, DateTimeOffset ResolvedAt)> _didsByHandle = new(StringComparer.OrdinalIgnoreCase);

    public Network Network => Network.Bluesky;

    public async Task<PublishedPost> PublishAsync(PublishingAccount account, OutgoingPost post, CancellationToken cancellationToken)
    {
        CheckAccount(account);
        ArgumentNullException.ThrowIfNull(post);
        CheckPost(post);
        var referenced = await FetchReferencedPostsAsync(account, post, cancellationToken);
        if (post.RepostOf is { } repostOf)
        {
            var original = referenced[repostOf.RemoteId];
            var repost = BlueskyPostRecord.CreateRepost(BlueskyPostRecord.StrongRef(original.Uri, original.Cid), post.CreatedAt);
            return await CreateRecordAsync(account, post, AtUri.RepostCollection, "", repost, cancellationToken);
        }

        var text = BlueskyPostRecord.TextOf(post);
        JsonObject? reply = null;
        if (post.ReplyTo is { } replyTo)
        {
            var parent = referenced[replyTo.RemoteId];

            // The thread's root is the parent's own root when the parent is itself a reply (protocols.md 1.6).
            var root = parent.Root ?? (parent.Uri, parent.Cid);
            reply = new JsonObject { ["root"] = BlueskyPostRecord.StrongRef(root.Uri, root.Cid), ["parent"] = BlueskyPostRecord.StrongRef(parent.Uri, parent.Cid) };
        }

        var quote = post.Quote is { } quoted ? BlueskyPostRecord.StrongRef(referenced[quoted.RemoteId].Uri, referenced[quoted.RemoteId].Cid) : null;
        var spans = RichText.Find(text);
        var dids = await ResolveMentionsAsync(account, spans, cancellationToken);
        var facets = BlueskyPostRecord.Facets(text, spans, dids);

        // Unreferenced blobs are collected within minutes (protocols.md 1.5): upload right before the record.
        var blobs = new List<JsonNode>();
        for (var index = 0; index < post.Images.Count; index++)
        {
            blobs.Add(await UploadBlobAsync(account, post.Images[index], index + 1, cancellationToken));
        }

        var images = post.Images.Count > 0 ? BlueskyPostRecord.ImagesEmbed(post.Images, blobs) : null;
        var record = BlueskyPostRecord.Create(text, post.CreatedAt, post.Language, facets, reply, BlueskyPostRecord.Embed(quote, images));
        return await CreateRecordAsync(account, post, AtUri.PostCollection, text, record, cancellationToken);
    }

    /// <summary>
    /// The record at the post's key in the account's repository (in <c>app.bsky.feed.repost</c> for a repost), or null
    /// when the server says there is none.
    /// </summary>
    public async Task<PublishedPost?> FindPublishedAsync(PublishingAccount account, OutgoingPost post, CancellationToken cancellationToken)
    {
        CheckAccount(account);
        ArgumentNullException.ThrowIfNull(post);
        if (!AtUri.IsRecordKey(post.RequestKey))
        {
            return null;
        }

        var collection = post.IsRepost ? AtUri.RepostCollection : AtUri.PostCollection;
        var (found, session) = await GetRecordAsync(account, collection, post.RequestKey, cancellationToken);
        return found is null ? null : Published(session, post, post.IsRepost ? "" : BlueskyPostRecord.TextOf(post), found);
    }

    /// <summary>
    /// Deletes the record <paramref name="remoteId"/> names, in the collection it names: a post
    /// (<c>app.bsky.feed.post</c>) or a repost (<c>app.bsky.feed.repost</c>, which undoes the repost).
    /// </summary>
    public async Task DeleteAsync(PublishingAccount account, string remoteId, CancellationToken cancellationToken)
    {
        CheckAccount(account);
        ArgumentException.ThrowIfNullOrWhiteSpace(remoteId);
        if (!AtUri.TryParse(remoteId.Trim(), out var uri))
        {
            throw new PublishException(PublishFailureKind.Refused, $"\"{remoteId}\" is not the at:// address of a Bluesky record, so it cannot be deleted.");
        }

        var session = await SignInAsync(account, stale: null, canRefresh: false, cancellationToken);
        if (uri.Authority != session.Did && !string.Equals(uri.Authority, session.Handle, StringComparison.OrdinalIgnoreCase))
        {
            throw new PublishException(PublishFailureKind.Refused, $"{uri} is not a post of @{session.Handle}, so it cannot delete it.");
        }

        const string method = "com.atproto.repo.deleteRecord";
        var (answer, _) = await CallAsync(
            account,
            session => Post(account, method, JsonContent(new JsonObject { ["repo"] = session.Did, ["collection"] = uri.Collection, ["rkey"] = uri.RecordKey })),
            "deleting the post",
            createsPost: false,
            cancellationToken);

        // Deleting a record that is not there succeeds (protocols.md 1.9); a server that says so anyway is agreed with.
        if (!answer.IsSuccess && !IsRecordNotFound(answer))
        {
            throw Failure(answer, "deleting the post", "the deletion", createsPost: false);
        }

        var deleted = uri.ToString();
        LogDeleted(deleted);
    }

    private static void CheckAccount(PublishingAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (account.Network != Network.Bluesky)
        {
            throw new ArgumentException($"{account} is not a Bluesky account.", nameof(account));
        }
    }

    /// <summary>What Bluesky would refuse anyway, refused before anything is sent.</summary>
    private static void CheckPost(OutgoingPost post)
    {
        if (!AtUri.IsRecordKey(post.RequestKey))
        {
            throw new PublishException(PublishFailureKind.Refused, $"The request key \"{post.RequestKey}\" is not a valid Bluesky record key (1 to 512 of A-Z a-z 0-9 . _ : ~ -).");
        }

        if (post.RepostProblem() is { } problem)
        {
            throw new PublishException(PublishFailureKind.Refused, problem);
        }

        if (post.Images.Count > MaxImages)
        {
            throw new PublishException(PublishFailureKind.Refused, $"A Bluesky post holds at most {MaxImages} images; this one has {post.Images.Count}.");
        }

        for (var index = 0; index < post.Images.Count; index++)
        {
            var image = post.Images[index];
            var number = (index + 1).ToString(CultureInfo.InvariantCulture);
            if (string.IsNullOrWhiteSpace(image.AltText))
            {
                throw new PublishException(PublishFailureKind.Refused, $"Image {number} has no description (alt text); PressDeck does not publish images without one.");
            }

            if (image.Content.IsEmpty || !MediaTypeHeaderValue.TryParse(image.MediaType, out _) || image.Width <= 0 || image.Height <= 0)
            {
                throw new PublishException(PublishFailureKind.Refused, $"Image {number} is empty, or has no valid media type or size.");
            }

            if (image.Content.Length > MaxImageBytes)
            {
                throw new PublishException(PublishFailureKind.Refused, $"Image {number} is {image.Content.Length.ToString("N0", CultureInfo.InvariantCulture)} bytes; Bluesky takes images up to {MaxImageBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes.");
            }
        }
    }

    /// <summary>The posts replied to and quoted, by the remote id the outgoing post names them with, with their CIDs and thread roots.</summary>
    private async Task<Dictionary<string, ReferencedPost>> FetchReferencedPostsAsync(PublishingAccount account, OutgoingPost post, CancellationToken cancellationToken)
    {
        var wanted = new List<(string RemoteId, AtUri Uri, string What)>();
        foreach (var (reference, what) in new[] { (post.ReplyTo, "the post being replied to"), (post.Quote, "the quoted post"), (post.RepostOf, "the post to repost") })
        {
            if (reference is null)
            {
                continue;
            }

            var uri = PostUri(reference.RemoteId, what);
            if (!uri.Authority.StartsWith("did:", StringComparison.Ordinal))
            {
                // A bsky.app address by handle: the strong reference and the lookup want the author's DID.
                var did = await ResolveHandleAsync(account, uri.Authority, cancellationToken)
                    ?? throw new PublishException(PublishFailureKind.Refused, $"The author of {what} ({reference.RemoteId}) cannot be found on Bluesky.");
                uri = uri with { Authority = did };
            }

            wanted.Add((reference.RemoteId, uri, what));
        }

        var found = new Dictionary<string, ReferencedPost>(StringComparer.Ordinal);
        if (wanted.Count == 0)
        {
            return found;
        }

        const string method = "app.bsky.feed.getPosts";
        var query = string.Join('&', wanted.Select(item => "uris=" + Uri.EscapeDataString(item.Uri.ToString())).Distinct(StringComparer.Ordinal));
        var doing = post.IsRepost ? "looking up the post to repost" : "looking up the posts replied to or quoted";
        var (answer, _) = await CallAsync(account, _ => Get(account, method, query), doing, createsPost: false, cancellationToken);
        if (!answer.IsSuccess)
        {
            throw Failure(answer, doing, post.IsRepost ? "the lookup of the post to repost" : "the lookup of the posts replied to or quoted", createsPost: false);
        }

        var views = ReadJson(answer, doing, root =>
            root.TryGetProperty("posts", out var posts) && posts.ValueKind == JsonValueKind.Array ? posts.EnumerateArray().Select(ReadPostView).OfType<ReferencedPost>().ToList() : []);
        foreach (var (remoteId, uri, what) in wanted)
        {
            var view = views.FirstOrDefault(view => view.Uri == uri.ToString())
                ?? views.FirstOrDefault(view => AtUri.TryParse(view.Uri, out var viewUri) && viewUri.Collection == uri.Collection && viewUri.RecordKey == uri.RecordKey
                    && (view.AuthorDid == uri.Authority || string.Equals(view.AuthorHandle, uri.Authority, StringComparison.OrdinalIgnoreCase)));
            found[remoteId] = view ?? throw new PublishException(
                PublishFailureKind.Refused,
                $"Bluesky no longer shows {what} ({remoteId}): it was deleted, or its author blocks this account.");
        }

        return found;
    }

    /// <summary>The AT-URI a post reference names: its <c>at://</c> URI, or a bsky.app post address turned into one.</summary>
    private static AtUri PostUri(string remoteId, string what)
    {
        var text = remoteId.Trim();
        if (AtUri.TryParse(text, out var uri) && uri.Collection == AtUri.PostCollection)
        {
            return uri;
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var address) && address.Host == "bsky.app"
            && address.AbsolutePath.Trim('/').Split('/') is ["profile", var authority, "post", var key]
            && AtUri.TryParse($"at://{Uri.UnescapeDataString(authority)}/{AtUri.PostCollection}/{key}", out var fromAddress))
        {
            return fromAddress;
        }

        throw new PublishException(PublishFailureKind.Refused, $"\"{remoteId}\" ({what}) is not the address of a Bluesky post.");
    }

    private static ReferencedPost? ReadPostView(JsonElement view)
    {
        if (Text(view, "uri") is not { } uri || Text(view, "cid") is not { Length: > 0 } cid || !AtUri.TryParse(uri, out _))
        {
            return null;
        }

        (string Uri, string Cid)? root = null;
        if (view.TryGetProperty("record", out var record) && record.ValueKind == JsonValueKind.Object
            && record.TryGetProperty("reply", out var reply) && reply.ValueKind == JsonValueKind.Object
            && reply.TryGetProperty("root", out var rootReference)
            && Text(rootReference, "uri") is { } rootUri && AtUri.TryParse(rootUri, out _)
            && Text(rootReference, "cid") is { Length: > 0 } rootCid)
        {
            root = (rootUri, rootCid);
        }

        var author = view.TryGetProperty("author", out var authorElement) ? authorElement : default;
        return new ReferencedPost(uri, cid, root, Text(author, "did"), Text(author, "handle"));
    }

    /// <summary>
    /// The DIDs of the mentioned handles that resolve (<c>com.atproto.identity.resolveHandle</c>); a handle that is not a
    /// valid Bluesky handle, or that the server cannot resolve, is left out, so its mention stays plain text.
    /// </summary>
    private async Task<Dictionary<string, string>> ResolveMentionsAsync(PublishingAccount account, IReadOnlyList<RichTextSpan> spans, CancellationToken cancellationToken)
    {
        var dids = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var handle in spans.Where(span => span.Kind == RichTextKind.Mention).Select(span => span.Value).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (!BlueskyHandle.IsValid(handle))
            {
                continue;
            }

            if (await ResolveHandleAsync(account, handle, cancellationToken) is { } did)
            {
                dids[handle] = did;
            }
        }

        return dids;
    }

    /// <summary>
    /// The DID of a handle (<c>com.atproto.identity.resolveHandle</c>, kept for
    /// <see cref="BlueskyPublishingOptions.HandleCacheDuration"/>), or null when the server says it does not resolve.
    /// </summary>
    private async Task<string?> ResolveHandleAsync(PublishingAccount account, string handle, CancellationToken cancellationToken)
    {
        if (_didsByHandle.TryGetValue(handle, out var known) && time.GetUtcNow() - known.ResolvedAt < _options.HandleCacheDuration)
        {
            return known.Did;
        }

        const string method = "com.atproto.identity.resolveHandle";
        var doing = $"resolving the handle @{handle}";
        var answer = await SendAsync(() => Get(account, method, "handle=" + Uri.EscapeDataString(handle.ToLowerInvariant())), account, doing, createsPost: false, cancellationToken);
        if (answer.IsSuccess)
        {
            var did = ReadJson(answer, doing, root => Text(root, "did"));
            if (did is null || !did.StartsWith("did:", StringComparison.Ordinal))
            {
                return null;
            }

            _didsByHandle[handle] = (did, time.GetUtcNow());
            return did;
        }

        // HandleNotFound (400), or a server that does not offer the method (404, 501): the handle does not resolve. Any
        // other failure is waited out rather than posting with a mention gone quiet.
        return (int)answer.Status is 400 or 404 or 501
            ? null
            : throw Failure(answer, doing, $"the lookup of @{handle}", createsPost: false);
    }

    /// <summary>Uploads one image (raw bytes with its media type) and returns the blob reference exactly as the server gave it.</summary>
    private async Task<JsonNode> UploadBlobAsync(PublishingAccount account, OutgoingImage image, int number, CancellationToken cancellationToken)
    {
        const string method = "com.atproto.repo.uploadBlob";
        var doing = $"uploading image {number.ToString(CultureInfo.InvariantCulture)}";
        var (answer, _) = await CallAsync(
            account,
            _ =>
            {
                var content = new ReadOnlyMemoryContent(image.Content);
                content.Headers.ContentType = MediaTypeHeaderValue.Parse(image.MediaType);
                return new HttpRequestMessage(HttpMethod.Post, Address(account, method)) { Content = content };
            },
            doing,
            createsPost: false,
            cancellationToken);
        if (!answer.IsSuccess)
        {
            throw Failure(answer, doing, $"image {number.ToString(CultureInfo.InvariantCulture)}", createsPost: false);
        }

        return ReadJson(answer, doing, root =>
                root.TryGetProperty("blob", out var blob) && blob.ValueKind == JsonValueKind.Object && blob.TryGetProperty("ref", out _) ? JsonNode.Parse(blob.GetRawText()) : null)
            ?? throw new PublishException(PublishFailureKind.Transient, $"Bluesky answered the upload of image {number.ToString(CultureInfo.InvariantCulture)} without a blob reference.");
    }

    /// <summary>
    /// <c>com.atproto.repo.createRecord</c> at the post's record key in <paramref name="collection"/>. When the server
    /// refuses or fails, the key is looked up first: a record already there with the same text (for a repost, the same
    /// subject) is this post, published by an earlier attempt.
    /// </summary>
    private async Task<PublishedPost> CreateRecordAsync(
        PublishingAccount account, OutgoingPost post, string collection, string text, JsonObject record, CancellationToken cancellationToken)
    {
        const string method = "com.atproto.repo.createRecord";
        var doing = post.IsRepost ? "reposting the post" : "publishing the post";
        var subject = post.IsRepost ? "the repost" : "the post";
        var (answer, session) = await CallAsync(
            account,
            session => Post(account, method, JsonContent(new JsonObject
            {
                ["repo"] = session.Did,
                ["collection"] = collection,
                ["rkey"] = post.RequestKey,
                ["record"] = record.DeepClone(),
            })),
            doing,
            createsPost: true,
            cancellationToken);
        if (answer.IsSuccess)
        {
            var created = ReadJsonOrNull(answer, root => Text(root, "uri") is { } uri && AtUri.TryParse(uri, out var parsed) && Text(root, "cid") is { Length: > 0 } ? parsed : null);
            if (created is not null)
            {
                var remoteId = created.ToString();
                LogPublished(remoteId);
                return new PublishedPost(remoteId, WebUrl(session, post, created.RecordKey, record), post.CreatedAt);
            }
        }
        else if ((int)answer.Status is 401 or 403 or 413 or 429)
        {
            // Refused before the repository was touched: authentication, permission, size and rate limits come first.
            throw Failure(answer, doing, subject, createsPost: true);
        }

        // A record already at the key (a real PDS answers 500 for that), a refusal, a server error, or an unreadable
        // success: whatever the key holds now says what happened.
        FoundRecord? existing = null;
        try
        {
            (existing, session) = await GetRecordAsync(account, collection, post.RequestKey, cancellationToken);
        }
        catch (PublishException)
        {
            // The lookup failed too; the first answer decides below.
        }

        if (existing is not null)
        {
            var published = Published(session, post, text, existing);
            LogAlreadyPublished(published.RemoteId);
            return published;
        }

        if (answer.IsSuccess)
        {
            throw new PublishException(
                PublishFailureKind.OutcomeUnknown,
                "Bluesky accepted the post but answered with something PressDeck cannot read, and the post was not found at its key afterwards; PressDeck looks for it again before retrying.");
        }

        throw Failure(answer, doing, subject, createsPost: true);
    }

    /// <summary>
    /// The record at <paramref name="recordKey"/> in <paramref name="collection"/> of the account's repository
    /// (<c>com.atproto.repo.getRecord</c>), or null when there is none.
    /// </summary>
    private async Task<(FoundRecord? Record, BlueskySession Session)> GetRecordAsync(PublishingAccount account, string collection, string recordKey, CancellationToken cancellationToken)
    {
        const string method = "com.atproto.repo.getRecord";
        const string doing = "looking for the post at its record key";
        var (answer, session) = await CallAsync(
            account,
            session => Get(account, method, $"repo={Uri.EscapeDataString(session.Did)}&collection={Uri.EscapeDataString(collection)}&rkey={Uri.EscapeDataString(recordKey)}"),
            doing,
            createsPost: false,
            cancellationToken);
        if (IsRecordNotFound(answer))
        {
            return (null, session);
        }

        if (!answer.IsSuccess)
        {
            throw Failure(answer, doing, "the lookup of the post", createsPost: false);
        }

        var found = ReadJson(answer, doing, root =>
            Text(root, "uri") is { } uri && AtUri.TryParse(uri, out var parsed) && root.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Object
                ? new FoundRecord(parsed, Text(value, "text") ?? "", value.TryGetProperty("subject", out var subject) ? Text(subject, "uri") : null)
                : null);
        return found is null
            ? throw new PublishException(PublishFailureKind.Transient, "Bluesky answered the lookup of the post at its record key without the record.")
            : (found, session);
    }

    /// <summary>
    /// A record found at the post's key: this post, unless its text differs (the key was used for another post); for a
    /// repost, this repost unless it reposts another post.
    /// </summary>
    private static PublishedPost Published(BlueskySession session, OutgoingPost post, string text, FoundRecord found)
    {
        if (post.RepostOf is { } repostOf)
        {
            if (!IsSameSubject(PostUri(repostOf.RemoteId, "the post to repost"), found.SubjectUri, out var subjectUri))
            {
                throw new PublishException(
                    PublishFailureKind.Refused,
                    $"The record key \"{post.RequestKey}\" already holds a repost of another post ({found.Uri}); a repost needs a request key of its own.");
            }

            return new PublishedPost(found.Uri.ToString(), subjectUri.WebUrl, post.CreatedAt);
        }

        if (!string.Equals(found.Text, text, StringComparison.Ordinal))
        {
            throw new PublishException(
                PublishFailureKind.Refused,
                $"The record key \"{post.RequestKey}\" already holds a different post ({found.Uri}); a post needs a request key of its own.");
        }

        return new PublishedPost(found.Uri.ToString(), WebUrl(session, found.Uri.RecordKey), post.CreatedAt);
    }

    /// <summary>The post's bsky.app address (protocols.md 1.11), by the account's handle as people know it.</summary>
    private static string WebUrl(BlueskySession session, string recordKey) =>
        $"https://bsky.app/profile/{session.Handle}/post/{recordKey}";

    /// <summary>
    /// Where a created record opens: a post at its own address; a repost, which has no page of its own on bsky.app, at
    /// the address of the post it reposts.
    /// </summary>
    private static string WebUrl(BlueskySession session, OutgoingPost post, string recordKey, JsonObject record) =>
        post.IsRepost && record["subject"]?["uri"]?.GetValue<string>() is { } subject && AtUri.TryParse(subject, out var subjectUri)
            ? subjectUri.WebUrl
            : WebUrl(session, recordKey);

    /// <summary>
    /// Whether a repost record's subject is the post wanted: the same record, or the same record key in the same
    /// collection when the wanted address names its author by handle rather than DID.
    /// </summary>
    private static bool IsSameSubject(AtUri wanted, string? foundSubject, [NotNullWhen(true)] out AtUri? subject) =>
        AtUri.TryParse(foundSubject, out subject)
        && subject.Collection == wanted.Collection
        && subject.RecordKey == wanted.RecordKey
        && (subject.Authority == wanted.Authority || !wanted.Authority.StartsWith("did:", StringComparison.Ordinal));

    private static bool IsRecordNotFound(XrpcAnswer answer) =>
        answer.Status == HttpStatusCode.NotFound || (answer.Status == HttpStatusCode.BadRequest && answer.Error is "RecordNotFound");

    /// <summary>
    /// Sends an authenticated XRPC request with the account's session. When the server says the access token expired
    /// (<c>ExpiredToken</c>, 400 or 401) the session is refreshed, when it says the token is invalid or asks for
    /// authentication the account signs in again, and the request is sent once more: it was refused before anything
    /// happened, so sending it again is safe.
    /// </summary>
    private async Task<(XrpcAnswer Answer, BlueskySession Session)> CallAsync(
        PublishingAccount account, Func<BlueskySession, HttpRequestMessage> build, string doing, bool createsPost, CancellationToken cancellationToken)
    {
        var session = await SignInAsync(account, stale: null, canRefresh: false, cancellationToken);
        var answer = await SendAsync(() => Authorized(build(session), session), account, doing, createsPost, cancellationToken);
        var isExpired = answer.Error == "ExpiredToken" && (int)answer.Status is 400 or 401;
        var isRefused = answer.Error == "InvalidToken" || answer.Status == HttpStatusCode.Unauthorized;
        if (isExpired || isRefused)
        {
            LogSessionRenewed(account.Handle, isExpired ? "refreshed" : "signed in again");
            session = await SignInAsync(account, session, canRefresh: isExpired, cancellationToken);
            answer = await SendAsync(() => Authorized(build(session), session), account, doing, createsPost, cancellationToken);
        }

        return (answer, session);
    }

    /// <summary>The account's session (or a renewed one instead of <paramref name="stale"/>), with sign-in failures as <see cref="PublishException"/>.</summary>
    private async Task<BlueskySession> SignInAsync(PublishingAccount account, BlueskySession? stale, bool canRefresh, CancellationToken cancellationToken)
    {
        BlueskySession session;
        try
        {
            session = stale is null
                ? await _sessions.GetAsync(account, cancellationToken)
                : await _sessions.RenewAsync(account, stale, canRefresh, cancellationToken);
        }
        catch (XrpcException exception)
        {
            var kind = (int?)exception.StatusCode switch
            {
                429 or >= 500 => PublishFailureKind.Transient,
                _ => PublishFailureKind.Refused,
            };
            var code = ((int?)exception.StatusCode ?? 0).ToString(CultureInfo.InvariantCulture);
            var detail = exception.Detail is { Length: > 0 } said ? $"{code} {exception.Error}: {said}" : $"{code} {exception.Error}";
            var words = exception.Error is "AuthenticationRequired" or "AuthenticationFailed" || exception.StatusCode == HttpStatusCode.Unauthorized
                ? $"Bluesky refused the app password for @{account.Handle.TrimStart('@')} ({detail}). Create a new app password in Bluesky's settings and connect the account again."
                : $"Signing in to Bluesky as @{account.Handle.TrimStart('@')} failed: {exception.Message}.";
            throw new PublishException(kind, words, exception, exception.RetryAfter);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PublishException(PublishFailureKind.Transient, $"{account.Server.IdnHost} did not answer in time while signing in as @{account.Handle.TrimStart('@')}; nothing was posted.", exception);
        }
        catch (HttpRequestException exception) when (HttpAnswers.AddressRefusal(exception) is { } refusal)
        {
            throw new PublishException(PublishFailureKind.Refused, $"PressDeck does not connect to {account.Server.IdnHost}: {refusal.Message}", exception);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            throw new PublishException(PublishFailureKind.Transient, $"Signing in to Bluesky as @{account.Handle.TrimStart('@')} failed ({Reason(exception)}); nothing was posted.", exception);
        }

        if (!session.IsActive)
        {
            throw new PublishException(PublishFailureKind.Refused, $"The Bluesky account @{session.Handle} is {session.Status ?? "not active"}, so it cannot post.");
        }

        return session;
    }

    private static HttpRequestMessage Authorized(HttpRequestMessage request, BlueskySession session)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.AccessJwt);
        return request;
    }

    private static Uri Address(PublishingAccount account, string method) =>
        new(new Uri(account.Server.GetLeftPart(UriPartial.Authority) + "/"), "/xrpc/" + method);

    private static HttpRequestMessage Get(PublishingAccount account, string method, string query) =>
        new(HttpMethod.Get, new Uri(Address(account, method) + "?" + query));

    private static HttpRequestMessage Post(PublishingAccount account, string method, HttpContent content) =>
        new(HttpMethod.Post, Address(account, method)) { Content = content };

    private static ByteArrayContent JsonContent(JsonObject body)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body.ToJsonString()));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    /// <summary>
    /// Sends one request within <see cref="BlueskyPublishingOptions.RequestTimeout"/> and reads the whole answer, with
    /// XRPC's <c>{error, message}</c> when it is one. A request that fails on the way is thrown as a
    /// <see cref="PublishException"/>: transient when nothing was sent or nothing is created, but an unknown outcome when
    /// a <c>createRecord</c> may have reached the server.
    /// </summary>
    private async Task<XrpcAnswer> SendAsync(Func<HttpRequestMessage> build, PublishingAccount account, string doing, bool createsPost, CancellationToken cancellationToken)
    {
        var host = account.Server.IdnHost;
        var afterSending = createsPost
            ? " The post may have been created; PressDeck looks for it at its record key before trying again."
            : "";
        using var request = build();
        // Real time, as HttpClient.Timeout: a guard on the network, not one of the publisher's own waits.
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        linked.CancelAfter(_options.RequestTimeout);
        var kindAfterSending = createsPost ? PublishFailureKind.OutcomeUnknown : PublishFailureKind.Transient;
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var body = await ReadBodyAsync(response, linked.Token);
            var (error, message) = response.IsSuccessStatusCode ? (null, null) : ReadError(body);
            return new XrpcAnswer(response.StatusCode, body, error, message, RetryDelay.Requested(response, time.GetUtcNow()));
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            var seconds = _options.RequestTimeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
            throw new PublishException(kindAfterSending, $"{host} did not answer within {seconds} s while {doing}.{afterSending}", exception);
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
            throw new PublishException(kindAfterSending, $"The connection to {host} broke while {doing} ({Reason(exception)}).{afterSending}", exception);
        }
    }

    /// <summary>The most specific words for a network failure ("Connection refused"), or PressDeck's own for an answer it could not read.</summary>
    private static string Reason(Exception exception) =>
        (exception.InnerException is null or JsonException ? exception.Message : exception.GetBaseException().Message).Trim().TrimEnd('.');

    private static Task<byte[]> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        HttpAnswers.ReadAtMostAsync(response, MaxResponseBytes, "The answer", cancellationToken);

    /// <summary>XRPC's error body (protocols.md 1.2); a proxy's HTML page gives neither. Shared with <see cref="BlueskyLists"/>.</summary>
    internal static (string? Error, string? Message) ReadError(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return (Text(document.RootElement, "error"), Text(document.RootElement, "message")?.Trim() is { Length: > 0 } message ? message : null);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    /// <summary>Reads a successful answer's JSON; an answer that is not JSON is a transient failure (nothing was created by it).</summary>
    private static T ReadJson<T>(XrpcAnswer answer, string doing, Func<JsonElement, T> read)
    {
        try
        {
            using var document = JsonDocument.Parse(answer.Body);
            return read(document.RootElement);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            throw new PublishException(PublishFailureKind.Transient, $"Bluesky answered with something that is not the JSON expected while {doing}.", exception);
        }
    }

    private static T? ReadJsonOrNull<T>(XrpcAnswer answer, Func<JsonElement, T?> read)
        where T : class
    {
        try
        {
            using var document = JsonDocument.Parse(answer.Body);
            return read(document.RootElement);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>
    /// What a refused or failed XRPC answer means (protocols.md 1.2), in Bluesky's own words where it gave any: a refusal
    /// (400 and the rest of 4xx) needs a person; a rate limit passes (<c>RateLimit-Reset</c>); a server error passes too,
    /// except that after <c>createRecord</c> the post may exist, so the outcome is unknown.
    /// </summary>
    private static PublishException Failure(XrpcAnswer answer, string doing, string subject, bool createsPost)
    {
        var code = ((int)answer.Status).ToString(CultureInfo.InvariantCulture);
        var name = answer.Error ?? answer.Status.ToString();
        var words = answer.Message ?? answer.Error;
        var detail = words is null ? $"({code})" : $"({code} {name}: {words})";
        return (int)answer.Status switch
        {
            429 => new PublishException(PublishFailureKind.Transient, $"Bluesky asked PressDeck to slow down while {doing} {detail}.", retryAfter: answer.RetryAfter),
            >= 500 when createsPost => new PublishException(
                PublishFailureKind.OutcomeUnknown,
                $"Bluesky failed while {doing} {detail}; the post may have been created, so PressDeck looks for it at its record key before trying again.",
                retryAfter: answer.RetryAfter),
            >= 500 => new PublishException(PublishFailureKind.Transient, $"Bluesky failed while {doing} {detail}; nothing was posted.", retryAfter: answer.RetryAfter),
            401 => new PublishException(PublishFailureKind.Refused, $"Bluesky refused the account's session while {doing} {detail}: the app password was refused or revoked. Connect the account again."),
            403 => new PublishException(PublishFailureKind.Refused, $"Bluesky does not let this account do this ({doing}) {detail}."),
            413 => new PublishException(PublishFailureKind.Refused, $"Bluesky refused {subject} as too large {detail}."),
            _ => new PublishException(PublishFailureKind.Refused, words is null ? $"Bluesky refused {subject} ({code})." : $"Bluesky refused {subject}: {words}"),
        };
    }

    private sealed record XrpcAnswer(HttpStatusCode Status, byte[] Body, string? Error, string? Message, TimeSpan? RetryAfter)
    {
        public bool IsSuccess => (int)Status is >= 200 and <= 299;
    }

    /// <summary>A post replied to or quoted: its strong reference, the root of its thread when it is a reply, and its author.</summary>
    private sealed record ReferencedPost(string Uri, string Cid, (string Uri, string Cid)? Root, string? AuthorDid, string? AuthorHandle);

    /// <summary>A record at a key: its URI, a post's text, and a repost's subject URI.</summary>
    private sealed record FoundRecord(AtUri Uri, string Text, string? SubjectUri);

    [LoggerMessage(EventId = 4151, Level = LogLevel.Information, Message = "Published {RemoteId}")]
    private partial void LogPublished(string remoteId);

    [LoggerMessage(EventId = 4152, Level = LogLevel.Information, Message = "{RemoteId} was already published by an earlier attempt with the same record key")]
    private partial void LogAlreadyPublished(string remoteId);

    [LoggerMessage(EventId = 4153, Level = LogLevel.Information, Message = "Deleted {RemoteId}")]
    private partial void LogDeleted(string remoteId);

    [LoggerMessage(EventId = 4154, Level = LogLevel.Debug, Message = "The Bluesky session of {Handle} was refused; {Action}")]
    private partial void LogSessionRenewed(string handle, string action);
}

using System.Globalization;
using System.Text.Json;
using System.Text.Unicode;
using PressDeck.Core.Posts;

namespace PressDeck.Connectors.X;

/// <summary>
/// Reads X API v2 response documents and filtered-stream lines (protocols.md 3.2–3.3, 3.9) into canonical posts:
/// text (the full <c>note_tweet</c> text of long posts), the author from <c>includes.users</c>, hashtags, mentions,
/// links (expanded), media with alt text from <c>includes.media</c>, replies, quotes, retweets (with the original's
/// text from <c>includes.tweets</c>), language, time and edits. An edit keeps the remote id of the first version
/// (<c>edit_history_tweet_ids[0]</c>), so it replaces the post it edits. Used by the live clients and by
/// <c>pressdeck import</c> alike. Never throws on bad input: a document it cannot read is refused with a reason, and
/// a post it cannot read is refused on its own without failing the others. Thread-safe.
/// </summary>
public static class XTweetReader
{
    /// <summary>Larger documents are refused (a page of 100 posts with every expansion is well under this).</summary>
    public const int MaxDocumentBytes = 16 * 1024 * 1024;

    /// <summary>X's epoch for snowflake ids, in Unix milliseconds.</summary>
    private const long SnowflakeEpochMilliseconds = 1288834974657;

    /// <summary>The smallest snowflake id (ids below it predate November 2010 and carry no time).</summary>
    private const ulong FirstSnowflake = 30_000_000_000;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    /// <summary>
    /// Reads one response document or stream line. False, with <paramref name="error"/> saying why, when it is not
    /// valid UTF-8 JSON, is too large or is not a JSON object. <paramref name="receivedAt"/> stands in for the
    /// creation time of a post that has neither <c>created_at</c> nor a snowflake id.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> utf8, out XReadResult? result, out string? error, DateTime? receivedAt = null)
    {
        result = null;
        if (utf8.StartsWith("\uFEFF"u8))
        {
            utf8 = utf8[3..];
        }

        if (utf8.Length > MaxDocumentBytes)
        {
            error = $"the payload is {utf8.Length.ToString("N0", CultureInfo.InvariantCulture)} bytes, more than the {MaxDocumentBytes.ToString("N0", CultureInfo.InvariantCulture)} allowed";
            return false;
        }

        if (!Utf8.IsValid(utf8))
        {
            error = "the payload is not valid UTF-8";
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(utf8.ToArray(), DocumentOptions);
            return TryRead(document.RootElement, out result, out error, receivedAt);
        }
        catch (JsonException exception)
        {
            error = $"malformed JSON ({FirstSentence(exception.Message)})";
            return false;
        }
    }

    /// <summary>Reads a response document already parsed; false when it is not a JSON object.</summary>
    public static bool TryRead(JsonElement root, out XReadResult? result, out string? error, DateTime? receivedAt = null)
    {
        result = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            error = "the payload is not a JSON object";
            return false;
        }

        try
        {
            result = Read(root, receivedAt);
            error = null;
            return true;
        }
        catch (InvalidOperationException exception)
        {
            // GetString on an escaped lone surrogate, which is not text.
            error = $"unexpected content ({FirstSentence(exception.Message)})";
            return false;
        }
    }

    /// <summary>The address that opens a post on x.com; without the author's username, X's own <c>i/web</c> address.</summary>
    public static string WebUrl(string? username, string id) =>
        username is not null && IsUsername(username)
            ? $"https://x.com/{username}/status/{id}"
            : $"https://x.com/i/web/status/{id}";

    /// <summary>An X username: 1 to 15 letters, digits or underscores.</summary>
    public static bool IsUsername(string? text) =>
        text is { Length: >= 1 and <= 15 } && text.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    /// <summary>An X id: 1 to 19 ASCII digits.</summary>
    public static bool IsId(string? text) => text is { Length: >= 1 and <= 19 } && text.All(char.IsAsciiDigit);

    /// <summary>The creation time encoded in a snowflake id, or null for ids that predate snowflakes.</summary>
    public static DateTime? SnowflakeTime(string id)
    {
        if (!ulong.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < FirstSnowflake)
        {
            return null;
        }

        var milliseconds = (long)(value >> 22) + SnowflakeEpochMilliseconds;
        return milliseconds < DateTimeOffset.MaxValue.ToUnixTimeMilliseconds() - 1
            ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds).UtcDateTime
            : null;
    }

    private static XReadResult Read(JsonElement root, DateTime? receivedAt)
    {
        var includes = new Includes(root);
        var posts = new List<Post>();
        var refusals = new List<XRefusal>();
        if (root.TryGetProperty("data", out var data))
        {
            switch (data.ValueKind)
            {
                case JsonValueKind.Object:
                    ReadOne(data, 1, includes, receivedAt, posts, refusals);
                    break;
                case JsonValueKind.Array:
                    var index = 0;
                    foreach (var tweet in data.EnumerateArray())
                    {
                        ReadOne(tweet, ++index, includes, receivedAt, posts, refusals);
                    }

                    break;
                case JsonValueKind.Null:
                    break;
                default:
                    refusals.Add(new XRefusal(1, null, "\"data\" is neither a post nor a list of posts"));
                    break;
            }
        }

        var matchingRules = new List<XMatchingRule>();
        if (root.TryGetProperty("matching_rules", out var rules) && rules.ValueKind == JsonValueKind.Array)
        {
            foreach (var rule in rules.EnumerateArray())
            {
                if (IdOf(rule, "id") is { } ruleId)
                {
                    matchingRules.Add(new XMatchingRule(ruleId, String(rule, "tag")));
                }
            }
        }

        XMeta? meta = null;
        if (root.TryGetProperty("meta", out var metaElement) && metaElement.ValueKind == JsonValueKind.Object)
        {
            meta = new XMeta(
                IdOf(metaElement, "newest_id"),
                IdOf(metaElement, "oldest_id"),
                metaElement.TryGetProperty("result_count", out var count) && count.ValueKind == JsonValueKind.Number && count.TryGetInt32(out var resultCount) ? resultCount : null,
                String(metaElement, "next_token"));
        }

        return new XReadResult(posts, refusals, XProblem.ReadAll(root), meta, matchingRules);
    }

    private static void ReadOne(JsonElement tweet, int index, Includes includes, DateTime? receivedAt, List<Post> posts, List<XRefusal> refusals)
    {
        var post = ReadTweet(tweet, includes, receivedAt, out var reason);
        if (post is not null)
        {
            posts.Add(post);
        }
        else
        {
            refusals.Add(new XRefusal(index, tweet.ValueKind == JsonValueKind.Object ? IdOf(tweet, "id") : null, reason!));
        }
    }

    private static Post? ReadTweet(JsonElement tweet, Includes includes, DateTime? receivedAt, out string? reason)
    {
        reason = null;
        if (tweet.ValueKind != JsonValueKind.Object)
        {
            reason = "the post is not a JSON object";
            return null;
        }

        if (IdOf(tweet, "id") is not { } id)
        {
            reason = "the post has no id";
            return null;
        }

        if (String(tweet, "text") is not { } ownText)
        {
            reason = $"post {id} has no text";
            return null;
        }

        if (IdOf(tweet, "author_id") is not { } authorId)
        {
            reason = $"post {id} has no author_id (the request did not ask for expansions=author_id), so its author is unknown";
            return null;
        }

        var remoteId = FirstEditId(tweet) ?? id;
        var isEdit = !string.Equals(remoteId, id, StringComparison.Ordinal);
        var stated = DateOf(tweet);
        DateTime? createdAt = isEdit ? SnowflakeTime(remoteId) ?? stated : stated ?? SnowflakeTime(id);
        createdAt ??= receivedAt;
        if (createdAt is null)
        {
            reason = $"post {id} has no created_at";
            return null;
        }

        DateTime? editedAt = isEdit ? stated ?? SnowflakeTime(id) ?? createdAt : null;
        var author = includes.Author(authorId);
        var username = includes.Username(authorId);

        string? repostedId = null, quotedId = null, repliedToId = null;
        if (tweet.TryGetProperty("referenced_tweets", out var references) && references.ValueKind == JsonValueKind.Array)
        {
            foreach (var reference in references.EnumerateArray())
            {
                var referencedId = IdOf(reference, "id");
                switch (String(reference, "type"))
                {
                    case "retweeted":
                        repostedId ??= referencedId;
                        break;
                    case "quoted":
                        quotedId ??= referencedId;
                        break;
                    case "replied_to":
                        repliedToId ??= referencedId;
                        break;
                }
            }
        }

        var ownLanguage = Language(tweet);
        if (repostedId is not null || IsRetweetWrapper(ownText))
        {
            return ReadRetweet(tweet, id, remoteId, ownText, repostedId, author, createdAt.Value, ownLanguage, includes);
        }

        var (text, entities) = FullText(tweet, ownText);
        var hashtags = new List<string>();
        var mentions = new List<string>();
        var links = new List<string>();
        ReadEntities(entities, hashtags, mentions, links, skipWrapperMention: false);
        var media = ReadMedia(tweet, includes);

        string? replyTo = null;
        var isReply = repliedToId is not null || IdOf(tweet, "in_reply_to_user_id") is not null;
        if (isReply)
        {
            replyTo = IdOf(tweet, "in_reply_to_user_id") is { } replyUserId
                ? includes.Username(replyUserId) ?? replyUserId
                : repliedToId is not null && includes.Tweet(repliedToId) is { } parent && IdOf(parent, "author_id") is { } parentAuthor
                    ? includes.Username(parentAuthor) ?? parentAuthor
                    : null;
        }

        string? quoteOf = null;
        if (quotedId is not null)
        {
            quoteOf = includes.Tweet(quotedId) is { } quoted ? FirstEditId(quoted) ?? quotedId : quotedId;
        }

        return new Post
        {
            Network = Network.X,
            RemoteId = remoteId,
            Author = author,
            Text = text,
            CreatedAt = createdAt.Value,
            EditedAt = editedAt,
            Kind = isReply ? PostKind.Reply : quoteOf is not null ? PostKind.Quote : PostKind.Post,
            Url = WebUrl(username, id),
            ReplyToHandle = replyTo,
            QuoteOfId = quoteOf,
            Languages = ownLanguage is null ? [] : [ownLanguage],
            Links = links,
            Media = media,
            Hashtags = hashtags,
            Mentions = mentions,
        };
    }

    /// <summary>
    /// A retweet: the author is the retweeter; text, entities, media and language are the original's (its
    /// <c>text</c> is truncated to <c>RT @user: …</c>). Without the original in <c>includes.tweets</c>, the
    /// truncated text less its <c>RT @user: </c> wrapper is all there is.
    /// </summary>
    private static Post ReadRetweet(JsonElement tweet, string id, string remoteId, string ownText, string? originalId, Author author, DateTime createdAt, string? ownLanguage, Includes includes)
    {
        var hashtags = new List<string>();
        var mentions = new List<string>();
        var links = new List<string>();
        string text;
        string? originalAuthor = null;
        IReadOnlyList<MediaItem> media;
        string? language = ownLanguage;
        var original = originalId is null ? (JsonElement?)null : includes.Tweet(originalId);
        if (original is { } found)
        {
            var (originalText, entities) = FullText(found, String(found, "text") ?? "");
            text = originalText;
            ReadEntities(entities, hashtags, mentions, links, skipWrapperMention: false);
            media = ReadMedia(found, includes);
            language = Language(found) ?? ownLanguage;
            if (IdOf(found, "author_id") is { } originalAuthorId)
            {
                originalAuthor = includes.Username(originalAuthorId) ?? originalAuthorId;
            }
        }
        else
        {
            text = ownText;
            if (IsRetweetWrapper(ownText))
            {
                var colon = ownText.IndexOf(": ", StringComparison.Ordinal);
                originalAuthor = ownText[4..colon];
                text = ownText[(colon + 2)..];
            }

            ReadEntities(FullText(tweet, ownText).Entities, hashtags, mentions, links, skipWrapperMention: true);
            media = ReadMedia(tweet, includes);
        }

        originalAuthor ??= WrapperUsername(ownText);
        var url = originalId is null
            ? WebUrl(includes.Username(IdOf(tweet, "author_id") ?? ""), id)
            : WebUrl(original is { } o && IdOf(o, "author_id") is { } a ? includes.Username(a) : originalAuthor, originalId);
        return new Post
        {
            Network = Network.X,
            RemoteId = remoteId,
            Author = author,
            Text = text,
            CreatedAt = createdAt,
            Kind = PostKind.Repost,
            Url = url,
            RepostOfHandle = originalAuthor,
            Languages = language is null ? [] : [language],
            Links = links,
            Media = media,
            Hashtags = hashtags,
            Mentions = mentions,
        };
    }

    private static bool IsRetweetWrapper(string text)
    {
        if (!text.StartsWith("RT @", StringComparison.Ordinal))
        {
            return false;
        }

        var colon = text.IndexOf(": ", StringComparison.Ordinal);
        return colon > 4 && IsUsername(text[4..colon]);
    }

    private static string? WrapperUsername(string text) =>
        IsRetweetWrapper(text) ? text[4..text.IndexOf(": ", StringComparison.Ordinal)] : null;

    /// <summary>The full text and its entities: a long post's <c>note_tweet</c> when present, else <c>text</c> and <c>entities</c>.</summary>
    private static (string Text, JsonElement Entities) FullText(JsonElement tweet, string text)
    {
        if (tweet.TryGetProperty("note_tweet", out var note) && note.ValueKind == JsonValueKind.Object && String(note, "text") is { Length: > 0 } noteText)
        {
            return (noteText, note.TryGetProperty("entities", out var noteEntities) ? noteEntities : Entities(tweet));
        }

        return (text, Entities(tweet));
    }

    private static JsonElement Entities(JsonElement tweet) =>
        tweet.TryGetProperty("entities", out var entities) ? entities : default;

    private static void ReadEntities(JsonElement entities, List<string> hashtags, List<string> mentions, List<string> links, bool skipWrapperMention)
    {
        if (entities.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var hashtag in Array(entities, "hashtags"))
        {
            AddDistinct(hashtags, String(hashtag, "tag")?.Trim().TrimStart('#'));
        }

        foreach (var mention in Array(entities, "mentions"))
        {
            // "RT @user: " puts the original's author at offset 3; that is the wrapper, not a mention.
            if (skipWrapperMention && mention.TryGetProperty("start", out var start) && start.ValueKind == JsonValueKind.Number && start.TryGetInt32(out var offset) && offset == 3)
            {
                continue;
            }

            var username = String(mention, "username")?.Trim().TrimStart('@');
            if (IsUsername(username))
            {
                AddDistinct(mentions, username);
            }
        }

        foreach (var url in Array(entities, "urls"))
        {
            // A url entity with a media_key is the pic.x.com address of attached media, which is media, not a link.
            if (url.TryGetProperty("media_key", out _))
            {
                continue;
            }

            var target = String(url, "unwound_url") ?? String(url, "expanded_url") ?? String(url, "url");
            if (target is not null && Uri.TryCreate(target, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https" && !IsMediaPage(parsed))
            {
                AddDistinct(links, target);
            }
        }
    }

    /// <summary>x.com/…/status/…/photo/1 and /video/1 are the pages of attached media.</summary>
    private static bool IsMediaPage(Uri uri) =>
        uri.Host is "twitter.com" or "x.com" or "www.twitter.com" or "www.x.com"
        && (uri.AbsolutePath.Contains("/photo/", StringComparison.Ordinal) || uri.AbsolutePath.Contains("/video/", StringComparison.Ordinal));

    private static List<MediaItem> ReadMedia(JsonElement tweet, Includes includes)
    {
        var media = new List<MediaItem>();
        if (!tweet.TryGetProperty("attachments", out var attachments) || attachments.ValueKind != JsonValueKind.Object)
        {
            return media;
        }

        foreach (var keyElement in Array(attachments, "media_keys"))
        {
            if (keyElement.ValueKind != JsonValueKind.String || keyElement.GetString() is not { } key || includes.Media(key) is not { } item)
            {
                continue;
            }

            var type = String(item, "type") switch
            {
                "photo" => MediaType.Image,
                "video" => MediaType.Video,
                "animated_gif" => MediaType.Gif,
                _ => (MediaType?)null,
            };
            if (type is null)
            {
                continue;
            }

            var url = type == MediaType.Image ? HttpsUrl(String(item, "url")) : BestVariant(item) ?? HttpsUrl(String(item, "preview_image_url"));
            var alt = String(item, "alt_text")?.Trim();
            media.Add(new MediaItem(type.Value, url ?? "", string.IsNullOrEmpty(alt) ? null : alt));
        }

        return media;
    }

    /// <summary>A video's or GIF's MP4 with the highest bit rate.</summary>
    private static string? BestVariant(JsonElement media)
    {
        string? best = null;
        var bestRate = -1L;
        foreach (var variant in Array(media, "variants"))
        {
            if (String(variant, "content_type") != "video/mp4" || HttpsUrl(String(variant, "url")) is not { } url)
            {
                continue;
            }

            var rate = variant.TryGetProperty("bit_rate", out var bitRate) && bitRate.ValueKind == JsonValueKind.Number && bitRate.TryGetInt64(out var value) ? value : 0;
            if (rate > bestRate)
            {
                (best, bestRate) = (url, rate);
            }
        }

        return best;
    }

    private static string? HttpsUrl(string? text) =>
        text is not null && Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme == "https" ? text : null;

    /// <summary>The declared language, without X's codes that name no language (<c>und</c>, <c>zxx</c>, <c>qme</c>, <c>qht</c>, …).</summary>
    private static string? Language(JsonElement tweet)
    {
        var lang = String(tweet, "lang")?.Trim();
        if (string.IsNullOrEmpty(lang) || lang is "und" or "zxx" || (lang.Length == 3 && lang[0] == 'q') || lang.Length > 35)
        {
            return null;
        }

        return lang.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') ? lang : null;
    }

    private static string? FirstEditId(JsonElement tweet) =>
        tweet.TryGetProperty("edit_history_tweet_ids", out var history) && history.ValueKind == JsonValueKind.Array && history.GetArrayLength() > 0
            && history[0].ValueKind == JsonValueKind.String && IsId(history[0].GetString())
            ? history[0].GetString()
            : null;

    private static DateTime? DateOf(JsonElement tweet) =>
        String(tweet, "created_at") is { } text
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            && parsed.Year is >= 2006 and <= 2200
            ? parsed.UtcDateTime
            : null;

    private static string? IdOf(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value))
        {
            return null;
        }

        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
        return IsId(text) ? text : null;
    }

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static JsonElement.ArrayEnumerator Array(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray()
            : default;

    private static void AddDistinct(List<string> values, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value) && !values.Contains(value, StringComparer.OrdinalIgnoreCase))
        {
            values.Add(value);
        }
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message.TrimEnd('.') : message[..end];
    }

    /// <summary>The response's <c>includes</c>, indexed: users by id, media by key, referenced posts by id.</summary>
    private sealed class Includes
    {
        private readonly Dictionary<string, JsonElement> _users = new(StringComparer.Ordinal);
        private readonly Dictionary<string, JsonElement> _media = new(StringComparer.Ordinal);
        private readonly Dictionary<string, JsonElement> _tweets = new(StringComparer.Ordinal);

        public Includes(JsonElement root)
        {
            if (!root.TryGetProperty("includes", out var includes) || includes.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            Index(includes, "users", "id", _users);
            Index(includes, "media", "media_key", _media);
            Index(includes, "tweets", "id", _tweets);
        }

        public string? Username(string userId) =>
            _users.TryGetValue(userId, out var user) && String(user, "username") is { } username && IsUsername(username) ? username : null;

        /// <summary>The author as includes.users describes them; without it, the id stands in for the handle (QUERY-LANGUAGE.md 1).</summary>
        public Author Author(string userId)
        {
            if (!_users.TryGetValue(userId, out var user) || Username(userId) is not { } username)
            {
                return new Author(userId, userId);
            }

            var name = String(user, "name")?.Trim();
            return new Author(username, string.IsNullOrEmpty(name) ? username : name, HttpsUrl(String(user, "profile_image_url")));
        }

        public JsonElement? Media(string key) => _media.TryGetValue(key, out var media) ? media : null;

        public JsonElement? Tweet(string id) => _tweets.TryGetValue(id, out var tweet) ? tweet : null;

        private static void Index(JsonElement includes, string name, string key, Dictionary<string, JsonElement> index)
        {
            foreach (var item in Array(includes, name))
            {
                var value = key == "media_key" ? String(item, key) : IdOf(item, key);
                if (value is not null)
                {
                    index.TryAdd(value, item);
                }
            }
        }
    }
}

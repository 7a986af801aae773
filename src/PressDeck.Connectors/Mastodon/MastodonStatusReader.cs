using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using PressDeck.Core.Posts;

namespace PressDeck.Connectors.Mastodon;

/// <summary>
/// Reads Mastodon entities (protocols.md 2.4) into canonical posts: a Status from REST or from the <c>update</c> and
/// <c>status.update</c> stream events, an Account, a Notification. Never throws on bad input: what it cannot read is
/// refused with a reason. Thread-safe.
/// </summary>
/// <remarks>
/// <para><see cref="Post.RemoteId"/> is the status's <c>uri</c>, its ActivityPub id: the same on every server that
/// shows the post, so a post read through two servers (or through the stream and the REST API) is one post. The
/// server's own <c>id</c> differs per server and is kept beside the post (<see cref="MastodonStatus.Id"/>) for paging
/// and for the stream's deletes, which name only that id (<see cref="MastodonStatusIds"/>).</para>
/// <para>Handles are always <c>user@instance</c>: a local account's <c>acct</c> has no domain, so the server's
/// domain is added (the <c>serverHost</c> argument; when it is not known, as in an import, the host of the account's
/// own <c>url</c>).</para>
/// </remarks>
public static class MastodonStatusReader
{
    /// <summary>Larger payloads are refused (a status is a few kilobytes; the server's own limits keep it far below this).</summary>
    public const int MaxPayloadBytes = 1024 * 1024;

    private const int MaxReblogDepth = 1;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    /// <summary>Reads one Status JSON document; false with <paramref name="error"/> saying why when it is not one.</summary>
    public static bool TryRead(ReadOnlySpan<byte> utf8, string? serverHost, [NotNullWhen(true)] out MastodonStatus? status, out string? error)
    {
        status = null;
        if (!TryParse(utf8, "status", out var document, out error))
        {
            return false;
        }

        using (document)
        {
            return TryRead(document!.RootElement, serverHost, out status, out error);
        }
    }

    /// <summary>Reads a Status object.</summary>
    public static bool TryRead(JsonElement element, string? serverHost, out MastodonStatus? status, out string? error)
    {
        try
        {
            return TryReadStatus(element, serverHost, 0, out status, out error);
        }
        catch (InvalidOperationException exception)
        {
            // GetString on an escaped lone surrogate, or a value of the wrong JSON type deep inside.
            status = null;
            error = $"unexpected content ({FirstSentence(exception.Message)})";
            return false;
        }
    }

    /// <summary>Reads an Account object; false when it has no usable <c>id</c> and <c>acct</c>.</summary>
    public static bool TryReadAccount(JsonElement element, string? serverHost, out MastodonAccount? account, out string? error)
    {
        account = null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            error = "the account is not a JSON object";
            return false;
        }

        var id = String(element, "id");
        var acct = String(element, "acct")?.Trim().TrimStart('@');
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(acct))
        {
            error = "the account has no \"id\" or \"acct\"";
            return false;
        }

        var url = WebAddress(String(element, "url"));
        var handle = Handle(acct, serverHost ?? HostOf(url));
        if (handle is null)
        {
            error = $"the account's \"acct\" \"{Shorten(acct)}\" is not a handle";
            return false;
        }

        var name = String(element, "display_name")?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            name = String(element, "username")?.Trim();
        }

        account = new MastodonAccount(id, handle, string.IsNullOrEmpty(name) ? handle : name, WebAddress(String(element, "avatar")), url);
        error = null;
        return true;
    }

    /// <summary>Reads one Notification JSON document.</summary>
    public static bool TryReadNotification(ReadOnlySpan<byte> utf8, string? serverHost, out MastodonNotification? notification, out string? error)
    {
        notification = null;
        if (!TryParse(utf8, "notification", out var document, out error))
        {
            return false;
        }

        using (document)
        {
            return TryReadNotification(document!.RootElement, serverHost, out notification, out error);
        }
    }

    /// <summary>Reads a Notification object. A status that cannot be read refuses the notification (its post would be lost silently).</summary>
    public static bool TryReadNotification(JsonElement element, string? serverHost, out MastodonNotification? notification, out string? error)
    {
        notification = null;
        try
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                error = "the notification is not a JSON object";
                return false;
            }

            var id = String(element, "id");
            var type = String(element, "type");
            if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(type))
            {
                error = "the notification has no \"id\" or \"type\"";
                return false;
            }

            if (!element.TryGetProperty("account", out var accountElement))
            {
                error = $"notification {Shorten(id)} has no \"account\"";
                return false;
            }

            if (!TryReadAccount(accountElement, serverHost, out var account, out error))
            {
                error = $"notification {Shorten(id)}: {error}";
                return false;
            }

            MastodonStatus? status = null;
            if (element.TryGetProperty("status", out var statusElement) && statusElement.ValueKind != JsonValueKind.Null
                && !TryReadStatus(statusElement, serverHost, 0, out status, out error))
            {
                error = $"notification {Shorten(id)}: {error}";
                return false;
            }

            notification = new MastodonNotification(id, type, Instant(element, "created_at") ?? status?.Post.CreatedAt ?? DateTime.UnixEpoch, account!, status);
            error = null;
            return true;
        }
        catch (InvalidOperationException exception)
        {
            error = $"unexpected content ({FirstSentence(exception.Message)})";
            return false;
        }
    }

    /// <summary>
    /// A handle <c>user@instance</c> from an <c>acct</c>: remote accounts carry their domain, local ones get
    /// <paramref name="serverHost"/>. Null when it is not a handle.
    /// </summary>
    public static string? Handle(string? acct, string? serverHost)
    {
        var value = acct?.Trim().TrimStart('@');
        if (string.IsNullOrEmpty(value) || value.Length > 300)
        {
            return null;
        }

        var at = value.IndexOf('@', StringComparison.Ordinal);
        var user = at < 0 ? value : value[..at];
        var domain = at < 0 ? serverHost?.Trim() : value[(at + 1)..];
        if (user.Length == 0 || string.IsNullOrEmpty(domain) || !user.All(IsHandleCharacter) || !domain.All(c => IsHandleCharacter(c) || c == ':' || c > 127))
        {
            return null;
        }

        return user + "@" + domain.ToLowerInvariant();
    }

    private static bool IsHandleCharacter(char c) => char.IsLetterOrDigit(c) || c is '_' or '.' or '-';

    private static bool TryReadStatus(JsonElement element, string? serverHost, int depth, out MastodonStatus? status, out string? error)
    {
        status = null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            error = "the status is not a JSON object";
            return false;
        }

        var id = String(element, "id");
        if (string.IsNullOrEmpty(id) || id.Length > 100)
        {
            error = "the status has no \"id\"";
            return false;
        }

        var uri = String(element, "uri")?.Trim();
        if (string.IsNullOrEmpty(uri) || uri.Length > 2000 || !Uri.TryCreate(uri, UriKind.Absolute, out _))
        {
            error = $"status {Shorten(id)} has no \"uri\"";
            return false;
        }

        if (!element.TryGetProperty("account", out var accountElement))
        {
            error = $"status {Shorten(id)} has no \"account\"";
            return false;
        }

        if (!TryReadAccount(accountElement, serverHost, out var account, out error))
        {
            error = $"status {Shorten(id)}: {error}";
            return false;
        }

        if (Instant(element, "created_at") is not { } createdAt)
        {
            error = $"status {Shorten(id)} has no valid \"created_at\"";
            return false;
        }

        var author = new Author(account!.Handle, account.DisplayName, account.AvatarUrl);
        if (element.TryGetProperty("reblog", out var reblog) && reblog.ValueKind == JsonValueKind.Object)
        {
            if (depth >= MaxReblogDepth)
            {
                error = $"status {Shorten(id)} boosts a boost";
                return false;
            }

            if (!TryReadStatus(reblog, serverHost, depth + 1, out var original, out error))
            {
                error = $"the status {Shorten(id)} boosts one that cannot be read: {error}";
                return false;
            }

            // A repost is only a repost (QUERY-LANGUAGE.md 1): the original's text, entities and media, the booster as author.
            status = new MastodonStatus(id, original!.Post with
            {
                RemoteId = uri,
                Author = author,
                CreatedAt = createdAt,
                Kind = PostKind.Repost,
                RepostOfHandle = original.Post.Author.Handle,
                ReplyToHandle = null,
                QuoteOfId = null,
            });
            error = null;
            return true;
        }

        var host = serverHost ?? HostOf(account.Url);
        var mentions = ReadMentions(element, serverHost);
        var links = new List<string>();
        var body = MastodonHtmlText.ToText(String(element, "content"), (href, shown) => MentionHandle(mentions, href, shown, host), links);
        if (body.Length == 0 && String(element, "text") is { } source)
        {
            // Deleted statuses and edit sources carry the plain text the author typed.
            body = source.Trim();
        }

        var text = new StringBuilder();
        if (String(element, "spoiler_text")?.Trim() is { Length: > 0 } warning)
        {
            // The content warning is part of what was published; first line, as the web interface shows it.
            text.Append("CW: ").Append(warning.ReplaceLineEndings(" "));
            if (body.Length > 0)
            {
                text.Append("\n\n");
            }
        }

        text.Append(body);
        AppendPoll(element, text);

        if (element.TryGetProperty("card", out var card) && card.ValueKind == JsonValueKind.Object && WebAddress(String(card, "url")) is { } cardUrl)
        {
            AddDistinct(links, cardUrl);
        }

        var hashtags = new List<string>();
        if (element.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Array)
        {
            foreach (var tag in tags.EnumerateArray())
            {
                AddDistinct(hashtags, String(tag, "name")?.Trim().TrimStart('#'));
            }
        }

        string? replyTo = null;
        var isReply = String(element, "in_reply_to_id") is { Length: > 0 };
        if (isReply && String(element, "in_reply_to_account_id") is { Length: > 0 } replyAccount)
        {
            replyTo = replyAccount == account.Id
                ? account.Handle
                : mentions.FirstOrDefault(mention => mention.Id == replyAccount).Handle;
        }

        var (isQuote, quoteOf) = ReadQuote(element);
        var url = WebAddress(String(element, "url")) ?? WebAddress(uri);
        var language = String(element, "language")?.Trim();
        status = new MastodonStatus(id, new Post
        {
            Network = Network.Mastodon,
            RemoteId = uri,
            Author = author,
            Text = text.ToString(),
            CreatedAt = createdAt,
            Kind = isReply ? PostKind.Reply : isQuote ? PostKind.Quote : PostKind.Post,
            Url = url,
            ReplyToHandle = replyTo,
            QuoteOfId = quoteOf,
            Languages = string.IsNullOrEmpty(language) || language.Length > 35 ? [] : [language],
            Links = links,
            Media = ReadMedia(element),
            Hashtags = hashtags,
            Mentions = [.. mentions.Select(mention => mention.Handle).Distinct(StringComparer.OrdinalIgnoreCase)],
            EditedAt = Instant(element, "edited_at"),
        });
        error = null;
        return true;
    }

    /// <summary>The mentioned accounts; without a known server, a local account's domain is the host of its own address.</summary>
    private static List<(string? Id, string Handle, string? Url, string Username)> ReadMentions(JsonElement status, string? serverHost)
    {
        var mentions = new List<(string?, string, string?, string)>();
        if (status.TryGetProperty("mentions", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var mention in list.EnumerateArray())
            {
                if (Handle(String(mention, "acct"), serverHost ?? HostOf(String(mention, "url"))) is { } handle)
                {
                    mentions.Add((String(mention, "id"), handle, String(mention, "url"), String(mention, "username") ?? handle[..handle.IndexOf('@', StringComparison.Ordinal)]));
                }
            }
        }

        return mentions;
    }

    /// <summary>The full handle for a mention link: by its address in <c>mentions[]</c>, else by the name it shows, else the name at the link's host.</summary>
    private static string? MentionHandle(List<(string? Id, string Handle, string? Url, string Username)> mentions, string href, string shown, string? host)
    {
        foreach (var mention in mentions)
        {
            if (mention.Url is not null && string.Equals(mention.Url, href, StringComparison.OrdinalIgnoreCase))
            {
                return mention.Handle;
            }
        }

        if (shown.Contains('@', StringComparison.Ordinal))
        {
            var byHandle = mentions.FirstOrDefault(mention => string.Equals(mention.Handle, shown, StringComparison.OrdinalIgnoreCase)).Handle;
            return byHandle ?? Handle(shown, null);
        }

        var byName = mentions.Where(mention => string.Equals(mention.Username, shown, StringComparison.OrdinalIgnoreCase)).Select(mention => mention.Handle).ToList();
        return byName.Count == 1 ? byName[0] : Handle(shown, HostOf(href) ?? host);
    }

    /// <summary>
    /// Quotes (Mastodon 4.5): <c>quote</c> is a Quote <c>{state, quoted_status}</c>, or a shallow one with only
    /// <c>quoted_status_id</c> (the server's id, not a remote id); some forks put the quoted Status itself there.
    /// Only an accepted quote shows the quoted post.
    /// </summary>
    private static (bool IsQuote, string? QuoteOf) ReadQuote(JsonElement status)
    {
        if (!status.TryGetProperty("quote", out var quote) || quote.ValueKind != JsonValueKind.Object)
        {
            return (false, null);
        }

        if (String(quote, "state") is { } state && state != "accepted")
        {
            return (false, null);
        }

        if (quote.TryGetProperty("quoted_status", out var quoted) && quoted.ValueKind == JsonValueKind.Object)
        {
            return (true, String(quoted, "uri"));
        }

        if (String(quote, "uri") is { } forkUri && quote.TryGetProperty("account", out _))
        {
            return (true, forkUri);
        }

        return (String(quote, "quoted_status_id") is { Length: > 0 } || String(quote, "state") == "accepted", null);
    }

    private static List<MediaItem> ReadMedia(JsonElement status)
    {
        var media = new List<MediaItem>();
        if (!status.TryGetProperty("media_attachments", out var attachments) || attachments.ValueKind != JsonValueKind.Array)
        {
            return media;
        }

        foreach (var attachment in attachments.EnumerateArray())
        {
            MediaType? type = String(attachment, "type") switch
            {
                "image" => MediaType.Image,
                "gifv" => MediaType.Gif,

                // Core has no audio type yet; audio plays in the same player as video.
                "video" or "audio" => MediaType.Video,
                _ => null,
            };
            var url = WebAddress(String(attachment, "url")) ?? WebAddress(String(attachment, "remote_url")) ?? WebAddress(String(attachment, "preview_url"));
            if (type is { } mediaType && url is not null)
            {
                var alt = String(attachment, "description")?.Trim();
                media.Add(new MediaItem(mediaType, url, string.IsNullOrEmpty(alt) ? null : alt));
            }
        }

        return media;
    }

    private static void AppendPoll(JsonElement status, StringBuilder text)
    {
        if (!status.TryGetProperty("poll", out var poll) || poll.ValueKind != JsonValueKind.Object
            || !poll.TryGetProperty("options", out var options) || options.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (var option in options.EnumerateArray())
        {
            if (String(option, "title")?.Trim() is { Length: > 0 } title)
            {
                text.Append(text.Length > 0 ? "\n" : "").Append("- ").Append(title.ReplaceLineEndings(" "));
            }
        }
    }

    private static bool TryParse(ReadOnlySpan<byte> utf8, string what, out JsonDocument? document, out string? error)
    {
        document = null;
        if (utf8.Length > MaxPayloadBytes)
        {
            error = $"the {what} is {utf8.Length.ToString("N0", CultureInfo.InvariantCulture)} bytes, more than the {MaxPayloadBytes.ToString("N0", CultureInfo.InvariantCulture)} allowed";
            return false;
        }

        if (!Utf8.IsValid(utf8))
        {
            error = $"the {what} is not valid UTF-8";
            return false;
        }

        try
        {
            document = JsonDocument.Parse(utf8.ToArray(), DocumentOptions);
            error = null;
            return true;
        }
        catch (JsonException exception)
        {
            error = $"malformed JSON ({FirstSentence(exception.Message)})";
            return false;
        }
    }

    private static DateTime? Instant(JsonElement element, string name) =>
        String(element, name) is { } text
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            && parsed.Year is >= 1990 and <= 2200
            ? parsed.UtcDateTime
            : null;

    /// <summary>An absolute http or https address, else null (javascript:, data: and relative addresses are not links).</summary>
    private static string? WebAddress(string? value) =>
        value is { Length: > 0 and <= 4000 } && Uri.TryCreate(value.Trim(), UriKind.Absolute, out var address) && address.Scheme is "http" or "https"
            ? value.Trim()
            : null;

    private static string? HostOf(string? address) =>
        address is not null && Uri.TryCreate(address, UriKind.Absolute, out var parsed) && parsed.IdnHost.Length > 0 ? parsed.IdnHost.ToLowerInvariant() : null;

    internal static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static void AddDistinct(List<string> values, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value) && !values.Contains(value, StringComparer.Ordinal))
        {
            values.Add(value);
        }
    }

    internal static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";

    internal static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message.TrimEnd('.') : message[..end];
    }
}

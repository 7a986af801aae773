using System.Globalization;
using PressDeck.Core.Posts;

namespace PressDeck.Core.Ingest;

/// <summary>
/// Brings a post from any source within <see cref="PostLimits"/>: a post without identity is refused, oversized
/// fields are cut (never inside a character), and every change is reported so the pipeline can log it once.
/// </summary>
public static class PostSanitiser
{
    public static PostCheck Check(Post post)
    {
        ArgumentNullException.ThrowIfNull(post);
        if (string.IsNullOrWhiteSpace(post.RemoteId) || post.RemoteId.Length > PostLimits.MaxRemoteIdLength)
        {
            return PostCheck.Refused("the post has no usable id");
        }

        if (string.IsNullOrWhiteSpace(post.Author.Handle) || post.Author.Handle.Length > PostLimits.MaxHandleLength)
        {
            return PostCheck.Refused("the post has no usable author handle");
        }

        if (post.CreatedAt.Kind != DateTimeKind.Utc)
        {
            return PostCheck.Refused("the post's time is not in UTC");
        }

        var changes = new List<string>();
        var text = post.Text ?? "";
        if (text.Length > PostLimits.MaxTextLength)
        {
            changes.Add(string.Create(CultureInfo.InvariantCulture, $"text of {text.Length} characters cut to {PostLimits.MaxTextLength}"));
            text = Truncate(text, PostLimits.MaxTextLength);
        }

        var author = post.Author;
        if (author.DisplayName.Length > PostLimits.MaxDisplayNameLength)
        {
            changes.Add("display name cut");
            author = author with { DisplayName = Truncate(author.DisplayName, PostLimits.MaxDisplayNameLength) };
        }

        var url = post.Url;
        if (url is not null && url.Length > PostLimits.MaxUrlLength)
        {
            changes.Add("link to the original dropped (too long)");
            url = null;
        }

        var links = Limit(post.Links, "links", changes);
        var media = Limit(post.Media, "media", changes);
        var hashtags = Limit(post.Hashtags, "hashtags", changes);
        var mentions = Limit(post.Mentions, "mentions", changes);

        if (changes.Count == 0)
        {
            return PostCheck.Accepted(post, null);
        }

        var cleaned = post with
        {
            Text = text,
            Author = author,
            Url = url,
            Links = links,
            Media = media,
            Hashtags = hashtags,
            Mentions = mentions,
        };
        return PostCheck.Accepted(cleaned, string.Join("; ", changes));
    }

    /// <summary>Cuts to at most <paramref name="maxLength"/> UTF-16 units without splitting a surrogate pair.</summary>
    public static string Truncate(string value, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length <= maxLength)
        {
            return value;
        }

        var cut = maxLength;
        if (cut > 0 && char.IsHighSurrogate(value[cut - 1]))
        {
            cut--;
        }

        return value[..cut];
    }

    private static IReadOnlyList<T> Limit<T>(IReadOnlyList<T> items, string what, List<string> changes)
    {
        if (items.Count <= PostLimits.MaxEntities)
        {
            return items;
        }

        changes.Add(string.Create(CultureInfo.InvariantCulture, $"{items.Count} {what} cut to {PostLimits.MaxEntities}"));
        return items.Take(PostLimits.MaxEntities).ToArray();
    }
}

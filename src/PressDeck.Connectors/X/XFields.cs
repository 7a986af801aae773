namespace PressDeck.Connectors.X;

/// <summary>
/// The fields and expansions PressDeck asks for on every read (protocols.md 3.2): enough for the author, entities,
/// media with alt text, replies, quotes, retweets with the original's text, long posts and edits.
/// </summary>
public static class XFields
{
    public const string TweetFields = "attachments,author_id,conversation_id,created_at,edit_history_tweet_ids,entities,in_reply_to_user_id,lang,note_tweet,referenced_tweets";

    public const string Expansions = "attachments.media_keys,author_id,in_reply_to_user_id,referenced_tweets.id,referenced_tweets.id.author_id";

    public const string UserFields = "name,profile_image_url,username";

    public const string MediaFields = "alt_text,media_key,preview_image_url,type,url,variants";

    /// <summary>The query string (without <c>?</c>) that asks for all of the above.</summary>
    public static string Query { get; } =
        "tweet.fields=" + Uri.EscapeDataString(TweetFields)
        + "&expansions=" + Uri.EscapeDataString(Expansions)
        + "&user.fields=" + Uri.EscapeDataString(UserFields)
        + "&media.fields=" + Uri.EscapeDataString(MediaFields);
}

namespace PressDeck.Data.Feeds;

/// <summary>
/// A news site's RSS, Atom or JSON Feed that PressDeck polls, so breaking news sits in the deck beside the networks.
/// Where polling resumes (ETag, Last-Modified, the items already seen) is the source checkpoint <c>feed:{Id}</c>.
/// </summary>
public sealed class NewsFeed
{
    public int Id { get; set; }

    /// <summary>The feed's address; updated when the site moves it permanently.</summary>
    public string Url { get; set; } = "";

    /// <summary>The feed's handle in queries (<c>from:bbc-news</c>), QUERY-LANGUAGE.md section 1.</summary>
    public string Handle { get; set; } = "";

    /// <summary>The feed's own title, as it said when it was added.</summary>
    public string Title { get; set; } = "";

    public int PollMinutes { get; set; } = 15;

    public DateTime AddedAt { get; set; }

    public string AddedBy { get; set; } = "";
}

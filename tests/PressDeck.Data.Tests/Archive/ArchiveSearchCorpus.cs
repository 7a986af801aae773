using PressDeck.Connectors.Demo;
using PressDeck.Core.Posts;
using PressDeck.Core.Text;
using PressDeck.Data.Tests.Support;

namespace PressDeck.Data.Tests.Archive;

/// <summary>
/// The posts the archive-search agreement tests run on: 2,000 demo posts (seed 2026) spread over every network, with
/// shared timestamps and a shuffled insertion order, plus a few hand-made posts for the shapes the demo never writes.
/// Deterministic, so the queries below can be drawn from what the posts actually contain.
/// </summary>
internal static class ArchiveSearchCorpus
{
    public const int DemoPostCount = 2_000;

    public static readonly DateTime Start = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

    public static readonly DemoWorld World = new(2026);

    /// <summary>Demo posts first, then the hand-made ones, in the order they are created (not the order they are archived).</summary>
    public static readonly IReadOnlyList<Post> Posts = [.. DemoPosts(), .. HandMadePosts()];

    public static readonly IReadOnlyList<AnalyzedPost> Analyses = [.. Posts.Select(PostAnalyzer.Analyze)];

    public static readonly InMemoryListDirectory Lists = new(new Dictionary<string, string[]>
    {
        ["journalists"] = [.. World.Journalists.Select(account => account.Handle)],
        ["Select Committee"] = [.. World.Politicians.Take(6).Select(account => account.Handle), "BBCNews"],
    });

    private static IEnumerable<Post> DemoPosts()
    {
        // Three posts share each second, so ordering falls back on the archive id for ties.
        var posts = new DemoPostFactory(World).CreateMany(0, DemoPostCount, Start, TimeSpan.Zero);
        for (var i = 0; i < posts.Count; i++)
        {
            var post = posts[i] with { CreatedAt = Start.AddSeconds(i / 3 * 7) };
            yield return (i % 5) switch
            {
                1 => post with { Network = Network.Bluesky, Author = post.Author with { Handle = post.Author.Handle + ".bsky.social" } },
                2 => post with { Network = Network.Mastodon, Author = post.Author with { Handle = post.Author.Handle + "@press.social" } },
                3 => post with { Network = Network.X, Author = post.Author with { Handle = post.Author.Handle.ToUpperInvariant() } },
                4 => post with { Network = Network.Rss },
                _ => post,
            };
        }
    }

    private static IEnumerable<Post> HandMadePosts()
    {
        var at = Start.AddDays(-1);
        var number = 0;
        Post Make(string text, Network network = Network.Bluesky, string author = "alice.bsky.social", PostKind kind = PostKind.Post,
            string? replyTo = null, string? quoteOf = null, string? title = null, string[]? languages = null, string[]? links = null,
            string[]? hashtags = null, string[]? mentions = null, MediaItem[]? media = null)
        {
            number++;
            return new Post
            {
                Network = network,
                RemoteId = "hand-" + number.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Author = new Author(author, author),
                Text = text,
                CreatedAt = at.AddMinutes(number),
                Kind = kind,
                ReplyToHandle = replyTo,
                QuoteOfId = quoteOf,
                Title = title,
                Languages = languages ?? ["en"],
                Links = links ?? [],
                Hashtags = hashtags ?? [],
                Mentions = mentions ?? [],
                Media = media ?? [],
            };
        }

        // A handle written with its @, as an offline import may give it: from:bbcnews still means this author.
        yield return Make("Live coverage of the Skills Bill all day #SkillsBill", Network.X, author: "@BBCNews");
        yield return Make("thanks @bbcnews for the skills bill coverage", Network.X, author: "jo");
        yield return Make("thanks for the skills bill coverage", Network.X, author: "jo");
        yield return Make("Covid 19 figures out today", Network.Mastodon, author: "bob@mastodon.social");
        yield return Make("Latest covid-19 figures", Network.Mastodon, author: "bob@mastodon.social", mentions: ["carol@mastodon.social"]);
        yield return Make("A naïve plan for the Économie of Llanelli, Café owners say", languages: ["fr-FR"]);
        yield return Make("Straße closed; #Ŵyl_Caerdydd starts", languages: ["cy"]);
        yield return Make("東京で記者会見 #東京", languages: ["ja"]);
        yield return Make("東京都の経済対策", languages: ["ja"]);
        yield return Make("Ο προϋπολογισμός ψηφίστηκε τελικώς", languages: ["el"]);
        yield return Make("Watch the minister at the factory", media: [new MediaItem(MediaType.Video, "https://cdn.example/v.mp4", "The minister")]);
        yield return Make("Steel news roundup #steel_news @bob@mastodon.social", Network.Mastodon, author: "carol@mastodon.social");
        yield return Make("Supplied entities only", hashtags: ["Budget"], mentions: ["dbt_press"], links: ["https://www.gov.uk/budget"]);
        yield return Make("@dbt_press will apprentices get the new rate?", kind: PostKind.Reply, replyTo: "DBT_Press", quoteOf: "hand-1");
        yield return Make("RT @dbt_press: apprentices rally in Leeds", kind: PostKind.Repost, author: "jo");
        yield return Make("Summary of the budget https://ons.gov.uk/budget/summary", Network.Rss, author: "bbc-business", title: "Budget: what it means");
        yield return Make("Reaction GIF", Network.X, author: "jo", media: [new MediaItem(MediaType.Gif, "https://cdn.example/g.gif", null)]);
        yield return Make("Employers welcome the #Apprentices scheme; employment up", languages: ["en-GB"]);
    }
}

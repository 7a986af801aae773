using System.Text.RegularExpressions;
using PressDeck.Connectors.Demo;
using PressDeck.Core.Posts;

namespace PressDeck.Connectors.Tests.Demo;

[Trait("Issue", "2")]
public sealed partial class DemoPostFactoryTests
{
    private static readonly IReadOnlyList<Post> TwoThousand =
        DemoTestData.Factory().CreateMany(0, 2_000, DemoTestData.Start, TimeSpan.FromSeconds(1));

    private static readonly Lazy<IReadOnlyList<Post>> TwentyFourThousand =
        new(() => DemoTestData.Factory().CreateMany(0, 24_000, DemoTestData.Start, TimeSpan.FromSeconds(1)));

    [Fact]
    public void Same_seed_gives_the_same_posts()
    {
        var first = DemoTestData.Factory(7).CreateMany(0, 1_000, DemoTestData.Start, TimeSpan.FromSeconds(1));
        var second = DemoTestData.Factory(7).CreateMany(0, 1_000, DemoTestData.Start.AddDays(3), TimeSpan.FromMinutes(1));

        Assert.Equal(first.Select(Fingerprint), second.Select(Fingerprint));
    }

    [Fact]
    public void Another_seed_gives_other_posts()
    {
        var first = DemoTestData.Factory(7).CreateMany(0, 200, DemoTestData.Start, TimeSpan.FromSeconds(1));
        var second = DemoTestData.Factory(8).CreateMany(0, 200, DemoTestData.Start, TimeSpan.FromSeconds(1));

        Assert.NotEqual(first.Select(post => post.Text), second.Select(post => post.Text));
    }

    [Fact]
    public void Any_post_can_be_made_without_the_ones_before_it()
    {
        var factory = DemoTestData.Factory();

        var alone = factory.Create(1_234, DemoTestData.Start);

        Assert.Equal(Fingerprint(TwoThousand[1_234]), Fingerprint(alone));
    }

    [Fact]
    public void Remote_ids_and_urls_are_unique_and_follow_the_scheme()
    {
        Assert.Equal(TwoThousand.Count, TwoThousand.Select(post => post.RemoteId).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal("demo:2026:0", TwoThousand[0].RemoteId);
        Assert.All(TwoThousand, post =>
        {
            Assert.Equal(Network.Demo, post.Network);
            Assert.Equal(DateTimeKind.Utc, post.CreatedAt.Kind);
            Assert.Equal($"https://demo.pressdeck.local/{post.Author.Handle}/posts/{post.RemoteId["demo:2026:".Length..]}", post.Url);
        });
    }

    [Fact]
    public void Sequence_is_read_back_from_the_remote_id()
    {
        var factory = DemoTestData.Factory();

        Assert.True(factory.TryGetSequence(factory.RemoteIdFor(42), out var sequence));
        Assert.Equal(42, sequence);
        Assert.False(factory.TryGetSequence("demo:7:42", out _));
        Assert.False(factory.TryGetSequence("demo:2026:out-0198c0a1b2c37d4e8f9a0b1c2d3e4f50", out _));
    }

    [Fact]
    public void Has_replies_reposts_quotes_and_plain_posts()
    {
        var kinds = TwoThousand.GroupBy(post => post.Kind).ToDictionary(group => group.Key, group => group.Count());

        Assert.InRange(kinds[PostKind.Post], 1_000, 1_600);
        Assert.InRange(kinds[PostKind.Reply], 150, 450);
        Assert.InRange(kinds[PostKind.Repost], 120, 400);
        Assert.InRange(kinds[PostKind.Quote], 80, 300);
    }

    [Fact]
    public void Replies_start_with_the_handle_they_answer()
    {
        var replies = TwoThousand.Where(post => post.Kind == PostKind.Reply).ToList();

        Assert.All(replies, reply =>
        {
            Assert.NotNull(reply.ReplyToHandle);
            Assert.StartsWith("@" + reply.ReplyToHandle + " ", reply.Text, StringComparison.Ordinal);
            Assert.True(reply.IsReply);
        });
    }

    [Fact]
    public void Reposts_carry_an_earlier_original_text_under_the_reposter()
    {
        var byText = TwoThousand.Where(post => post.Kind != PostKind.Repost).ToLookup(post => post.Text, StringComparer.Ordinal);
        var reposts = TwoThousand.Where(post => post.Kind == PostKind.Repost).ToList();

        Assert.All(reposts, repost =>
        {
            Assert.NotNull(repost.RepostOfHandle);
            Assert.Null(repost.ReplyToHandle);
            Assert.Null(repost.QuoteOfId);
            Assert.Contains(byText[repost.Text], original => original.Author.Handle == repost.RepostOfHandle && Sequence(original) < Sequence(repost));
        });
    }

    [Fact]
    public void Quotes_refer_to_an_earlier_post_that_is_not_a_repost()
    {
        var byId = TwoThousand.ToDictionary(post => post.RemoteId, StringComparer.Ordinal);
        var quotes = TwoThousand.Where(post => post.Kind == PostKind.Quote).ToList();

        Assert.All(quotes, quote =>
        {
            Assert.NotNull(quote.QuoteOfId);
            var quoted = byId[quote.QuoteOfId];
            Assert.True(Sequence(quoted) < Sequence(quote));
            Assert.NotEqual(PostKind.Repost, quoted.Kind);
        });
    }

    [Fact]
    public void Journalists_ask_the_office_questions_and_the_office_answers_some()
    {
        var world = new DemoWorld(2026);
        var journalists = world.Journalists.Select(account => account.Handle).ToHashSet(StringComparer.Ordinal);

        var questions = TwoThousand.Where(post =>
            post.Kind == PostKind.Post && journalists.Contains(post.Author.Handle) && post.Mentions.Contains("dbt_press") && post.Text.Contains('?', StringComparison.Ordinal)).ToList();
        var answers = TwoThousand.Where(post => post.Author.Handle == "dbt_press" && post.Kind == PostKind.Reply).ToList();

        Assert.True(questions.Count >= 30, $"{questions.Count} questions");
        Assert.Contains(questions, question => question.Text.Contains("@dbt_press can you confirm", StringComparison.Ordinal));
        Assert.NotEmpty(answers);
    }

    [Fact]
    public void Images_all_have_alt_text_and_are_served()
    {
        var media = TwoThousand.SelectMany(post => post.Media).ToList();

        Assert.True(media.Count >= 100, $"{media.Count} images");
        Assert.All(media, item =>
        {
            Assert.Equal(MediaType.Image, item.Type);
            Assert.False(string.IsNullOrWhiteSpace(item.AltText));
            Assert.StartsWith(DemoMedia.UrlPrefix, item.Url, StringComparison.Ordinal);
            Assert.True(DemoMedia.TryGet(item.Url[DemoMedia.UrlPrefix.Length..], out _, out _), item.Url);
        });
    }

    [Fact]
    public void Links_go_to_news_sites_and_gov_uk()
    {
        var links = TwoThousand.SelectMany(post => post.Links).ToList();

        Assert.Contains(links, link => link.StartsWith("https://www.northernchronicle.co.uk/", StringComparison.Ordinal));
        Assert.Contains(links, link => link.StartsWith("https://www.gov.uk/government/news/", StringComparison.Ordinal));
        Assert.Contains(links, link => link.StartsWith("https://www.gov.uk/government/publications/", StringComparison.Ordinal));
        Assert.All(links, link => Assert.Matches(CleanUrl(), link));
    }

    [Fact]
    public void Trending_hashtag_is_common()
    {
        var withTrending = TwoThousand.Count(post => post.Hashtags.Contains("SkillsBill"));

        Assert.InRange(withTrending, 100, 600);
    }

    [Fact]
    public void Mostly_british_english_with_some_welsh_and_french()
    {
        var languages = TwoThousand.GroupBy(post => Assert.Single(post.Languages)).ToDictionary(group => group.Key, group => group.Count());

        Assert.True(languages["en-GB"] > 1_700);
        Assert.InRange(languages["cy"], 20, 200);
        Assert.InRange(languages["fr"], 10, 100);
    }

    [Fact]
    public void Entities_in_the_text_are_recorded_on_the_post_and_the_other_way_round()
    {
        Assert.All(TwentyFourThousand.Value, post =>
        {
            var hashtags = HashtagInText().Matches(post.Text).Select(match => match.Groups[1].Value);
            var mentions = MentionInText().Matches(post.Text).Select(match => match.Groups[1].Value);
            var links = LinkInText().Matches(post.Text).Select(match => match.Value);

            Assert.Equal(hashtags.Order(StringComparer.Ordinal), post.Hashtags.Order(StringComparer.Ordinal));
            Assert.Equal(mentions.Order(StringComparer.Ordinal), post.Mentions.Order(StringComparer.Ordinal));
            Assert.Equal(links.Order(StringComparer.Ordinal), post.Links.Order(StringComparer.Ordinal));
        });
    }

    [Fact]
    public void Texts_are_filled_in_and_vary()
    {
        Assert.All(TwoThousand, post =>
        {
            Assert.DoesNotContain("{", post.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("  ", post.Text, StringComparison.Ordinal);
            Assert.InRange(post.Text.Length, 5, 300);
        });
        Assert.True(TwoThousand.Select(post => post.Text).Distinct(StringComparer.Ordinal).Count() > 1_200);
    }

    [Fact]
    public void Breaking_news_comes_in_bursts_from_news_accounts_and_journalists()
    {
        var world = new DemoWorld(2026);
        var posts = DemoTestData.Factory().CreateMany(0, 10_000, DemoTestData.Start, TimeSpan.FromSeconds(1));

        var breaking = posts.Where(post => post.Kind == PostKind.Post && post.Text.Contains("BREAKING: ", StringComparison.Ordinal)).ToList();

        Assert.True(breaking.Count >= 10, $"{breaking.Count} breaking posts");
        Assert.All(breaking, post => Assert.True(world.TryGetAccount(post.Author.Handle, out var account)
            && account.Role is DemoAccountRole.NewsSite or DemoAccountRole.Journalist));
        var first = breaking.First(post => post.Hashtags.Count > 0);
        var story = first.Hashtags[0];
        var start = (int)Sequence(first);
        var during = posts.Skip(start).Take(500).Count(post => post.Hashtags.Contains(story));
        var before = posts.Take(start).SkipLast(100).Count(post => post.Hashtags.Contains(story));
        Assert.True(during >= 50, $"{during} posts about {story} in the burst");
        Assert.Equal(0, before);
    }

    [Fact]
    public void Topic_popularity_rises_and_falls()
    {
        var sharesPerWindow = TwentyFourThousand.Value.Chunk(2_000)
            .Select(window => window.Count(post => post.Hashtags.Contains("TradeDeal")) / (double)window.Length)
            .ToList();

        Assert.True(sharesPerWindow.Max() > 2.5 * sharesPerWindow.Min(), string.Join(", ", sharesPerWindow));
    }

    private static long Sequence(Post post) => long.Parse(post.RemoteId.Split(':')[2], System.Globalization.CultureInfo.InvariantCulture);

    private static string Fingerprint(Post post) => string.Join(
        "|",
        post.RemoteId,
        post.Author.Handle,
        post.Kind,
        post.Text,
        post.ReplyToHandle,
        post.QuoteOfId,
        post.RepostOfHandle,
        string.Join(",", post.Languages),
        string.Join(",", post.Media.Select(item => item.Url + item.AltText)));

    [GeneratedRegex(@"(?<![\p{L}\p{N}])#([\p{L}\p{N}_]+)")]
    private static partial Regex HashtagInText();

    [GeneratedRegex(@"(?<![\p{L}\p{N}])@([A-Za-z0-9_.\-]*[A-Za-z0-9_])")]
    private static partial Regex MentionInText();

    [GeneratedRegex(@"https?://[^\s]+[^\s.,;:!?)]")]
    private static partial Regex LinkInText();

    [GeneratedRegex(@"^https://www\.[a-z0-9.\-]+/[a-z0-9\-/]+$")]
    private static partial Regex CleanUrl();
}

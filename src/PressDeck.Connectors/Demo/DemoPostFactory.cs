using System.Globalization;
using PressDeck.Core.Posts;

namespace PressDeck.Connectors.Demo;

/// <summary>
/// Generates the demo world's posts without pacing. Post number N is a pure function of (seed, N): the same seed
/// always gives the same authors, texts and entities, any post can be made without making the ones before it,
/// and the factory is stateless after construction, so it is thread-safe. Replies, quotes and reposts refer only
/// to earlier sequence numbers, so a stream taken in order never refers forward.
/// </summary>
public sealed class DemoPostFactory
{
    public const string PostUrlPrefix = "https://demo.pressdeck.local/";

    /// <summary>How far back a reply, quote or repost may reach, in posts.</summary>
    private const int MaximumLookBack = 400;

    /// <summary>Breaking-news bursts: each window of this many posts may hold one burst.</summary>
    private const int BurstWindow = 2_000;

    private const double BurstProbability = 0.4;

    private const double BurstShare = 0.6;

    private readonly DemoWorld _world;
    private readonly string _remoteIdPrefix;
    private readonly double[] _driftPeriods;
    private readonly double[] _driftPhases;

    public DemoPostFactory(DemoWorld world)
    {
        ArgumentNullException.ThrowIfNull(world);
        _world = world;
        _remoteIdPrefix = "demo:" + world.Seed.ToString(CultureInfo.InvariantCulture) + ":";

        // Popularity drifts on a sine per topic, measured in posts so that it does not depend on timestamps:
        // at 2 posts/s a period of 3,000 to 24,000 posts is 25 minutes to 3 hours 20.
        var topics = DemoTopicCatalog.Topics.Length;
        _driftPeriods = new double[topics];
        _driftPhases = new double[topics];
        for (var i = 0; i < topics; i++)
        {
            var random = DemoRandom.For(world.Seed, DemoRandomStream.Drift, i);
            _driftPeriods[i] = random.Between(3_000, 24_000);
            _driftPhases[i] = random.NextDouble() * 2 * Math.PI;
        }
    }

    public DemoWorld World => _world;

    public string RemoteIdFor(long sequence) => _remoteIdPrefix + sequence.ToString(CultureInfo.InvariantCulture);

    /// <summary>The sequence number of a generated post of this world; false for other seeds and for published posts.</summary>
    public bool TryGetSequence(string remoteId, out long sequence)
    {
        ArgumentNullException.ThrowIfNull(remoteId);
        sequence = -1;
        return remoteId.StartsWith(_remoteIdPrefix, StringComparison.Ordinal)
            && long.TryParse(remoteId.AsSpan(_remoteIdPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out sequence);
    }

    /// <summary>Makes <paramref name="count"/> posts from <paramref name="firstSequence"/> on, <paramref name="interval"/> apart.</summary>
    public IReadOnlyList<Post> CreateMany(long firstSequence, int count, DateTime firstCreatedAt, TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var posts = new Post[count];
        for (var i = 0; i < count; i++)
        {
            posts[i] = Create(firstSequence + i, firstCreatedAt + interval * i);
        }

        return posts;
    }

    public Post Create(long sequence, DateTime createdAt)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        if (createdAt.Kind != DateTimeKind.Utc)
        {
            throw new ArgumentException("Post instants are UTC.", nameof(createdAt));
        }

        var skeleton = Skeleton(sequence);
        if (skeleton.Kind == PostKind.Repost)
        {
            // The repost carries the original's text and entities; its author is the reposter.
            var original = Create(skeleton.Target, createdAt);
            return original with
            {
                RemoteId = RemoteIdFor(sequence),
                Author = skeleton.Author.Author,
                CreatedAt = createdAt,
                Kind = PostKind.Repost,
                Url = UrlFor(skeleton.Author, sequence),
                ReplyToHandle = null,
                QuoteOfId = null,
                RepostOfHandle = original.Author.Handle,
            };
        }

        var random = DemoRandom.For(_world.Seed, DemoRandomStream.Content, sequence);
        var topic = DemoTopicCatalog.Topics[skeleton.TopicIndex];
        var story = skeleton.StoryIndex >= 0 ? DemoTopicCatalog.BreakingStories[skeleton.StoryIndex] : null;
        var target = skeleton.Kind == PostKind.Reply ? AuthorOf(skeleton.Target) : null;
        var targetIsQuestion = skeleton.Kind == PostKind.Reply && BaseSkeleton(skeleton.Target).IsQuestion;
        var language = ChooseLanguage(skeleton, random);
        var draft = new DemoDraft(_world, random, skeleton.Author, topic, story, target);

        var template = random.Pick(ChooseTemplates(skeleton, language, targetIsQuestion, random));
        var text = draft.Write(skeleton.Kind == PostKind.Reply ? "{@target} " + template : template);
        if (random.Chance(ImageChance(skeleton.Author.Role)))
        {
            draft.AttachImage();
        }

        return new Post
        {
            Network = Network.Demo,
            RemoteId = RemoteIdFor(sequence),
            Author = skeleton.Author.Author,
            Text = text,
            CreatedAt = createdAt,
            Kind = skeleton.Kind,
            Url = UrlFor(skeleton.Author, sequence),
            ReplyToHandle = target?.Handle,
            QuoteOfId = skeleton.Kind == PostKind.Quote ? RemoteIdFor(skeleton.Target) : null,
            Languages = [language],
            Links = [.. draft.Links],
            Media = [.. draft.Media],
            Hashtags = [.. draft.Hashtags],
            Mentions = [.. draft.Mentions],
        };
    }

    private static string UrlFor(DemoAccount author, long sequence) =>
        PostUrlPrefix + author.Handle + "/posts/" + sequence.ToString(CultureInfo.InvariantCulture);

    private static string ChooseLanguage(DemoSkeleton skeleton, DemoRandom random)
    {
        if (skeleton.StoryIndex >= 0 && skeleton.Kind == PostKind.Post)
        {
            return "en-GB";
        }

        return skeleton.Author.Language switch
        {
            "cy" when random.Chance(0.7) => "cy",
            "fr" => "fr",
            _ => "en-GB",
        };
    }

    private static string[] ChooseTemplates(DemoSkeleton skeleton, string language, bool targetIsQuestion, DemoRandom random)
    {
        var role = skeleton.Author.Role;
        switch (skeleton.Kind)
        {
            case PostKind.Reply:
                return (language, role) switch
                {
                    ("cy", _) => DemoTemplates.WelshReply,
                    ("fr", _) => DemoTemplates.FrenchReply,
                    (_, DemoAccountRole.Office) => targetIsQuestion ? DemoTemplates.OfficeAnswer : DemoTemplates.OfficeReply,
                    (_, DemoAccountRole.Journalist) => DemoTemplates.ReplyByJournalist,
                    (_, DemoAccountRole.Politician) => DemoTemplates.ReplyByPolitician,
                    (_, DemoAccountRole.Organisation) => DemoTemplates.ReplyByOrganisation,
                    (_, DemoAccountRole.NewsSite) => DemoTemplates.ReplyByNewsSite,
                    _ => DemoTemplates.ReplyByPublic,
                };
            case PostKind.Quote:
                return (language, role) switch
                {
                    ("cy", _) => DemoTemplates.WelshQuote,
                    ("fr", _) => DemoTemplates.FrenchQuote,
                    (_, DemoAccountRole.Office) => DemoTemplates.OfficeQuote,
                    _ => DemoTemplates.QuoteComment,
                };
        }

        if (skeleton.StoryIndex >= 0)
        {
            // The first tenth of a burst is the news breaking; after that, updates and reactions.
            var isEarly = skeleton.StoryProgress < 0.1;
            return role switch
            {
                DemoAccountRole.Journalist when skeleton.IsQuestion => DemoTemplates.BreakingQuestion,
                DemoAccountRole.Journalist => isEarly ? DemoTemplates.BreakingByJournalist[..1] : DemoTemplates.BreakingByJournalist[1..],
                DemoAccountRole.NewsSite => isEarly ? DemoTemplates.BreakingByNewsSite[..2] : DemoTemplates.BreakingByNewsSite[2..],
                _ => DemoTemplates.BreakingReaction,
            };
        }

        return (language, role) switch
        {
            ("cy", _) => skeleton.IsQuestion || (role == DemoAccountRole.Public && random.Chance(0.1)) ? DemoTemplates.WelshQuestion : DemoTemplates.WelshOriginal,
            ("fr", _) => skeleton.IsQuestion ? DemoTemplates.FrenchQuestion : DemoTemplates.FrenchOriginal,
            (_, DemoAccountRole.Journalist) => skeleton.IsQuestion ? DemoTemplates.JournalistQuestion : DemoTemplates.Journalist,
            (_, DemoAccountRole.NewsSite) => DemoTemplates.NewsSite,
            (_, DemoAccountRole.Politician) => skeleton.Author.IsGovernment ? DemoTemplates.GovernmentPolitician : DemoTemplates.OppositionPolitician,
            (_, DemoAccountRole.Organisation) => DemoTemplates.Organisation,
            (_, DemoAccountRole.Office) => DemoTemplates.Office,
            _ => DemoTemplates.Public,
        };
    }

    private static double ImageChance(DemoAccountRole role) => role switch
    {
        DemoAccountRole.Office => 0.3,
        DemoAccountRole.Politician => 0.12,
        DemoAccountRole.NewsSite => 0.12,
        DemoAccountRole.Organisation => 0.08,
        DemoAccountRole.Journalist => 0.05,
        _ => 0.04,
    };

    /// <summary>
    /// Post N's skeleton with the adjustments that depend on the post it answers: a reply stays on its target's
    /// subject, and a journalist's question is answered by the office half the time.
    /// </summary>
    private DemoSkeleton Skeleton(long sequence)
    {
        var skeleton = BaseSkeleton(sequence);
        if (skeleton.Kind == PostKind.Post)
        {
            return skeleton;
        }

        var target = BaseSkeleton(skeleton.Target);
        return skeleton with
        {
            Author = AuthorOf(sequence),
            TopicIndex = target.TopicIndex,
            StoryIndex = target.StoryIndex,
            StoryProgress = 1,
        };
    }

    /// <summary>
    /// The author of post N. Looks at most one post back, so that working out who a reply answers never recurses
    /// down a long thread.
    /// </summary>
    private DemoAccount AuthorOf(long sequence)
    {
        var skeleton = BaseSkeleton(sequence);
        if (skeleton.Kind != PostKind.Reply)
        {
            return skeleton.Author;
        }

        var target = BaseSkeleton(skeleton.Target);
        if (target.IsQuestion && skeleton.OfficeAnswerDraw < 0.5)
        {
            return _world.OfficeAccount;
        }

        if (ReferenceEquals(skeleton.Author, target.Author))
        {
            var authors = _world.Authors;
            return authors[(IndexOf(authors, skeleton.Author) + 1) % authors.Count];
        }

        return skeleton.Author;
    }

    private static int IndexOf(IReadOnlyList<DemoAccount> accounts, DemoAccount account)
    {
        for (var i = 0; i < accounts.Count; i++)
        {
            if (ReferenceEquals(accounts[i], account))
            {
                return i;
            }
        }

        return 0;
    }

    /// <summary>
    /// The skeleton from post N's own random stream. Replies, quotes and reposts point at an original post, never
    /// at a repost (reposting a repost reposts the original, as the networks do).
    /// </summary>
    private DemoSkeleton BaseSkeleton(long sequence)
    {
        var random = DemoRandom.For(_world.Seed, DemoRandomStream.Skeleton, sequence);
        var kindDraw = random.NextDouble();
        var lookBackDraw = random.NextDouble();
        var roleDraw = random.NextDouble();
        var accountDraw = random.NextDouble();
        var topicDraw = random.NextDouble();
        var questionDraw = random.NextDouble();
        var burstDraw = random.NextDouble();
        var officeAnswerDraw = random.NextDouble();

        // Skewed towards recent posts, as conversation is.
        var target = sequence - 1 - (long)(lookBackDraw * lookBackDraw * MaximumLookBack);
        var topicIndex = TopicAt(sequence, topicDraw);

        if (BurstAt(sequence) is var (storyIndex, progress) && burstDraw < BurstShare)
        {
            var kind = kindDraw < 0.15 && target >= 0 ? PostKind.Repost : PostKind.Post;
            var role = roleDraw switch
            {
                < 0.35 => DemoAccountRole.NewsSite,
                < 0.75 => DemoAccountRole.Journalist,
                < 0.87 => DemoAccountRole.Public,
                < 0.94 => DemoAccountRole.Organisation,
                _ => DemoAccountRole.Politician,
            };
            var author = PickAccount(role, accountDraw);
            var isQuestion = kind == PostKind.Post && role == DemoAccountRole.Journalist && questionDraw < 0.2;
            var burstSkeleton = new DemoSkeleton(kind, target, author, topicIndex, storyIndex, progress, isQuestion, officeAnswerDraw);
            return kind == PostKind.Repost ? burstSkeleton with { Target = OriginalOf(target) } : burstSkeleton;
        }

        var postKind = target < 0 ? PostKind.Post : kindDraw switch
        {
            < 0.15 => PostKind.Reply,
            < 0.27 => PostKind.Repost,
            < 0.35 => PostKind.Quote,
            _ => PostKind.Post,
        };
        var postRole = roleDraw switch
        {
            < 0.32 => DemoAccountRole.Public,
            < 0.62 => DemoAccountRole.Journalist,
            < 0.72 => DemoAccountRole.NewsSite,
            < 0.84 => DemoAccountRole.Organisation,
            < 0.96 => DemoAccountRole.Politician,
            _ => DemoAccountRole.Office,
        };
        var postAuthor = PickAccount(postRole, accountDraw);
        var postIsQuestion = postKind == PostKind.Post && postRole == DemoAccountRole.Journalist && questionDraw < 0.22;
        var skeleton = new DemoSkeleton(postKind, target, postAuthor, topicIndex, -1, 0, postIsQuestion, officeAnswerDraw);
        return postKind == PostKind.Post ? skeleton : skeleton with { Target = OriginalOf(target) };
    }

    /// <summary>Follows reposts back to the post they repost. Each step goes back at least one post, so it ends.</summary>
    private long OriginalOf(long sequence)
    {
        while (true)
        {
            var skeleton = BaseSkeleton(sequence);
            if (skeleton.Kind != PostKind.Repost)
            {
                return sequence;
            }

            sequence = skeleton.Target;
        }
    }

    /// <summary>Within a role, a few accounts post much more than the rest.</summary>
    private DemoAccount PickAccount(DemoAccountRole role, double draw)
    {
        var accounts = role switch
        {
            DemoAccountRole.Office => [_world.OfficeAccount],
            DemoAccountRole.Journalist => _world.Journalists,
            DemoAccountRole.NewsSite => _world.NewsSites,
            DemoAccountRole.Politician => _world.Politicians,
            DemoAccountRole.Organisation => _world.Organisations,
            _ => _world.Public,
        };
        return accounts[(int)(Math.Pow(draw, 1.7) * accounts.Count)];
    }

    private int TopicAt(long sequence, double draw)
    {
        Span<double> weights = stackalloc double[DemoTopicCatalog.Topics.Length];
        var total = 0.0;
        for (var i = 0; i < weights.Length; i++)
        {
            var wave = (1 + Math.Sin(2 * Math.PI * sequence / _driftPeriods[i] + _driftPhases[i])) / 2;
            var topic = DemoTopicCatalog.Topics[i];

            // The trending topic only dips a little; the others swing between a fifth and all of their weight.
            var swing = topic.Topic.Hashtags[0] == DemoTopicCatalog.TrendingHashtag ? 0.6 + 0.4 * wave : 0.2 + 0.8 * wave;
            weights[i] = topic.Weight * swing;
            total += weights[i];
        }

        var point = draw * total;
        for (var i = 0; i < weights.Length; i++)
        {
            point -= weights[i];
            if (point < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }

    /// <summary>The breaking story running at post N, if any, and how far through its burst N is (0 to 1).</summary>
    private (int StoryIndex, double Progress)? BurstAt(long sequence)
    {
        var window = sequence / BurstWindow;
        var random = DemoRandom.For(_world.Seed, DemoRandomStream.Burst, window);
        if (random.NextDouble() >= BurstProbability)
        {
            return null;
        }

        var storyIndex = random.Next(DemoTopicCatalog.BreakingStories.Length);
        var length = random.Between(250, 450);
        var start = random.Next(BurstWindow - length);
        var offset = sequence - window * BurstWindow - start;
        return offset >= 0 && offset < length ? (storyIndex, (double)offset / length) : null;
    }
}

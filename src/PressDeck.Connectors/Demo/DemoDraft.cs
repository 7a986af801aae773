using System.Globalization;
using System.Text;
using PressDeck.Core.Posts;

namespace PressDeck.Connectors.Demo;

/// <summary>
/// Writes one post's text from a template (see <see cref="DemoTemplates"/>) and records the entities it puts in:
/// hashtags, mentions, links and images. A slot used twice gets the same value, so "{place}" names one place
/// per post. Draws come from the post's own random stream, so the text depends only on (seed, sequence).
/// </summary>
internal sealed class DemoDraft(
    DemoWorld world,
    DemoRandom random,
    DemoAccount author,
    DemoTopicContent topic,
    DemoBreakingStory? story,
    DemoAccount? target)
{
    private const int MaximumSlotDepth = 4;

    private static readonly string[] Times = ["10am", "11am", "11.30am", "noon", "1pm", "2.30pm", "3pm", "4pm", "4.30pm", "5pm", "6pm"];
    private static readonly string[] Days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];
    private static readonly string[] Months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public List<string> Hashtags { get; } = [];

    public List<string> Mentions { get; } = [];

    public List<string> Links { get; } = [];

    public List<MediaItem> Media { get; } = [];

    public string Write(string template) => Fill(template, 0).Trim();

    public void AttachImage()
    {
        if (Media.Count > 0)
        {
            return;
        }

        var name = story?.Image ?? random.Pick(topic.Images);
        var image = DemoMedia.Get(name);
        Media.Add(new MediaItem(MediaType.Image, DemoMedia.UrlFor(name), random.Pick(image.AltTexts)));
    }

    private string Fill(string template, int depth)
    {
        if (depth > MaximumSlotDepth || !template.Contains('{', StringComparison.Ordinal))
        {
            return template;
        }

        var builder = new StringBuilder(template.Length + 64);
        var position = 0;
        while (position < template.Length)
        {
            var open = template.IndexOf('{', position);
            var close = open < 0 ? -1 : template.IndexOf('}', open + 1);
            if (close < 0)
            {
                builder.Append(template, position, template.Length - position);
                break;
            }

            builder.Append(template, position, open - position);
            builder.Append(Resolve(template[(open + 1)..close], depth));
            position = close + 1;
        }

        return builder.ToString();
    }

    private string Resolve(string key, int depth)
    {
        switch (key[0])
        {
            case '#':
                return "#" + AddHashtag(key[1..] switch
                {
                    "tag" => topic.Topic.Hashtags[0],
                    "tag2" => topic.Topic.Hashtags[^1],
                    "story" => story?.Hashtag ?? topic.Topic.Hashtags[0],
                    var literal => literal,
                });
            case '@':
                return "@" + AddMention(key[1..] switch
                {
                    "office" => world.OfficeAccount.Handle,
                    "target" => (target ?? world.OfficeAccount).Handle,
                    "minister" => random.Pick(world.Ministers).Handle,
                    "journalist" => random.Pick(world.Journalists).Handle,
                    _ => random.Pick(world.Organisations).Handle,
                });
        }

        if (key == "image")
        {
            AttachImage();
            return "";
        }

        if (_values.TryGetValue(key, out var known))
        {
            return known;
        }

        string value;
        if (char.IsUpper(key[0]))
        {
            var lower = Resolve(char.ToLowerInvariant(key[0]) + key[1..], depth);
            value = lower.Length == 0 ? lower : char.ToUpperInvariant(lower[0]) + lower[1..];
        }
        else
        {
            value = Fill(Raw(key), depth + 1);
        }

        _values[key] = value;
        return value;
    }

    private string Raw(string key) => key switch
    {
        "policy" => random.Pick(topic.Policies),
        "issue" => random.Pick(topic.Issues),
        "people" => random.Pick(topic.People),
        "stat" => random.Pick(topic.Stats),
        "headline" => random.Pick(topic.Headlines),
        "question" => random.Pick(topic.Questions),
        "officeLine" => random.Pick(topic.OfficeLines),
        "oppositionLine" => random.Pick(topic.OppositionLines),
        "stance" => random.Pick(topic.Stances),
        "ask" => random.Pick(topic.Asks),
        "opinion" => random.Pick(topic.Opinions),
        "publication" => random.Pick(topic.Publications),
        "storyHeadline" => story?.Headline ?? random.Pick(topic.Headlines),
        "storyUpdate" => story is null ? random.Pick(topic.Headlines) : random.Pick(story.Updates),
        "storyReaction" => story is null ? random.Pick(DemoTemplates.Reactions) : random.Pick(story.Reactions),
        "storyQuestion" => story is null ? random.Pick(topic.Questions) : random.Pick(story.Questions),
        "reaction" => random.Pick(DemoTemplates.Reactions),
        "place" => random.Pick(DemoPeopleCatalog.Places),
        "inWelshPlace" => random.Pick(DemoPeopleCatalog.WelshPlaces).InForm,
        "constituency" => author.Role == DemoAccountRole.Politician && author.Affiliation is not ("Government" or "Opposition")
            ? author.Affiliation ?? random.Pick(DemoPeopleCatalog.Constituencies)
            : random.Pick(DemoPeopleCatalog.Constituencies),
        "company" => random.Pick(DemoPeopleCatalog.Companies),
        "org" => random.Pick(DemoPeopleCatalog.Organisations).Name,
        "outletName" => (author.Outlet ?? random.Pick(DemoPeopleCatalog.Outlets)).Name,
        "name" => author.FirstName,
        "targetName" => target?.FirstName ?? "there",
        "dept" => world.Department,
        "minister" => random.Pick(DemoPeopleCatalog.MinisterTitles),
        "n" => random.Between(2, 12).ToString(CultureInfo.InvariantCulture),
        "pct" => random.Between(2, 38).ToString(CultureInfo.InvariantCulture) + "%",
        "money" => Money(),
        "jobs" => Jobs(),
        "time" => random.Pick(Times),
        "day" => random.Pick(Days),
        "month" => random.Pick(Months),
        "year" => random.Between(2027, 2031).ToString(CultureInfo.InvariantCulture),
        "link" => NewsLink(),
        "govLink" => GovLink(),
        "orgLink" => OrganisationLink(),
        _ => throw new InvalidOperationException($"Unknown demo template slot '{key}'."),
    };

    private string Money() => random.Chance(0.5)
        ? "£" + (random.Between(5, 95) * 10).ToString(CultureInfo.InvariantCulture) + "m"
        : "£" + random.Between(1, 9).ToString(CultureInfo.InvariantCulture) + "." + random.Between(0, 9).ToString(CultureInfo.InvariantCulture) + "bn";

    private string Jobs() => random.Chance(0.5)
        ? (random.Between(2, 95) * 100).ToString("N0", CultureInfo.InvariantCulture)
        : (random.Between(10, 500) * 1000).ToString("N0", CultureInfo.InvariantCulture);

    private string NewsLink()
    {
        var outlet = author.Outlet ?? random.Pick(DemoPeopleCatalog.Outlets);
        var headline = story is not null ? Resolve("storyHeadline", 0) : Resolve("headline", 0);
        var section = story?.Section ?? outlet.Section;
        var id = random.Between(100_000, 999_999).ToString(CultureInfo.InvariantCulture);
        return AddLink($"https://www.{outlet.Domain}/{section}/{Slug(headline)}-{id}");
    }

    private string GovLink() => _values.TryGetValue("publication", out var publication)
        ? AddLink("https://www.gov.uk/government/publications/" + Slug(publication.StartsWith("the ", StringComparison.Ordinal) ? publication[4..] : publication))
        : AddLink("https://www.gov.uk/government/news/" + Slug(Resolve("headline", 0)));

    private string OrganisationLink()
    {
        var organisation = author.Organisation ?? random.Pick(DemoPeopleCatalog.Organisations);
        var folder = _values.ContainsKey("stat") ? "research" : "news";
        return AddLink($"https://www.{organisation.Domain}/{folder}/{Slug(Resolve("issue", 0))}");
    }

    private string AddHashtag(string hashtag)
    {
        if (!Hashtags.Contains(hashtag, StringComparer.OrdinalIgnoreCase))
        {
            Hashtags.Add(hashtag);
        }

        return hashtag;
    }

    private string AddMention(string handle)
    {
        if (!Mentions.Contains(handle, StringComparer.OrdinalIgnoreCase))
        {
            Mentions.Add(handle);
        }

        return handle;
    }

    private string AddLink(string url)
    {
        if (!Links.Contains(url, StringComparer.Ordinal))
        {
            Links.Add(url);
        }

        return url;
    }

    /// <summary>"Ministers unveil £2.1bn plan" → "ministers-unveil-21bn-plan": ASCII, at most eight words.</summary>
    internal static string Slug(string text)
    {
        var builder = new StringBuilder(text.Length);
        var words = 0;
        var inWord = false;
        foreach (var character in text.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(character))
            {
                if (!inWord)
                {
                    if (words == 8)
                    {
                        break;
                    }

                    if (words > 0)
                    {
                        builder.Append('-');
                    }

                    words++;
                    inWord = true;
                }

                builder.Append(char.ToLowerInvariant(character));
            }
            else if (character is not ('\'' or '’' or '.' or ',') && !char.IsAsciiLetterOrDigit(character)
                && CharUnicodeInfo.GetUnicodeCategory(character) != UnicodeCategory.NonSpacingMark)
            {
                inWord = false;
            }
        }

        return builder.ToString();
    }
}

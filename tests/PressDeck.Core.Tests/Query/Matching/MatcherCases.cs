using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using PressDeck.Core.Posts;
using PressDeck.Core.Query;
using PressDeck.Core.Tests.Support;

namespace PressDeck.Core.Tests.Query.Matching;

/// <summary>
/// Generators for matcher property tests: queries and posts drawn from one small shared vocabulary (accents, ß,
/// Greek, Han, emoji, hashtags, mentions, links), so that random queries often match random posts.
/// </summary>
internal static class MatcherCases
{
    public static readonly InMemoryListDirectory Lists = InMemoryListDirectory.Sample;

    /// <summary>Clause texts of every kind; parsed once, so leaf values are normalised exactly as the parser does it.</summary>
    public static readonly string[] ClauseTexts =
    [
        "budget", "Budget", "skills", "bill", "café", "Straße", "naïve", "Οδυσσεύς", "東京", "会議", "covid-19", "rally",
        "and", "2026", "economie", "élan", "steel", "news", "emploi",
        "\"skills bill\"", "\"budget day\"", "\"café naïve\"", "\"東京 会議\"", "\"steel news\"", "\"rally and\"",
        "emp*", "budg*", "écon*", "οδυ*", "caf*", "ral*",
        "#budget", "#Budget2026", "#steel_news", "#café", "#東京",
        "@bbcnews", "@bob@mastodon.social", "@bob", "@jo",
        "from:bbcnews", "from:jo", "from:alice.bsky.social", "from:bob@mastodon.social",
        "to:jo", "to:bbcnews", "to:bob",
        "list:ministers", "list:\"Select Committee\"",
        "lang:en", "lang:fr", "lang:ja", "lang:de",
        "network:bluesky", "network:mastodon", "network:x", "network:rss", "network:demo",
        "url:gov.uk", "url:gov.uk/skills", "url:ons.gov.uk", "url:bbc.co.uk/news",
        "https://gov.uk/budget", "https://www.bbc.co.uk/news",
        "has:links", "has:media", "has:images", "has:video",
        "is:reply", "is:quote", "is:repost",
    ];

    public static readonly ImmutableArray<ClauseNode> Clauses = [.. ClauseTexts.Select(ParseClause)];

    private static readonly string[] TextFragments =
    [
        "Budget", "BUDGET", "budget", "budgets", "skills", "Skills-Bill", "bill", "Café", "CAFE", "cafe", "Straße",
        "strasse", "naïve", "naive", "Οδυσσεύς", "ΟΔΥΣΣΕΥΣ", "東京", "会議", "東京で会議", "covid 19", "Covid-19", "rally",
        "and", "2026", "employers", "emporium", "Économie", "economics", "élan", "steel", "news", "day", "🎉", "👍🏽",
        "#Budget", "#budget2026", "#Budget2026", "#steel_news", "#Café", "#東京", "@BBCNews", "@bob", "@bob@mastodon.social",
        "@jo.", "press@bbcnews.com", "https://www.gov.uk/skills-bill", "https://ons.gov.uk/budget",
        "https://www.gov.uk/budget/?x=1", "http://bbc.co.uk/news/uk", "https://notgov.uk/x", "gov.uk",
    ];

    private static readonly string[] Separators = [" ", " ", " ", ", ", " - ", "! ", "\n", "…", "(", ") "];

    /// <summary>A query tree: clauses under AND, OR and NOT, nested up to <paramref name="depth"/> levels.</summary>
    public static Gen<QueryNode> Tree(int depth)
    {
        var leaf = Gen.Elements(Clauses.ToArray()).Select(clause => (QueryNode)clause);
        if (depth <= 0)
        {
            return leaf;
        }

        var child = Tree(depth - 1);
        return Gen.Frequency(
            (4, leaf),
            (3, Gen.Choose(2, 4).SelectMany(count => Gen.ArrayOf(child, count)).Select(operands => (QueryNode)new AndNode([.. operands]))),
            (2, Gen.Choose(2, 3).SelectMany(count => Gen.ArrayOf(child, count)).Select(operands => (QueryNode)new OrNode([.. operands]))),
            (1, child.Select(operand => operand is NotNode ? operand : (QueryNode)new NotNode(operand))));
    }

    /// <summary>Query text from clause texts, operators, groups and negation; some of it is invalid and is skipped by the caller.</summary>
    public static Gen<string> QueryText()
    {
        var piece = Gen.Frequency(
            (10, Gen.Elements(ClauseTexts)),
            (2, Gen.Elements(ClauseTexts).Select(text => "-" + text)),
            (2, Gen.Constant("OR")),
            (1, Gen.Constant("AND")),
            (1, Gen.Constant("(")),
            (1, Gen.Constant("-(")),
            (1, Gen.Constant(")")));
        return Gen.Choose(1, 8).SelectMany(count => Gen.ArrayOf(piece, count)).Select(pieces => string.Join(' ', pieces));
    }

    public static Gen<Post> Post()
    {
        var text = Gen.Choose(0, 12)
            .SelectMany(count => Gen.ArrayOf(Gen.Elements(TextFragments).SelectMany(fragment => Gen.Elements(Separators).Select(separator => fragment + separator)), count))
            .Select(string.Concat);
        var languages = Gen.SubListOf("en", "en-GB", "fr", "ja", "de-AT", "xx").Select(list => (IReadOnlyList<string>)[.. list]);
        var links = Gen.Elements<IReadOnlyList<string>>([], [], ["https://www.gov.uk/budget"], ["gov.uk/skills"], ["https://www.bbc.co.uk/news"]);
        var media = Gen.Elements<IReadOnlyList<MediaItem>>(
            [], [], [new MediaItem(MediaType.Image, "https://cdn.example/1.jpg", "a minister")], [new MediaItem(MediaType.Video, "v", null)],
            [new MediaItem(MediaType.Gif, "g", null), new MediaItem(MediaType.Image, "i", null)]);
        var hashtags = Gen.Elements<IReadOnlyList<string>>([], [], ["Budget"], ["#steel_news"]);
        var mentions = Gen.Elements<IReadOnlyList<string>>([], [], ["jo"], ["BBCNews"]);
        var attributes =
            from author in Gen.Elements("bbcnews", "BBCNews", "jo", "alice.bsky.social", "bob@mastodon.social", "@Jo")
            from kind in Gen.Elements(Enum.GetValues<PostKind>())
            from network in Gen.Elements(Enum.GetValues<Network>())
            from replyTo in Gen.Elements<string?>(null, null, "jo", "@BBCNews", "bob")
            from quoteOf in Gen.Elements<string?>(null, null, "q1")
            select (author, kind, network, replyTo, quoteOf);
        return
            from body in text
            from attribute in attributes
            from language in languages
            from link in links
            from item in media
            from hashtag in hashtags
            from mention in mentions
            select PostBuilder.Post(
                body,
                author: attribute.author,
                kind: attribute.kind,
                network: attribute.network,
                replyTo: attribute.replyTo,
                quoteOf: attribute.quoteOf,
                repostOf: attribute.kind == PostKind.Repost ? "jo" : null,
                languages: language,
                links: link,
                hashtags: hashtag,
                mentions: mention,
                media: item);
    }

    private static ClauseNode ParseClause(string text)
    {
        var result = QueryParser.Parse(text, Lists);
        return result.IsValid && result.Query is ClauseNode clause
            ? clause
            : throw new InvalidOperationException($"'{text}' should parse to a single clause, not {result}.");
    }
}

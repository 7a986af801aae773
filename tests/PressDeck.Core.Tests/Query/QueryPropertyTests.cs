using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PressDeck.Core.Posts;
using PressDeck.Core.Query;

namespace PressDeck.Core.Tests.Query;

public sealed class QueryPropertyTests
{
    private static readonly Gen<string> Words = Gen.Elements("budget", "skills", "bill", "cafe", "2026", "東", "京", "οδυσσευσ", "елка", "and", "or", "not");

    private static readonly Gen<ClauseNode> Clauses = Gen.OneOf(
        Words.Select(word => (ClauseNode)new WordNode(word)),
        Gen.ArrayOf(Words, 2).Select(words => (ClauseNode)new PhraseNode([.. words])),
        Gen.Elements("emp", "budg", "econom").Select(prefix => (ClauseNode)new PrefixNode(prefix)),
        Gen.Elements("budget", "steel_news", "予算", "cafe2").Select(tag => (ClauseNode)new HashtagNode(tag)),
        Gen.Elements("bbcnews", "bob@mastodon.social", "ft_reporter").Select(handle => (ClauseNode)new MentionNode(handle)),
        Gen.Elements("bbcnews", "alice.bsky.social", "did:plc:abc").Select(handle => (ClauseNode)new FromNode(handle)),
        Gen.Elements("jo", "bob@mastodon.social").Select(handle => (ClauseNode)new ToNode(handle)),
        Gen.Elements("ministers", "select committee").Select(name => (ClauseNode)new ListNode(name)),
        Gen.Elements("en", "fr", "ja").Select(code => (ClauseNode)new LangNode(code)),
        Gen.Elements(Enum.GetValues<Network>()).Select(network => (ClauseNode)new NetworkNode(network)),
        Gen.Elements(("gov.uk", ""), ("gov.uk", "/skills"), ("ons.gov.uk", "/a(b)")).Select(url => (ClauseNode)new UrlNode(url.Item1, url.Item2)),
        Gen.Elements(("gov.uk", "/budget"), ("example.org", "")).Select(page => (ClauseNode)new LinkPageNode(page.Item1, page.Item2)),
        Gen.Elements(Enum.GetValues<HasFilter>()).Select(filter => (ClauseNode)new HasNode(filter)),
        Gen.Elements(Enum.GetValues<IsFilter>()).Select(filter => (ClauseNode)new IsNode(filter)));

    [Property(MaxTest = 500)]
    [Trait("Issue", "2")]
    public Property Printing_any_valid_tree_and_parsing_it_gives_the_same_tree() =>
        Prop.ForAll(Arb.From(Gen.Sized(size => Positive(Math.Min(size, 12) / 3))), query =>
        {
            var printed = QueryPrinter.Print(query);
            var parsed = QueryParser.Parse(printed);
            return parsed.IsValid && Equals(parsed.Query, query);
        });

    [Property(MaxTest = 2000)]
    [Trait("Issue", "2")]
    public Property The_parser_never_throws_on_random_strings() =>
        Prop.ForAll(Arb.From(Gen.Elements("a", "b", "é", "東", "🎉", " ", "(", ")", "\"", "-", "#", "@", ":", "*", "OR", "AND", "from:", "list:", "lang:", "url:", "https://", ".", "_", "\t")
            .ListOf().Select(string.Concat)), text =>
        {
            var result = QueryParser.Parse(text);
            return result.IsValid ? result.Error is null : result.Error.Position >= 1 && result.Error.Position <= text.EnumerateRunes().Count() + 1;
        });

    [Property(MaxTest = 1000)]
    [Trait("Issue", "2")]
    public bool The_parser_never_throws_on_arbitrary_strings(string? text)
    {
        var result = QueryParser.Parse(text ?? "");
        return result.IsValid != (result.Error is not null);
    }

    /// <summary>A tree that looks for something: a clause, a conjunction with a positive operand, or a disjunction of those.</summary>
    private static Gen<QueryNode> Positive(int size) =>
        size <= 0
            ? Clauses.Select(clause => (QueryNode)clause)
            : Gen.OneOf(Clauses.Select(clause => (QueryNode)clause), Conjunction(size), Disjunction(size));

    private static Gen<QueryNode> Conjunction(int size) =>
        from first in Gen.OneOf(Clauses.Select(clause => (QueryNode)clause), Disjunction(size - 1))
        from rest in Gen.OneOf(
            Clauses.Select(clause => (QueryNode)clause),
            Disjunction(size - 1),
            Negation(size - 1)).ListOf().Select(list => list.Take(3).ToArray()).Where(list => list.Length > 0)
        select (QueryNode)new AndNode([first, .. rest]);

    private static Gen<QueryNode> Disjunction(int size) =>
        size <= 0
            ? Gen.Two(Clauses).Select(pair => (QueryNode)new OrNode([pair.Item1, pair.Item2]))
            : Gen.OneOf(Clauses.Select(clause => (QueryNode)clause), Conjunction(size - 1))
                .ListOf().Select(list => list.Take(3).ToArray()).Where(list => list.Length >= 2)
                .Select(branches => (QueryNode)new OrNode([.. branches]));

    private static Gen<QueryNode> Negation(int size) =>
        (size <= 0 ? Clauses.Select(clause => (QueryNode)clause) : Positive(size)).Select(operand => (QueryNode)new NotNode(operand));
}

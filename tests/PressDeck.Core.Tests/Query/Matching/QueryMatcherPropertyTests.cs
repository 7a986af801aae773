using FsCheck;
using FsCheck.Fluent;
using PressDeck.Core.Posts;
using PressDeck.Core.Query;
using PressDeck.Core.Query.Matching;
using PressDeck.Core.Text;

namespace PressDeck.Core.Tests.Query.Matching;

/// <summary>The fast matcher and the reference evaluator agree (issue 3): 10,000 random cases over the three tests.</summary>
public sealed class QueryMatcherPropertyTests
{
    [Fact]
    [Trait("Issue", "3")]
    public void Agrees_with_the_reference_evaluator_on_random_query_trees_and_posts()
    {
        var tally = new Tally();
        var cases =
            from queries in Gen.Choose(1, 6).SelectMany(count => Gen.ArrayOf(MatcherCases.Tree(3), count))
            from posts in Gen.Choose(1, 3).SelectMany(count => Gen.ArrayOf(MatcherCases.Post(), count))
            select (queries, posts);

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(4_000), Prop.ForAll(Arb.From(cases), @case =>
        {
            var matcher = new QueryMatcher(MatcherCases.Lists);
            var model = new Dictionary<int, QueryNode>();
            for (var id = 0; id < @case.queries.Length; id++)
            {
                matcher.Set(id, @case.queries[id]);
                model[id] = @case.queries[id];
            }

            foreach (var post in @case.posts)
            {
                AssertAgrees(matcher, model, post, tally);
            }
        }));

        tally.AssertNotVacuous();
    }

    [Fact]
    [Trait("Issue", "3")]
    public void Agrees_with_the_reference_evaluator_on_random_query_text()
    {
        var tally = new Tally();
        var parsed = 0;
        var cases =
            from texts in Gen.Choose(1, 6).SelectMany(count => Gen.ArrayOf(MatcherCases.QueryText(), count))
            from posts in Gen.Choose(1, 3).SelectMany(count => Gen.ArrayOf(MatcherCases.Post(), count))
            select (texts, posts);

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(3_000), Prop.ForAll(Arb.From(cases), @case =>
        {
            var matcher = new QueryMatcher(MatcherCases.Lists);
            var model = new Dictionary<int, QueryNode>();
            for (var id = 0; id < @case.texts.Length; id++)
            {
                var result = QueryParser.Parse(@case.texts[id], MatcherCases.Lists);
                if (result.IsValid)
                {
                    matcher.Set(id, result.Query);
                    model[id] = result.Query;
                    parsed++;
                }
            }

            foreach (var post in @case.posts)
            {
                AssertAgrees(matcher, model, post, tally);
            }
        }));

        tally.AssertNotVacuous();
        // About 3,000 of the texts parse; far fewer would mean the generator has drifted into mostly invalid syntax.
        Assert.True(parsed > 1_500, $"only {parsed} generated query texts were valid");
    }

    [Fact]
    [Trait("Issue", "3")]
    public void Agrees_with_the_reference_evaluator_while_queries_are_added_replaced_and_removed()
    {
        var tally = new Tally();
        var matcher = new QueryMatcher(MatcherCases.Lists);
        var model = new Dictionary<int, QueryNode>();
        var edit =
            from id in Gen.Choose(0, 15)
            from isRemoval in Gen.Frequency((1, Gen.Constant(true)), (4, Gen.Constant(false)))
            from query in MatcherCases.Tree(2)
            select (id, query: isRemoval ? null : query);
        var cases =
            from edits in Gen.Choose(0, 4).SelectMany(count => Gen.ArrayOf(edit, count))
            from post in MatcherCases.Post()
            select (edits, post);

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(3_000), Prop.ForAll(Arb.From(cases), @case =>
        {
            foreach (var (id, query) in @case.edits)
            {
                if (query is null)
                {
                    Assert.Equal(model.Remove(id), matcher.Remove(id));
                }
                else
                {
                    matcher.Set(id, query);
                    model[id] = query;
                }
            }

            Assert.Equal(model.Count, matcher.Count);
            AssertAgrees(matcher, model, @case.post, tally);
        }));

        tally.AssertNotVacuous();
    }

    private static void AssertAgrees(QueryMatcher matcher, Dictionary<int, QueryNode> model, Post post, Tally tally)
    {
        var analyzed = PostAnalyzer.Analyze(post);
        var expected = model.Where(query => ReferenceEvaluator.Matches(query.Value, analyzed, MatcherCases.Lists)).Select(query => query.Key).Order().ToList();
        var actual = new List<int>();

        matcher.Match(analyzed, actual, out var candidates);

        actual.Sort();
        if (!expected.SequenceEqual(actual))
        {
            var queries = string.Join("\n", model.Select(query => $"  {query.Key}: {query.Value}"));
            Assert.Fail($"""
                matcher [{string.Join(", ", actual)}] but reference [{string.Join(", ", expected)}]
                post: {post.Text} (author {post.Author.Handle}, {post.Network}, {post.Kind}, reply to {post.ReplyToHandle}, languages {string.Join(" ", post.Languages)}, links {string.Join(" ", post.Links)}, media {post.Media.Count})
                queries:
                {queries}
                """);
        }

        Assert.InRange(candidates, expected.Count, model.Count);
        tally.Count(model.Count, expected.Count);
    }

    /// <summary>Counts query-post pairs, so that a test whose random queries never (or always) match fails.</summary>
    private sealed class Tally
    {
        private int _pairs;
        private int _matches;

        public void Count(int pairs, int matches)
        {
            _pairs += pairs;
            _matches += matches;
        }

        public void AssertNotVacuous()
        {
            var fraction = (double)_matches / _pairs;
            Assert.True(_pairs > 1_000, $"only {_pairs} query-post pairs were checked");
            Assert.True(fraction is > 0.05 and < 0.8, $"{fraction:P1} of {_pairs} query-post pairs matched");
        }
    }
}

using Lucene.Net.Index.Memory;
using Lucene.Net.Search;
using PressDeck.Core.Query;
using PressDeck.Core.Text;

namespace PressDeck.Bench.Matcher;

/// <summary>
/// Elasticsearch-percolator-style matching: the post is indexed into a one-document <see cref="MemoryIndex"/> and every
/// query is run against it. Queries <see cref="LuceneQueryTranslator"/> cannot express are skipped (and counted).
/// Not thread-safe (one index reused per post).
/// </summary>
public sealed class LucenePercolator : IPostPercolator
{
    private readonly Query?[] _queries;
    private readonly MemoryIndex _index = new();

    public LucenePercolator(IReadOnlyList<QueryNode> queries)
    {
        _queries = [.. queries.Select(LuceneQueryTranslator.TryTranslate)];
        NotExpressible = _queries.Count(query => query is null);
    }

    public string Name => "Lucene.Net MemoryIndex";

    /// <summary>How many queries could not be translated exactly, and are never matched.</summary>
    public int NotExpressible { get; }

    public bool CanExpress(int queryId) => _queries[queryId] is not null;

    public void Match(AnalyzedPost post, List<int> matches, out int candidates)
    {
        _index.Reset();
        AddField(LuceneQueryTranslator.TextField, post.Tokens);
        AddField(LuceneQueryTranslator.HashtagField, post.Hashtags);
        AddField(LuceneQueryTranslator.MentionField, post.Mentions);
        AddField(LuceneQueryTranslator.AuthorField, [post.AuthorHandle]);
        AddField(LuceneQueryTranslator.LanguageField, post.Languages);

        candidates = 0;
        for (var id = 0; id < _queries.Length; id++)
        {
            var query = _queries[id];
            if (query is null)
            {
                continue;
            }

            candidates++;
            if (_index.Search(query) > 0)
            {
                matches.Add(id);
            }
        }
    }

    private void AddField(string field, IReadOnlyList<string> terms)
    {
        if (terms.Count > 0)
        {
            _index.AddField(field, new PreTokenisedTerms(terms));
        }
    }
}

using PressDeck.Core.Posts;
using PressDeck.Core.Text;

namespace PressDeck.Core.Query.Matching;

/// <summary>
/// A query compiled into a tree of small objects, each testing one node against a <see cref="PostView"/> with ordinal
/// comparisons. Means exactly what <see cref="ReferenceEvaluator"/> means; AND operands are reordered so that the one
/// most likely to fail runs first, OR operands so that the one most likely to succeed does. Immutable and thread-safe.
/// </summary>
internal abstract class PostPredicate
{
    public abstract bool Matches(PostView post);

    public static PostPredicate Compile(QueryNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node switch
        {
            AndNode conjunction => new All([.. conjunction.Operands.OrderBy(Selectivity.Of).Select(Compile)]),
            OrNode disjunction => new Any([.. disjunction.Operands.OrderByDescending(Selectivity.Of).Select(Compile)]),
            NotNode negation => new Not(Compile(negation.Operand)),
            WordNode word => new Word(word.Word),
            PhraseNode phrase => new Phrase([.. phrase.Words]),
            PrefixNode prefix => new Prefix(prefix.Prefix),
            HashtagNode hashtag => new Hashtag(hashtag.Tag),
            MentionNode mention => new Mention(mention.Handle),
            FromNode from => new From(from.Handle),
            ToNode to => new To(to.Handle),
            ListNode list => new InList(list.Name),
            LangNode lang => new Language(lang.Code),
            NetworkNode network => new OnNetwork(network.Network),
            UrlNode url => new LinksUnder(url.Host, url.PathPrefix),
            LinkPageNode page => new LinksToPage(page.Host, page.Path),
            HasNode has => new Flag(has.Filter switch
            {
                HasFilter.Links => PostFlag.Links,
                HasFilter.Media => PostFlag.Media,
                HasFilter.Images => PostFlag.Images,
                _ => PostFlag.Video,
            }),
            IsNode @is => new Flag(@is.Filter switch
            {
                IsFilter.Reply => PostFlag.Reply,
                IsFilter.Quote => PostFlag.Quote,
                _ => PostFlag.Repost,
            }),
            _ => throw new ArgumentException($"Unknown query node {node.GetType().Name}.", nameof(node)),
        };
    }

    private static bool Contains(string[] values, string value)
    {
        foreach (var candidate in values)
        {
            if (string.Equals(candidate, value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private sealed class All(PostPredicate[] operands) : PostPredicate
    {
        public override bool Matches(PostView post)
        {
            foreach (var operand in operands)
            {
                if (!operand.Matches(post))
                {
                    return false;
                }
            }

            return true;
        }
    }

    private sealed class Any(PostPredicate[] operands) : PostPredicate
    {
        public override bool Matches(PostView post)
        {
            foreach (var operand in operands)
            {
                if (operand.Matches(post))
                {
                    return true;
                }
            }

            return false;
        }
    }

    private sealed class Not(PostPredicate operand) : PostPredicate
    {
        public override bool Matches(PostView post) => !operand.Matches(post);
    }

    private sealed class Word(string word) : PostPredicate
    {
        private readonly int _hash = TokenHash.Of(word);

        public override bool Matches(PostView post)
        {
            if (!post.Filter.MayContain(_hash))
            {
                return false;
            }

            for (var index = 0; index < post.TokenCount; index++)
            {
                if (post.TokenHashAt(index) == _hash && post.Token(index).SequenceEqual(word))
                {
                    return true;
                }
            }

            return false;
        }
    }

    private sealed class Phrase(string[] words) : PostPredicate
    {
        private readonly int[] _hashes = [.. words.Select(word => TokenHash.Of(word))];

        public override bool Matches(PostView post)
        {
            var count = post.TokenCount;
            if (words.Length == 0)
            {
                return true;
            }

            foreach (var hash in _hashes)
            {
                if (!post.Filter.MayContain(hash))
                {
                    return false;
                }
            }

            for (var start = 0; start + words.Length <= count; start++)
            {
                var offset = 0;
                while (offset < words.Length
                    && post.TokenHashAt(start + offset) == _hashes[offset]
                    && post.Token(start + offset).SequenceEqual(words[offset]))
                {
                    offset++;
                }

                if (offset == words.Length)
                {
                    return true;
                }
            }

            return false;
        }
    }

    private sealed class Prefix(string prefix) : PostPredicate
    {
        public override bool Matches(PostView post)
        {
            for (var index = 0; index < post.TokenCount; index++)
            {
                if (post.Token(index).StartsWith(prefix, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }
    }

    private sealed class Hashtag(string tag) : PostPredicate
    {
        public override bool Matches(PostView post) => Contains(post.Hashtags, tag);
    }

    private sealed class Mention(string handle) : PostPredicate
    {
        public override bool Matches(PostView post) => Contains(post.Mentions, handle);
    }

    private sealed class From(string handle) : PostPredicate
    {
        public override bool Matches(PostView post) => string.Equals(post.Post.AuthorHandle, handle, StringComparison.Ordinal);
    }

    private sealed class To(string handle) : PostPredicate
    {
        public override bool Matches(PostView post) =>
            post.Post.IsReply && string.Equals(post.Post.ReplyToHandle, handle, StringComparison.Ordinal);
    }

    private sealed class InList(string name) : PostPredicate
    {
        public override bool Matches(PostView post) => post.Lists.Contains(name, post.Post.AuthorHandle);
    }

    private sealed class Language(string code) : PostPredicate
    {
        public override bool Matches(PostView post) => Contains(post.Languages, code);
    }

    private sealed class OnNetwork(Network network) : PostPredicate
    {
        public override bool Matches(PostView post) => post.Post.Network == network;
    }

    private sealed class LinksUnder(string host, string pathPrefix) : PostPredicate
    {
        public override bool Matches(PostView post)
        {
            foreach (var link in post.Links)
            {
                if (link.IsUnder(host, pathPrefix))
                {
                    return true;
                }
            }

            return false;
        }
    }

    private sealed class LinksToPage(string host, string path) : PostPredicate
    {
        public override bool Matches(PostView post)
        {
            foreach (var link in post.Links)
            {
                if (link.IsPage(host, path))
                {
                    return true;
                }
            }

            return false;
        }
    }

    private sealed class Flag(PostFlag flag) : PostPredicate
    {
        public override bool Matches(PostView post)
        {
            var analyzed = post.Post;
            return flag switch
            {
                PostFlag.Reply => analyzed.IsReply,
                PostFlag.Quote => analyzed.IsQuote,
                PostFlag.Repost => analyzed.IsRepost,
                PostFlag.Links => analyzed.HasLinks,
                PostFlag.Media => analyzed.HasMedia,
                PostFlag.Images => analyzed.HasImages,
                _ => analyzed.HasVideo,
            };
        }
    }
}

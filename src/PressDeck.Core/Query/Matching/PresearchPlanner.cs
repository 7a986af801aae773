using System.Collections.Immutable;

namespace PressDeck.Core.Query.Matching;

/// <summary>
/// Works out a query's <see cref="PresearchPlan"/>. A requirement is a set of terms at least one of which is in
/// every post the node matches: a leaf requires its own term; an AND requires what each positive operand requires;
/// an OR requires, for each rank, the union of its branches' requirements of that rank; a NOT and a <c>list:</c>
/// require nothing. The rarest requirement becomes the first pass, and up to two more strong ones add passes.
/// </summary>
internal static class PresearchPlanner
{
    /// <summary>A posting holds its pass and its version's pass count in two bits each (see <see cref="TermIndex"/>).</summary>
    public const int MaxPasses = 3;

    // Enough alternatives for the passes, with room for an OR to pick from.
    private const int MaxRequirementsKept = 6;

    public static PresearchPlan Plan(QueryNode query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var operands = query is AndNode conjunction ? conjunction.Operands : [query];
        var passes = ChoosePasses(operands);
        var required = default(AttributeSet);
        var forbidden = default(AttributeSet);
        var residual = ImmutableArray.CreateBuilder<QueryNode>();
        foreach (var operand in operands)
        {
            var decidedByAttributes = AddAttributes(operand, ref required, ref forbidden);
            var decidedByPass = ExactTermsOf(operand) is { } terms && passes.Any(pass => IsSameSet(pass, terms));
            if (passes.Count == 0 || !(decidedByAttributes || decidedByPass))
            {
                residual.Add(operand);
            }
        }

        return new PresearchPlan([.. passes], required, forbidden, residual.ToImmutable());
    }

    /// <summary>
    /// The passes: the rarest requirement of all, then the rarest strong one of each other operand of the top-level
    /// AND, rarest first, and only then further requirements of operands already used (an operand's own requirements
    /// say much the same thing: a phrase's bigram implies its words). Passes from distinct operands filter better
    /// together, and each one that is an operand's exact terms spares evaluating that operand.
    /// </summary>
    private static List<ImmutableArray<Term>> ChoosePasses(ImmutableArray<QueryNode> operands)
    {
        var ranked = new List<(Requirement Requirement, int Operand)>();
        for (var operand = 0; operand < operands.Length; operand++)
        {
            foreach (var requirement in Requirements(operands[operand]) ?? [])
            {
                ranked.Add((requirement, operand));
            }
        }

        // A stable order: ties keep the query's own order.
        ranked = [.. ranked.OrderBy(entry => entry.Requirement.Probability)];
        var passes = new List<ImmutableArray<Term>>(MaxPasses);
        if (ranked.Count == 0)
        {
            return passes;
        }

        var chosen = new List<Requirement> { ranked[0].Requirement };
        var usedOperands = new HashSet<int> { ranked[0].Operand };
        foreach (var newOperandsOnly in (bool[])[true, false])
        {
            foreach (var (requirement, operand) in ranked)
            {
                if (chosen.Count == MaxPasses)
                {
                    break;
                }

                if (requirement.Probability < Selectivity.WeakThreshold
                    && !(newOperandsOnly && usedOperands.Contains(operand))
                    && !chosen.Exists(kept => kept.HasSameTerms(requirement)))
                {
                    chosen.Add(requirement);
                    usedOperands.Add(operand);
                }
            }
        }

        foreach (var requirement in chosen)
        {
            passes.Add(requirement.Terms);
        }

        return passes;
    }

    /// <summary>
    /// The terms such that a post holds at least one of them exactly when <paramref name="operand"/> holds, or null: the
    /// one exact term of a clause (<see cref="ExactTermOf"/>), or for an OR, its branches' exact terms together. A pass
    /// made of the same terms decides the operand, so the operand is not evaluated again.
    /// </summary>
    private static HashSet<Term>? ExactTermsOf(QueryNode operand)
    {
        if (operand is not OrNode disjunction)
        {
            return ExactTermOf(operand) is { } term ? [term] : null;
        }

        var terms = new HashSet<Term>();
        foreach (var branch in disjunction.Operands)
        {
            if (ExactTermsOf(branch) is not { } branchTerms)
            {
                return null;
            }

            terms.UnionWith(branchTerms);
        }

        return terms;
    }

    private static bool IsSameSet(ImmutableArray<Term> pass, HashSet<Term> terms) =>
        pass.Length == terms.Count && pass.All(terms.Contains);

    /// <summary>
    /// The term whose presence in a post is exactly what <paramref name="operand"/> means, or null: a post hits a word,
    /// hashtag, mention, author or reply-to term exactly when the clause holds, and a two-word phrase's bigram exactly
    /// when the phrase does (the index compares terms in full, not by hash).
    /// </summary>
    private static Term? ExactTermOf(QueryNode operand) => operand switch
    {
        WordNode or HashtagNode or MentionNode or FromNode or ToNode => TermOf((ClauseNode)operand),
        PhraseNode { Words.Length: 1 } phrase => new Term(TermKind.Word, phrase.Words[0]),
        PhraseNode { Words.Length: 2 } phrase => Term.Bigram(phrase.Words[0], phrase.Words[1]),
        _ => null,
    };

    /// <summary>The one term a leaf clause requires, or null when it cannot be indexed (<c>list:</c>, phrases, empty values).</summary>
    public static Term? TermOf(ClauseNode clause) => clause switch
    {
        WordNode word => new Term(TermKind.Word, word.Word),
        PrefixNode prefix when prefix.Prefix.Length >= Term.PrefixBucketLength =>
            new Term(TermKind.PrefixBucket, prefix.Prefix[..Term.PrefixBucketLength]),
        HashtagNode hashtag => new Term(TermKind.Hashtag, hashtag.Tag),
        MentionNode mention => new Term(TermKind.Mention, mention.Handle),
        FromNode from => new Term(TermKind.Author, from.Handle),
        ToNode to => new Term(TermKind.ReplyTo, to.Handle),
        UrlNode url when url.Host.Length > 0 => new Term(TermKind.Host, url.Host),
        LinkPageNode page when page.Host.Length > 0 => new Term(TermKind.Host, page.Host),
        LangNode lang => new Term(TermKind.Language, lang.Code),
        NetworkNode network => new Term(TermKind.Network, "", (int)network.Network),
        IsNode @is => new Term(TermKind.Flag, "", (int)(@is.Filter switch
        {
            IsFilter.Reply => PostFlag.Reply,
            IsFilter.Quote => PostFlag.Quote,
            _ => PostFlag.Repost,
        })),
        HasNode has => new Term(TermKind.Flag, "", (int)(has.Filter switch
        {
            HasFilter.Links => PostFlag.Links,
            HasFilter.Media => PostFlag.Media,
            HasFilter.Images => PostFlag.Images,
            _ => PostFlag.Video,
        })),
        _ => null,
    };

    /// <summary>The requirements of a node, rarest first, or null when the node can match a post holding none of our terms.</summary>
    private static List<Requirement>? Requirements(QueryNode node)
    {
        switch (node)
        {
            case AndNode conjunction:
                List<Requirement>? all = null;
                foreach (var operand in conjunction.Operands)
                {
                    if (Requirements(operand) is { } operandRequirements)
                    {
                        (all ??= []).AddRange(operandRequirements);
                    }
                }

                return all is null ? null : Ranked(all);
            case OrNode disjunction:
                return Union(disjunction);
            case NotNode:
                return null;
            case PhraseNode phrase:
                // Every word of a phrase is required, and so is each pair of consecutive words; an empty phrase (never
                // parsed, but valid as a tree) matches anything.
                if (phrase.Words.IsEmpty)
                {
                    return null;
                }

                var phraseRequirements = new List<Requirement>(phrase.Words.Length * 2);
                for (var position = 0; position < phrase.Words.Length; position++)
                {
                    phraseRequirements.Add(Requirement.Of([new Term(TermKind.Word, phrase.Words[position])]));
                    if (position > 0)
                    {
                        phraseRequirements.Add(Requirement.Of([Term.Bigram(phrase.Words[position - 1], phrase.Words[position])]));
                    }
                }

                return Ranked(phraseRequirements);
            case ClauseNode clause:
                return TermOf(clause) is { } term ? [Requirement.Of([term])] : null;
            default:
                throw new ArgumentException($"Unknown query node {node.GetType().Name}.", nameof(node));
        }
    }

    private static List<Requirement>? Union(OrNode disjunction)
    {
        var branches = new List<List<Requirement>>(disjunction.Operands.Length);
        foreach (var operand in disjunction.Operands)
        {
            if (Requirements(operand) is not { Count: > 0 } branch)
            {
                return null;
            }

            branches.Add(branch);
        }

        if (branches.Count == 0)
        {
            return null;
        }

        // The rank-th union takes each branch's rank-th requirement, or its best where it has fewer: still required by that branch.
        var ranks = Math.Min(MaxPasses, branches.Max(branch => branch.Count));
        var unions = new List<Requirement>(ranks);
        for (var rank = 0; rank < ranks; rank++)
        {
            var terms = new List<Term>();
            foreach (var branch in branches)
            {
                foreach (var term in branch[rank < branch.Count ? rank : 0].Terms)
                {
                    if (!terms.Contains(term))
                    {
                        terms.Add(term);
                    }
                }
            }

            unions.Add(Requirement.Of(terms));
        }

        return Ranked(unions);
    }

    private static List<Requirement> Ranked(List<Requirement> requirements)
    {
        var distinct = new List<Requirement>(requirements.Count);
        foreach (var requirement in requirements.OrderBy(requirement => requirement.Probability))
        {
            if (!distinct.Exists(kept => kept.HasSameTerms(requirement)))
            {
                distinct.Add(requirement);
            }

            if (distinct.Count == MaxRequirementsKept)
            {
                break;
            }
        }

        return distinct;
    }

    /// <summary>Adds the attribute bits an operand of the top-level AND requires or forbids; true when they decide it exactly.</summary>
    private static bool AddAttributes(QueryNode operand, ref AttributeSet required, ref AttributeSet forbidden)
    {
        switch (operand)
        {
            case ClauseNode clause when AttributeSet.BitOf(clause) is var bit and >= 0:
                required.Add(bit);
                return true;
            case NotNode { Operand: ClauseNode negated } when AttributeSet.BitOf(negated) is var bit and >= 0:
                forbidden.Add(bit);
                return true;
            case NotNode { Operand: OrNode negatedAny }
                when negatedAny.Operands.All(branch => branch is ClauseNode clause && AttributeSet.BitOf(clause) >= 0):
                // -(a OR b) is -a AND -b.
                foreach (var branch in negatedAny.Operands)
                {
                    forbidden.Add(AttributeSet.BitOf((ClauseNode)branch));
                }

                return true;
            default:
                return false;
        }
    }

    private sealed record Requirement(ImmutableArray<Term> Terms, double Probability)
    {
        public static Requirement Of(IReadOnlyCollection<Term> terms) =>
            new([.. terms], Math.Min(1, terms.Sum(Selectivity.Of)));

        public bool HasSameTerms(Requirement other) =>
            Terms.Length == other.Terms.Length && Terms.All(other.Terms.Contains);
    }
}

using System.Collections.Immutable;
using System.Globalization;
using PressDeck.Core.Posts;
using PressDeck.Core.Query;

namespace PressDeck.Connectors.X;

/// <summary>
/// Plans the X filtered-stream rules for PressDeck's standing queries (protocols.md 3.3–3.4, QUERY-LANGUAGE.md).
/// Each query is translated where X's operators allow: words, "phrases", #hashtags, @mentions, from:, to:,
/// is:reply/quote/retweet, has:links/media/images, lang:, url:, OR, grouping and <c>-</c> negation. What X cannot
/// express (prefixes, PressDeck lists) is left out only where leaving it out selects more posts, never fewer, so
/// the rule is broader and PressDeck's matcher filters; otherwise the query is refused with the reason. A query too
/// long for one rule is split at its top-level ORs; when the queries need more rules than the tier allows, rules
/// are merged with OR (tags list every query a rule serves), and the queries that still do not fit, last first,
/// are refused. Stateless and thread-safe.
/// </summary>
public sealed class XRuleTranslator(XRuleLimits limits)
{
    private const string OrSeparator = " OR ";

    /// <summary>Plans rules for <paramref name="queries"/>, earlier queries first when room runs out.</summary>
    public XRulePlan Plan(IReadOnlyList<XStandingQuery> queries)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var translations = queries.Select(query => Translate(query.Id, query.Query)).ToList();
        var pieces = translations
            .Where(translation => translation.Outcome is XTranslationOutcome.Exact or XTranslationOutcome.Broadened)
            .SelectMany(translation => translation.RuleValues.Select(value => (translation.QueryId, Value: value)))
            .ToList();
        var distinct = pieces.Select(piece => piece.Value).Distinct(StringComparer.Ordinal).Count();
        if (distinct <= limits.MaxRules)
        {
            var rules = pieces
                .GroupBy(piece => piece.Value, StringComparer.Ordinal)
                .Select(group => new XRule(group.Key, XRuleTag.Format(group.Select(piece => piece.QueryId))))
                .ToList();
            return new XRulePlan(rules, translations);
        }

        return Merge(translations);
    }

    /// <summary>Translates one query into rule values that each fit <see cref="XRuleLimits.MaxRuleLength"/>.</summary>
    public XQueryTranslation Translate(string queryId, QueryNode query)
    {
        ArgumentNullException.ThrowIfNull(queryId);
        ArgumentNullException.ThrowIfNull(query);
        var notes = new List<string>();
        var rule = Translate(query, notes);
        switch (rule.Kind)
        {
            case PartKind.Never:
                return new XQueryTranslation(queryId, XTranslationOutcome.NotNeeded, [], notes, "no X post can match it");
            case PartKind.Always when rule.IsExact:
                return new XQueryTranslation(queryId, XTranslationOutcome.Refused, [], notes, "it would need every X post, and X has no rule for that");
            case PartKind.Always:
                return new XQueryTranslation(queryId, XTranslationOutcome.Refused, [], notes, "nothing in it that narrows the stream can be written as an X rule");
        }

        if (!rule.IsStandalone)
        {
            return new XQueryTranslation(queryId, XTranslationOutcome.Refused, [], notes,
                $"X needs a word, phrase, #hashtag, @mention, from:, to: or url: in every rule and in every OR branch; is:, has: and lang: cannot stand alone ({rule.Text})");
        }

        var values = new List<string>();
        if (rule.Text.Length <= limits.MaxRuleLength)
        {
            values.Add(rule.Text);
        }
        else
        {
            var branches = rule.Precedence == Precedence.Or ? rule.Branches : [rule.Text];
            if (branches.FirstOrDefault(branch => branch.Length > limits.MaxRuleLength) is { } tooLong)
            {
                return new XQueryTranslation(queryId, XTranslationOutcome.Refused, [], notes,
                    $"its rule needs {tooLong.Length.ToString(CultureInfo.InvariantCulture)} characters without a top-level OR to split at, and the tier allows {limits.MaxRuleLength.ToString(CultureInfo.InvariantCulture)}");
            }

            values.AddRange(Pack(branches));
            notes.Add($"split at its top-level ORs into {values.Count.ToString(CultureInfo.InvariantCulture)} rules to fit {limits.MaxRuleLength.ToString(CultureInfo.InvariantCulture)} characters");
        }

        return new XQueryTranslation(queryId, rule.IsExact ? XTranslationOutcome.Exact : XTranslationOutcome.Broadened, values, notes);
    }

    /// <summary>Packs OR branches into as few values of at most the rule length as first-fit gives.</summary>
    private List<string> Pack(IEnumerable<string> branches)
    {
        var packed = new List<string>();
        foreach (var branch in branches)
        {
            var index = packed.FindIndex(value => value.Length + OrSeparator.Length + branch.Length <= limits.MaxRuleLength);
            if (index < 0)
            {
                packed.Add(branch);
            }
            else
            {
                packed[index] += OrSeparator + branch;
            }
        }

        return packed;
    }

    /// <summary>
    /// More distinct rule values than the tier allows: pack them, query by query in order, into rules joined with
    /// OR. A query whose values do not all fit in the room left is refused and takes no room.
    /// </summary>
    private XRulePlan Merge(List<XQueryTranslation> translations)
    {
        var bins = new List<(string Value, List<string> QueryIds)>();
        var outcome = new List<XQueryTranslation>(translations.Count);
        foreach (var translation in translations)
        {
            if (translation.Outcome is not (XTranslationOutcome.Exact or XTranslationOutcome.Broadened))
            {
                outcome.Add(translation);
                continue;
            }

            var trial = bins.Select(bin => (bin.Value, QueryIds: new List<string>(bin.QueryIds))).ToList();
            var fits = true;
            foreach (var value in translation.RuleValues)
            {
                var same = trial.FindIndex(bin => bin.Value == value || bin.Value.Split(OrSeparator).Contains(value, StringComparer.Ordinal));
                var index = same >= 0 ? same : trial.FindIndex(bin => bin.Value.Length + OrSeparator.Length + value.Length <= limits.MaxRuleLength);
                if (index >= 0)
                {
                    var bin = trial[index];
                    trial[index] = (same >= 0 ? bin.Value : bin.Value + OrSeparator + value, bin.QueryIds);
                    bin.QueryIds.Add(translation.QueryId);
                }
                else if (trial.Count < limits.MaxRules)
                {
                    trial.Add((value, [translation.QueryId]));
                }
                else
                {
                    fits = false;
                    break;
                }
            }

            if (fits)
            {
                bins = trial;
                outcome.Add(translation with { Notes = [.. translation.Notes, "merged with other queries into shared rules to fit the tier's rule count"] });
            }
            else
            {
                outcome.Add(translation with
                {
                    Outcome = XTranslationOutcome.Refused,
                    RuleValues = [],
                    Reason = $"no room: the tier allows {limits.MaxRules.ToString(CultureInfo.InvariantCulture)} rules of {limits.MaxRuleLength.ToString(CultureInfo.InvariantCulture)} characters and the queries before it fill them",
                });
            }
        }

        return new XRulePlan([.. bins.Select(bin => new XRule(bin.Value, XRuleTag.Format(bin.QueryIds)))], outcome);
    }

    private static Part Translate(QueryNode node, List<string> notes)
    {
        switch (node)
        {
            case AndNode conjunction:
                return And([.. conjunction.Operands.Select(operand => Translate(operand, notes))]);
            case OrNode disjunction:
                return Or([.. disjunction.Operands.Select(operand => Translate(operand, notes))]);
            case NotNode negation:
                return Not(negation.Operand, notes);
            case WordNode word:
                return Part.Standalone(Keyword(word.Word));
            case PhraseNode phrase:
                return Part.Standalone('"' + string.Join(' ', phrase.Words) + '"');
            case PrefixNode prefix:
                notes.Add($"'{prefix.Prefix}*': X has no prefix match, so the rule leaves it out and PressDeck filters");
                return Part.Always(exact: false);
            case HashtagNode hashtag:
                return Part.Standalone("#" + hashtag.Tag);
            case MentionNode mention:
                return Account("@", mention.Handle, $"@{mention.Handle}", notes);
            case FromNode from:
                return Account("from:", from.Handle, $"from:{from.Handle}", notes);
            case ToNode to:
                return Account("to:", to.Handle, $"to:{to.Handle}", notes);
            case IsNode @is:
                return Part.Conjunctive(@is.Filter switch
                {
                    IsFilter.Reply => "is:reply",
                    IsFilter.Quote => "is:quote",
                    _ => "is:retweet",
                });
            case HasNode has:
                switch (has.Filter)
                {
                    case HasFilter.Links:
                        return Part.Conjunctive("has:links");
                    case HasFilter.Images:
                        return Part.Conjunctive("has:images");
                    case HasFilter.Media:
                        return Part.Conjunctive("has:media");
                    default:
                        // X's has:videos leaves out GIFs, which PressDeck's has:video includes.
                        notes.Add("has:video: X's has:videos leaves out GIFs, so the rule asks for has:media and PressDeck filters");
                        return Part.Conjunctive("has:media") with { IsExact = false };
                }

            case LangNode lang:
                return Part.Conjunctive("lang:" + lang.Code);
            case NetworkNode network:
                return network.Network == Network.X ? Part.Always(exact: true) : Part.Never;
            case ListNode list:
                notes.Add($"list:{list.Name}: PressDeck lists are not X lists, so the rule leaves it out and PressDeck filters");
                return Part.Always(exact: false);
            case UrlNode url:
                notes.Add($"url:{url.Host}{url.PathPrefix}: X matches URLs by tokens, so PressDeck checks the host and path");
                return Part.Standalone($"url:\"{url.Host}{url.PathPrefix}\"") with { IsExact = false };
            case LinkPageNode page:
                notes.Add($"{page.Host}{page.Path}: X matches URLs by tokens, so PressDeck checks the page");
                return Part.Standalone($"url:\"{page.Host}{page.Path}\"") with { IsExact = false };
            default:
                notes.Add($"{node}: not known to the X translator, so the rule leaves it out and PressDeck filters");
                return Part.Always(exact: false);
        }
    }

    /// <summary>A word as an X keyword; quoted when it holds anything but letters and digits (X would read it otherwise).</summary>
    private static string Keyword(string word) =>
        word.All(char.IsLetterOrDigit) ? word : '"' + word + '"';

    /// <summary>An account operator; a handle that is not an X username (Bluesky, Mastodon) matches no X post.</summary>
    private static Part Account(string prefix, string handle, string clause, List<string> notes)
    {
        if (XTweetReader.IsUsername(handle))
        {
            return Part.Standalone(prefix + handle);
        }

        notes.Add($"{clause}: not an X username, so no X post matches it");
        return Part.Never;
    }

    private static Part And(List<Part> operands)
    {
        if (operands.Any(operand => operand.Kind == PartKind.Never))
        {
            return Part.Never;
        }

        var exact = operands.All(operand => operand.IsExact);
        var rules = operands.Where(operand => operand.Kind == PartKind.Rule).ToList();
        if (rules.Count == 0)
        {
            return Part.Always(exact);
        }

        if (rules.Count == 1)
        {
            return rules[0] with { IsExact = exact };
        }

        var text = string.Join(' ', rules.Select(rule => rule.Precedence == Precedence.Or ? "(" + rule.Text + ")" : rule.Text));
        return new Part(PartKind.Rule, text, exact, rules.Any(rule => rule.IsStandalone), Precedence.And, [text]);
    }

    private static Part Or(List<Part> operands)
    {
        var live = operands.Where(operand => operand.Kind != PartKind.Never).ToList();
        if (live.Count == 0)
        {
            return Part.Never;
        }

        if (live.Any(operand => operand.Kind == PartKind.Always))
        {
            return Part.Always(live.Where(operand => operand.Kind == PartKind.Always).All(operand => operand.IsExact));
        }

        if (live.Count == 1)
        {
            return live[0];
        }

        var branches = live.SelectMany(operand => operand.Precedence == Precedence.Or ? operand.Branches : [operand.Text]).ToImmutableArray();
        return new Part(PartKind.Rule, string.Join(OrSeparator, branches), live.All(operand => operand.IsExact), live.All(operand => operand.IsStandalone), Precedence.Or, branches);
    }

    /// <summary>
    /// X negates single clauses only (<c>-(a OR b)</c> is invalid), so <c>-(a OR b)</c> becomes <c>-a -b</c>. A
    /// negation of something X matches only approximately, or of an AND, cannot be written soundly: it is left out
    /// (the rule is broader) and PressDeck filters.
    /// </summary>
    private static Part Not(QueryNode operand, List<string> notes)
    {
        switch (operand)
        {
            case NotNode inner:
                return Translate(inner.Operand, notes);
            case OrNode disjunction:
                return And([.. disjunction.Operands.Select(branch => Not(branch, notes))]);
            case AndNode:
                notes.Add($"-({operand}): X cannot exclude a combination, so the rule leaves it out and PressDeck filters");
                return Part.Always(exact: false);
        }

        var translated = Translate(operand, notes);
        switch (translated.Kind)
        {
            case PartKind.Never:
                return Part.Always(exact: true);
            case PartKind.Always when translated.IsExact:
                return Part.Never;
            case PartKind.Always:
                return translated;
        }

        if (!translated.IsExact)
        {
            notes.Add($"-{operand}: X can only exclude it approximately, so the rule leaves it out and PressDeck filters");
            return Part.Always(exact: false);
        }

        return new Part(PartKind.Rule, "-" + translated.Text, true, false, Precedence.Atom, ["-" + translated.Text]);
    }

    private enum PartKind
    {
        /// <summary>Matches no X post.</summary>
        Never,

        /// <summary>Matches every X post (exactly, or because an untranslatable part was left out).</summary>
        Always,

        Rule,
    }

    private enum Precedence
    {
        Atom,
        And,
        Or,
    }

    /// <summary>
    /// A translated part: <see cref="IsExact"/> false means it selects more than the query part (never fewer);
    /// <see cref="IsStandalone"/> says whether X accepts it alone; an OR keeps its branches for splitting.
    /// </summary>
    private sealed record Part(PartKind Kind, string Text, bool IsExact, bool IsStandalone, Precedence Precedence, ImmutableArray<string> Branches)
    {
        public static Part Never { get; } = new(PartKind.Never, "", true, false, Precedence.Atom, []);

        public static Part Always(bool exact) => new(PartKind.Always, "", exact, false, Precedence.Atom, []);

        public static Part Standalone(string text) => new(PartKind.Rule, text, true, true, Precedence.Atom, [text]);

        public static Part Conjunctive(string text) => new(PartKind.Rule, text, true, false, Precedence.Atom, [text]);
    }
}

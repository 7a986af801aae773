// The grammar of the PressDeck query language (QUERY-LANGUAGE.md sections 4, 5 and 7), in EBNF:
//
//   query       = disjunction , END ;
//   disjunction = conjunction , { "OR" , conjunction } ;
//   conjunction = unary , { [ "AND" ] , unary } ;            (* side by side means AND; AND binds tighter than OR *)
//   unary       = [ "-" ] , primary ;                        (* "-" directly in front, at most once *)
//   primary     = "(" , disjunction , ")" | clause ;         (* at most 32 nested groups; "()" is refused *)
//   clause      = phrase | term ;                            (* meaning given by ClauseInterpreter *)
//   phrase      = '"' , { any character - '"' } , '"' ;
//   term        = operator-name , ":" , ( phrase | value ) | word-term ;
//
// Lexical rules (QueryLexer): white space, "(", ")" and '"' delimit terms; "AND" and "OR" are operators only in
// upper case; "-" negates only at the start of a term. Constraints checked while parsing: every OR branch holds a
// clause that is not negated (a negated group counts as negated); at most 256 leaf clauses; at most 2,048 code
// points. The parser recurses, but only through groups, whose depth is capped at 32, so no input can overflow
// the stack.
using PressDeck.Core.Lists;

namespace PressDeck.Core.Query;

/// <summary>Parses query text into a <see cref="QueryNode"/> tree. Thread-safe; never throws.</summary>
public static class QueryParser
{
    /// <summary>The longest query accepted, in characters (code points).</summary>
    public const int MaxLength = 2048;

    /// <summary>The most leaf clauses a query may hold.</summary>
    public const int MaxClauses = 256;

    /// <summary>The deepest nesting of parentheses accepted.</summary>
    public const int MaxNesting = 32;

    /// <summary>
    /// Parses <paramref name="text"/>. When <paramref name="lists"/> is null, <c>list:</c> names are accepted without
    /// checking; otherwise a name the directory does not know is an error.
    /// </summary>
    public static QueryParseResult Parse(string text, IListDirectory? lists = null)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return QueryParseResult.Failure(new QueryError("the query is empty", 1));
        }

        var length = text.EnumerateRunes().Count();
        if (length > MaxLength)
        {
            return QueryParseResult.Failure(new QueryError($"the query is longer than {MaxLength:N0} characters ({length:N0})", MaxLength + 1));
        }

        var tokens = new List<SyntaxToken>();
        if (!QueryLexer.TryTokenise(text, tokens, out var lexMessage, out var lexIndex))
        {
            // TryTokenise sets the message whenever it fails.
            return QueryParseResult.Failure(new QueryError(lexMessage!, CodePointPosition(text, lexIndex)));
        }

        var grammar = new Grammar(tokens, lists);
        var query = grammar.ParseQuery();
        return query is not null
            ? QueryParseResult.Success(query)
            : QueryParseResult.Failure(new QueryError(grammar.ErrorMessage ?? "the query cannot be understood", CodePointPosition(text, grammar.ErrorIndex)));
    }

    /// <summary>The 1-based code-point position of a UTF-16 index (a surrogate pair is one character).</summary>
    internal static int CodePointPosition(string text, int utf16Index)
    {
        var position = 1;
        var end = Math.Min(utf16Index, text.Length);
        for (var index = 0; index < end; index++)
        {
            if (!(char.IsLowSurrogate(text[index]) && index > 0 && char.IsHighSurrogate(text[index - 1])))
            {
                position++;
            }
        }

        return position;
    }

    /// <summary>A recursive-descent parser over the token list. On failure a method returns null and records the first error.</summary>
    private sealed class Grammar(List<SyntaxToken> tokens, IListDirectory? lists)
    {
        private int _next;
        private int _clauseCount;

        public string? ErrorMessage { get; private set; }

        public int ErrorIndex { get; private set; }

        private SyntaxToken Current => tokens[_next];

        public QueryNode? ParseQuery()
        {
            var query = ParseDisjunction(depth: 0);
            if (query is null)
            {
                return null;
            }

            return Current.Kind == SyntaxKind.RightParen
                ? Fail("unbalanced parenthesis: this ')' has no matching '('", Current.Index)
                : query;
        }

        private QueryNode? ParseDisjunction(int depth)
        {
            var branches = new List<QueryNode>();
            while (true)
            {
                var branchStart = Current;
                if (branchStart.Kind is SyntaxKind.Or or SyntaxKind.And)
                {
                    return Fail($"{branchStart.Text} with nothing before it", branchStart.Index);
                }

                var branch = ParseConjunction(depth, out var hasPositiveClause);
                if (branch is null)
                {
                    return null;
                }

                if (!hasPositiveClause)
                {
                    var isWholeQuery = depth == 0 && branches.Count == 0 && Current.Kind != SyntaxKind.Or;
                    return Fail(
                        isWholeQuery
                            ? "the query looks for nothing: everything in it is excluded with '-'; add something to look for, as in budget -leak"
                            : "this part looks for nothing: everything in it is excluded with '-'; add something to look for",
                        branchStart.Index);
                }

                AddFlattened<OrNode>(branches, branch);
                if (Current.Kind != SyntaxKind.Or)
                {
                    break;
                }

                var orToken = Current;
                _next++;
                if (Current.Kind is SyntaxKind.End or SyntaxKind.RightParen or SyntaxKind.Or or SyntaxKind.And)
                {
                    return Fail("OR with nothing after it", orToken.Index);
                }
            }

            return branches.Count == 1 ? branches[0] : new OrNode([.. branches]);
        }

        private QueryNode? ParseConjunction(int depth, out bool hasPositiveClause)
        {
            hasPositiveClause = false;
            var operands = new List<QueryNode>();
            while (true)
            {
                var operand = ParseUnary(depth, out var isPositive);
                if (operand is null)
                {
                    return null;
                }

                hasPositiveClause |= isPositive;
                AddFlattened<AndNode>(operands, operand);

                if (Current.Kind == SyntaxKind.And)
                {
                    var andToken = Current;
                    _next++;
                    if (Current.Kind is SyntaxKind.End or SyntaxKind.RightParen or SyntaxKind.Or or SyntaxKind.And)
                    {
                        return Fail("AND with nothing after it", andToken.Index);
                    }

                    continue;
                }

                if (Current.Kind is not (SyntaxKind.Term or SyntaxKind.Phrase or SyntaxKind.Minus or SyntaxKind.LeftParen))
                {
                    break;
                }
            }

            return operands.Count == 1 ? operands[0] : new AndNode([.. operands]);
        }

        private QueryNode? ParseUnary(int depth, out bool isPositive)
        {
            isPositive = Current.Kind != SyntaxKind.Minus;
            if (isPositive)
            {
                return ParsePrimary(depth);
            }

            var minus = Current;
            _next++;
            if (Current.Kind == SyntaxKind.Minus)
            {
                return Fail("'-' can exclude a clause only once", Current.Index);
            }

            if (Current.Kind is not (SyntaxKind.Term or SyntaxKind.Phrase or SyntaxKind.LeftParen))
            {
                return Fail("'-' must be directly in front of a word, clause or group", minus.Index);
            }

            var operand = ParsePrimary(depth);
            return operand is null ? null : new NotNode(operand);
        }

        private QueryNode? ParsePrimary(int depth)
        {
            var token = Current;
            switch (token.Kind)
            {
                case SyntaxKind.LeftParen:
                    return ParseGroup(depth, token);

                case SyntaxKind.Term or SyntaxKind.Phrase:
                    _next++;
                    if (++_clauseCount > MaxClauses)
                    {
                        return Fail($"the query has more than {MaxClauses} clauses", token.Index);
                    }

                    return ClauseInterpreter.TryInterpret(token, lists, out var clause, out var message, out var index)
                        ? clause
                        : Fail(message ?? "this clause cannot be understood", index);

                case SyntaxKind.RightParen:
                    return Fail("unbalanced parenthesis: this ')' has no matching '('", token.Index);

                case SyntaxKind.And or SyntaxKind.Or:
                    return Fail($"{token.Text} with nothing before it", token.Index);

                default:
                    return Fail("the query ends too early", token.Index);
            }
        }

        private QueryNode? ParseGroup(int depth, SyntaxToken open)
        {
            if (depth + 1 > MaxNesting)
            {
                return Fail($"parentheses are nested deeper than {MaxNesting} levels", open.Index);
            }

            _next++;
            if (Current.Kind == SyntaxKind.RightParen)
            {
                return Fail("empty group: '()' holds nothing to search for", open.Index);
            }

            if (Current.Kind == SyntaxKind.End)
            {
                return Fail("unbalanced parenthesis: this '(' is never closed", open.Index);
            }

            var inner = ParseDisjunction(depth + 1);
            if (inner is null)
            {
                return null;
            }

            if (Current.Kind != SyntaxKind.RightParen)
            {
                return Fail("unbalanced parenthesis: this '(' is never closed", open.Index);
            }

            _next++;
            return inner;
        }

        /// <summary>Groups do not survive as nodes: <c>(a b) c</c> is <c>a b c</c>, so printing and parsing agree.</summary>
        private static void AddFlattened<TNode>(List<QueryNode> operands, QueryNode operand)
            where TNode : QueryNode
        {
            switch (operand)
            {
                case AndNode conjunction when typeof(TNode) == typeof(AndNode):
                    operands.AddRange(conjunction.Operands);
                    break;
                case OrNode disjunction when typeof(TNode) == typeof(OrNode):
                    operands.AddRange(disjunction.Operands);
                    break;
                default:
                    operands.Add(operand);
                    break;
            }
        }

        private QueryNode? Fail(string message, int index)
        {
            // Every caller returns null at once, so the first failure is the only one.
            ErrorMessage = message;
            ErrorIndex = index;
            return null;
        }
    }
}

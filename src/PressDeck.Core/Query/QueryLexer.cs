namespace PressDeck.Core.Query;

internal enum SyntaxKind
{
    Term,
    Phrase,
    LeftParen,
    RightParen,
    And,
    Or,
    Minus,
    End,
}

/// <summary>
/// A lexical token. <see cref="Index"/> is a UTF-16 index into the query (converted to a code-point position only
/// when an error is reported). For <c>op:"quoted value"</c>, <see cref="Text"/> is <c>op:</c> and
/// <see cref="QuotedValue"/> the text between the quotes, which starts at <see cref="ValueIndex"/>.
/// </summary>
internal readonly record struct SyntaxToken(SyntaxKind Kind, int Index, string Text, string? QuotedValue = null, int ValueIndex = -1);

/// <summary>
/// Cuts a query into tokens. White space, parentheses and double quotes delimit terms; <c>-</c> negates only at the
/// start of a term; only the exact upper-case words <c>AND</c> and <c>OR</c> are operators. Knows nothing of operator
/// names: that is <see cref="ClauseInterpreter"/>'s business.
/// </summary>
internal static class QueryLexer
{
    public static bool TryTokenise(string text, List<SyntaxToken> tokens, out string? errorMessage, out int errorIndex)
    {
        errorMessage = null;
        errorIndex = -1;
        var index = 0;
        while (true)
        {
            while (index < text.Length && char.IsWhiteSpace(text[index]))
            {
                index++;
            }

            if (index >= text.Length)
            {
                tokens.Add(new SyntaxToken(SyntaxKind.End, text.Length, ""));
                return true;
            }

            var character = text[index];
            switch (character)
            {
                case '(':
                    tokens.Add(new SyntaxToken(SyntaxKind.LeftParen, index, "("));
                    index++;
                    continue;
                case ')':
                    tokens.Add(new SyntaxToken(SyntaxKind.RightParen, index, ")"));
                    index++;
                    continue;
                case '"':
                    var close = text.IndexOf('"', index + 1);
                    if (close < 0)
                    {
                        errorMessage = "unbalanced quote: this '\"' is never closed";
                        errorIndex = index;
                        return false;
                    }

                    tokens.Add(new SyntaxToken(SyntaxKind.Phrase, index, text[(index + 1)..close]));
                    index = close + 1;
                    continue;
                case '-':
                    if (index + 1 >= text.Length || char.IsWhiteSpace(text[index + 1]) || text[index + 1] == ')')
                    {
                        errorMessage = "a lone '-': put it directly in front of a word, clause or group to exclude it";
                        errorIndex = index;
                        return false;
                    }

                    tokens.Add(new SyntaxToken(SyntaxKind.Minus, index, "-"));
                    index++;
                    continue;
            }

            var end = ScanTerm(text, index);
            var term = text[index..end];
            if (end < text.Length && text[end] == '"' && term.EndsWith(':') && IsOperatorName(term.AsSpan(0, term.Length - 1)))
            {
                var closeQuote = text.IndexOf('"', end + 1);
                if (closeQuote < 0)
                {
                    errorMessage = "unbalanced quote: this '\"' is never closed";
                    errorIndex = end;
                    return false;
                }

                tokens.Add(new SyntaxToken(SyntaxKind.Term, index, term, text[(end + 1)..closeQuote], end + 1));
                index = closeQuote + 1;
                continue;
            }

            var kind = term switch
            {
                "AND" => SyntaxKind.And,
                "OR" => SyntaxKind.Or,
                _ => SyntaxKind.Term,
            };
            tokens.Add(new SyntaxToken(kind, index, term));
            index = end;
        }
    }

    /// <summary>An operator name is letters and <c>_</c> (QUERY-LANGUAGE.md section 7); ASCII only, so <c>東京:会議</c> stays words.</summary>
    public static bool IsOperatorName(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty)
        {
            return false;
        }

        foreach (var character in name)
        {
            if (!char.IsAsciiLetter(character) && character != '_')
            {
                return false;
            }
        }

        return true;
    }

    public static bool StartsWithLinkScheme(ReadOnlySpan<char> term) =>
        term.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || term.StartsWith("http://", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A term runs to white space, a parenthesis or a quote. Links (<c>https://…</c>, <c>url:…</c>) may hold balanced
    /// parentheses, as Wikipedia addresses do: <c>(https://en.wikipedia.org/wiki/Mercury_(planet))</c>.
    /// </summary>
    private static int ScanTerm(string text, int start)
    {
        var span = text.AsSpan(start);
        var isLink = StartsWithLinkScheme(span) || span.StartsWith("url:", StringComparison.OrdinalIgnoreCase);
        var depth = 0;
        var index = start;
        for (; index < text.Length; index++)
        {
            var character = text[index];
            if (char.IsWhiteSpace(character) || character == '"')
            {
                break;
            }

            if (character == '(')
            {
                if (!isLink)
                {
                    break;
                }

                depth++;
            }
            else if (character == ')')
            {
                if (depth == 0)
                {
                    break;
                }

                depth--;
            }
        }

        return index;
    }
}

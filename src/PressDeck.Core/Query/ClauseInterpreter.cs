using System.Collections.Frozen;
using System.Text;
using PressDeck.Core.Lists;
using PressDeck.Core.Posts;
using PressDeck.Core.Text;

namespace PressDeck.Core.Query;

/// <summary>
/// Gives a lexical term its meaning (QUERY-LANGUAGE.md sections 3 and 7): operators and their values, hashtags,
/// mentions, links, prefixes and words, all normalised here once. Kept apart from the grammar so that adding an
/// operator never touches the parser.
/// </summary>
internal static class ClauseInterpreter
{
    private const int MinimumPrefixLength = 3;

    private static readonly FrozenSet<string> OperatorNames = new[]
    {
        "from", "to", "list", "lang", "network", "url", "has", "is", "min_likes", "min_reposts",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static bool TryInterpret(SyntaxToken token, IListDirectory? lists, out ClauseNode? clause, out string? errorMessage, out int errorIndex)
    {
        clause = null;
        errorMessage = null;
        errorIndex = token.Index;
        var outcome = token.Kind == SyntaxKind.Phrase ? InterpretPhrase(token) : InterpretTerm(token, lists);
        if (outcome.Clause is not null)
        {
            clause = outcome.Clause;
            return true;
        }

        errorMessage = outcome.ErrorMessage;
        errorIndex = outcome.ErrorIndex;
        return false;
    }

    private static Outcome InterpretPhrase(SyntaxToken token)
    {
        var words = TextNormaliser.NormaliseAndTokenise(token.Text);
        return words.Count switch
        {
            0 => Outcome.Fail($"\"{token.Text}\" contains nothing to search for", token.Index),
            1 => Outcome.Ok(new WordNode(words[0])),
            _ => Outcome.Ok(new PhraseNode([.. words])),
        };
    }

    private static Outcome InterpretTerm(SyntaxToken token, IListDirectory? lists)
    {
        var text = token.Text;
        if (token.QuotedValue is null && QueryLexer.StartsWithLinkScheme(text))
        {
            return LinkTarget.TryParse(text, out var page) && !page!.Path.Any(char.IsWhiteSpace)
                ? Outcome.Ok(new LinkPageNode(page.Host, page.Path))
                : Outcome.Fail($"'{text}' is not a link that can be searched for", token.Index);
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && QueryLexer.IsOperatorName(text.AsSpan(0, colon)))
        {
            var name = text[..colon].ToLowerInvariant();
            var value = token.QuotedValue ?? text[(colon + 1)..];
            var valueIndex = token.QuotedValue is null ? token.Index + colon + 1 : token.ValueIndex;
            if (OperatorNames.Contains(name))
            {
                return InterpretOperator(name, value.Trim(), valueIndex + (value.Length - value.TrimStart().Length), token, lists);
            }

            // An unknown name with no value (note:) is an ordinary word; with a value it is a mistyped operator.
            if (value.Length > 0 || token.QuotedValue is not null)
            {
                return Outcome.Fail($"unknown operator '{text[..colon]}'", token.Index);
            }
        }

        if (text[0] == '#')
        {
            return InterpretHashtag(text, token.Index);
        }

        if (text[0] == '@')
        {
            var handle = InterpretHandle(text.AsSpan(1), token.Index + 1, "a mention", out var failure);
            return handle is null ? failure : Outcome.Ok(new MentionNode(handle));
        }

        if (text.Length > 1 && text[^1] == '*')
        {
            return InterpretPrefix(text, token.Index);
        }

        var words = TextNormaliser.NormaliseAndTokenise(text);
        return words.Count switch
        {
            0 => Outcome.Fail($"'{text}' contains nothing to search for", token.Index),
            1 => Outcome.Ok(new WordNode(words[0])),
            _ => Outcome.Ok(new PhraseNode([.. words])),
        };
    }

    private static Outcome InterpretOperator(string name, string value, int valueIndex, SyntaxToken token, IListDirectory? lists)
    {
        if (name is "min_likes" or "min_reposts")
        {
            return Outcome.Fail($"{name}: is reserved for a later version of PressDeck and cannot be used yet", token.Index);
        }

        if (value.Length == 0)
        {
            return Outcome.Fail($"{name}: needs a value", token.Index);
        }

        var lower = value.ToLowerInvariant();
        switch (name)
        {
            case "from":
            case "to":
                var handle = InterpretAccount(value, valueIndex, out var failure);
                if (handle is null)
                {
                    return failure;
                }

                return Outcome.Ok(name == "from" ? new FromNode(handle) : new ToNode(handle));

            case "list":
                if (lists is not null && !lists.Exists(value))
                {
                    return Outcome.Fail($"unknown list '{value}'", valueIndex);
                }

                return Outcome.Ok(new ListNode(lower));

            case "lang":
                var separator = lower.IndexOfAny(['-', '_']);
                if (separator > 0)
                {
                    return Outcome.Fail($"lang: takes a two-letter language code; write lang:{lower[..separator]} instead of lang:{value}", valueIndex);
                }

                return LanguageCodes.All.Contains(lower)
                    ? Outcome.Ok(new LangNode(lower))
                    : Outcome.Fail($"unknown language '{value}': lang: takes a two-letter ISO 639-1 code such as en or fr", valueIndex);

            case "network":
                Network? network = lower switch
                {
                    "bluesky" => Network.Bluesky,
                    "mastodon" => Network.Mastodon,
                    "x" or "twitter" => Network.X,
                    "rss" => Network.Rss,
                    "demo" => Network.Demo,
                    _ => null,
                };
                return network is { } known
                    ? Outcome.Ok(new NetworkNode(known))
                    : Outcome.Fail($"unknown network '{value}': use bluesky, mastodon, x, twitter, rss or demo", valueIndex);

            case "has":
                HasFilter? has = lower switch
                {
                    "links" => HasFilter.Links,
                    "media" => HasFilter.Media,
                    "images" => HasFilter.Images,
                    "video" or "videos" => HasFilter.Video,
                    _ => null,
                };
                return has is { } filter
                    ? Outcome.Ok(new HasNode(filter))
                    : Outcome.Fail($"unknown has: value '{value}': use links, media, images or video", valueIndex);

            case "is":
                IsFilter? kind = lower switch
                {
                    "reply" => IsFilter.Reply,
                    "quote" => IsFilter.Quote,
                    "repost" or "retweet" => IsFilter.Repost,
                    _ => null,
                };
                return kind is { } isFilter
                    ? Outcome.Ok(new IsNode(isFilter))
                    : Outcome.Fail($"unknown is: value '{value}': use reply, quote or repost", valueIndex);

            default:
                return InterpretUrl(value, valueIndex);
        }
    }

    private static Outcome InterpretUrl(string value, int valueIndex)
    {
        if (!LinkTarget.TryParse(value, out var target) || value.Any(char.IsWhiteSpace))
        {
            return Outcome.Fail($"'{value}' is not a host or host/path for url:", valueIndex);
        }

        // Parsed successfully, so target is set.
        foreach (var character in target!.Host)
        {
            if (!char.IsLetterOrDigit(character) && character is not ('.' or '-'))
            {
                return Outcome.Fail($"'{value}' is not a host or host/path for url:", valueIndex);
            }
        }

        return Outcome.Ok(new UrlNode(target.Host, target.Path));
    }

    private static Outcome InterpretHashtag(string text, int index)
    {
        var body = text.AsSpan(1);
        if (body.IsEmpty)
        {
            return Outcome.Fail("'#' needs a hashtag after it", index);
        }

        var offset = 0;
        var hasNonDigit = false;
        while (offset < body.Length)
        {
            Rune.DecodeFromUtf16(body[offset..], out var rune, out var consumed);
            if (!IsHashtagBodyPart(rune))
            {
                var message = rune.Value == '*' && offset + consumed == body.Length
                    ? "a prefix search (*) works on words only, not on hashtags"
                    : $"'{rune}' cannot be part of a hashtag (hashtags are letters, digits and _)";
                return Outcome.Fail(message, index + 1 + offset);
            }

            hasNonDigit |= !Rune.IsDigit(rune);
            offset += consumed;
        }

        if (!hasNonDigit)
        {
            return Outcome.Fail($"'{text}' is not a hashtag because it is only digits; search for {body} instead", index);
        }

        var tag = TextNormaliser.NormaliseWord(body.ToString());
        var tagHasNonDigit = false;
        foreach (var rune in tag.EnumerateRunes())
        {
            if (!IsHashtagBodyPart(rune))
            {
                return Outcome.Fail($"'{text}' is not a hashtag once normalised", index);
            }

            tagHasNonDigit |= !Rune.IsDigit(rune);
        }

        return tagHasNonDigit ? Outcome.Ok(new HashtagNode(tag)) : Outcome.Fail($"'{text}' is not a hashtag once normalised", index);
    }

    private static bool IsHashtagBodyPart(Rune rune) => UnicodeClasses.IsHashtagBodyPart(rune);

    /// <summary>A <c>from:</c>/<c>to:</c> value: a handle with an optional leading <c>@</c>, or a DID (<c>did:plc:…</c>).</summary>
    private static string? InterpretAccount(string value, int valueIndex, out Outcome failure)
    {
        if (value.StartsWith('@'))
        {
            return InterpretHandle(value.AsSpan(1), valueIndex + 1, "a handle", out failure);
        }

        if (value.StartsWith("did:", StringComparison.OrdinalIgnoreCase))
        {
            // Where no handle is known, the DID stands in for it (section 1).
            for (var offset = 0; offset < value.Length; offset++)
            {
                var character = value[offset];
                if (!char.IsAsciiLetterOrDigit(character) && character is not (':' or '.' or '_' or '-' or '%'))
                {
                    failure = Outcome.Fail($"'{character}' cannot be part of a DID", valueIndex + offset);
                    return null;
                }
            }

            failure = default;
            return value.ToLowerInvariant();
        }

        return InterpretHandle(value, valueIndex, "a handle", out failure);
    }

    private static string? InterpretHandle(ReadOnlySpan<char> handle, int index, string what, out Outcome failure)
    {
        failure = default;
        if (handle.IsEmpty)
        {
            failure = Outcome.Fail("'@' needs a handle after it", index - 1);
            return null;
        }

        var invalid = HandleSyntax.IndexOfInvalid(handle);
        if (invalid < 0)
        {
            return handle.ToString().ToLowerInvariant();
        }

        var character = handle[invalid];
        string message;
        if (character == '*' && invalid == handle.Length - 1)
        {
            message = "a prefix search (*) works on words only, not on handles";
        }
        else if (character is '.' or '-' && handle[invalid..].TrimEnd(".-").IsEmpty)
        {
            message = $"{what} cannot end with '{character}'";
        }
        else if (character == '@')
        {
            message = $"'@' in {what} must be followed by a domain, as in bob@mastodon.social";
        }
        else
        {
            Rune.DecodeFromUtf16(handle[invalid..], out var rune, out _);
            message = $"'{rune}' cannot be part of {what} (handles are letters, digits, _, . and -)";
        }

        failure = Outcome.Fail(message, index + invalid);
        return null;
    }

    private static Outcome InterpretPrefix(string text, int index)
    {
        var words = TextNormaliser.NormaliseAndTokenise(text[..^1]);
        if (words.Count == 0)
        {
            return Outcome.Fail($"'{text}' contains nothing to search for", index);
        }

        if (words.Count > 1)
        {
            return Outcome.Fail($"a prefix must be a single word, but '{text[..^1]}' is several", index);
        }

        var prefix = words[0];
        if (prefix.EnumerateRunes().Count() < MinimumPrefixLength)
        {
            return Outcome.Fail($"a prefix needs at least {MinimumPrefixLength} characters before '*'", index);
        }

        return Outcome.Ok(new PrefixNode(prefix));
    }

    private readonly record struct Outcome(ClauseNode? Clause, string? ErrorMessage, int ErrorIndex)
    {
        public static Outcome Ok(ClauseNode clause) => new(clause, null, -1);

        public static Outcome Fail(string message, int index) => new(null, message, index);
    }
}

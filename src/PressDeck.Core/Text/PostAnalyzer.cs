using System.Collections.Frozen;
using System.Text;
using PressDeck.Core.Posts;

namespace PressDeck.Core.Text;

/// <summary>
/// Turns a <see cref="Post"/> into an <see cref="AnalyzedPost"/> (QUERY-LANGUAGE.md sections 1, 2 and 7). Runs on
/// the ingest path: one pass over the text, ASCII stretches tokenised without normalisation, and scratch lists
/// reused per thread. Thread-safe.
/// </summary>
public static class PostAnalyzer
{
    // The characters an entity can start with when the network supplied no links (see MayStartEntity).
    private static readonly System.Buffers.SearchValues<char> EntityStarts = System.Buffers.SearchValues.Create("#@hH");

    // Posts in one language (most posts) share one array per language instead of allocating their own.
    private static readonly FrozenDictionary<string, string[]>.AlternateLookup<ReadOnlySpan<char>> SingleLanguageArrays =
        Query.LanguageCodes.All
            .ToFrozenDictionary(code => code, code => new[] { code }, StringComparer.Ordinal)
            .GetAlternateLookup<ReadOnlySpan<char>>();

    [ThreadStatic]
    private static Scratch? _scratch;

    /// <summary>Analyses one post: its text (and a feed item's title), the entities the network supplied, kind, media and languages.</summary>
    public static AnalyzedPost Analyze(Post post)
    {
        ArgumentNullException.ThrowIfNull(post);
        return Analyze(post, fastPaths: true);
    }

    /// <summary>
    /// <see cref="Analyze(Post)"/>, optionally without the fast scans (the single pass for all-ASCII text, the jump
    /// from one possible entity start to the next for other text), so that tests can check that they agree with the
    /// general scan.
    /// </summary>
    internal static AnalyzedPost Analyze(Post post, bool fastPaths)
    {
        var scratch = _scratch ??= new Scratch();
        scratch.Clear();

        var text = ComposeText(post);
        scratch.TextIsAscii = UnicodeClasses.IsAscii(text);
        if (!scratch.TextIsAscii)
        {
            text = UnicodeClasses.WithoutUnnormalisableCharacters(text);
            if (!SimpleFold.IsKnownNfkc(text) && !text.IsNormalized(NormalizationForm.FormKC))
            {
                // NFKC first, so that entity detection sees the same characters as the tokeniser (＃tag is #tag).
                text = text.Normalize(NormalizationForm.FormKC);
            }
        }

        var start = post.IsRepost ? SkipRepostWrapper(text) : 0;
        var displayedLinks = DisplayedLinks(post.Links);
        if (fastPaths && scratch.TextIsAscii)
        {
            ScanAsciiText(text, start, displayedLinks, scratch);
        }
        else if (fastPaths && displayedLinks is null)
        {
            ScanTextBetweenEntityStarts(text, start, scratch);
        }
        else
        {
            ScanText(text, start, displayedLinks, scratch);
        }

        AddSuppliedEntities(post, scratch);

        var hasImages = false;
        var hasVideo = false;
        foreach (var media in post.Media)
        {
            hasImages |= media.Type == MediaType.Image;
            hasVideo |= media.Type is MediaType.Video or MediaType.Gif;
        }

        var isReply = post.IsReply;
        return new AnalyzedPost(
            post.Network,
            NormaliseHandle(post.Author.Handle),
            scratch.Tokens.ToText(),
            scratch.Tokens.ToData(),
            scratch.Tokens.Filter,
            [.. scratch.Hashtags],
            [.. scratch.Mentions],
            [.. scratch.Links],
            PrimaryLanguages(post.Languages, scratch),
            isReply,
            post.IsQuote,
            post.IsRepost,
            isReply && !string.IsNullOrWhiteSpace(post.ReplyToHandle) ? NormaliseHandle(post.ReplyToHandle) : null,
            hasImages,
            hasVideo);
    }

    /// <summary>A feed item's text is its title and its summary; the title is added unless the text already starts with it.</summary>
    private static string ComposeText(Post post)
    {
        var title = post.Title;
        if (string.IsNullOrWhiteSpace(title) || post.Text.StartsWith(title, StringComparison.Ordinal))
        {
            return post.Text;
        }

        return post.Text.Length == 0 ? title : title + "\n" + post.Text;
    }

    /// <summary>An "RT @x:" wrapper in front of a repost is neither a mention nor words (section 7).</summary>
    private static int SkipRepostWrapper(string text)
    {
        var index = 0;
        while (index < text.Length && char.IsWhiteSpace(text[index]))
        {
            index++;
        }

        if (!text.AsSpan(index).StartsWith("RT @", StringComparison.OrdinalIgnoreCase))
        {
            return 0;
        }

        var handleEnd = HandleSyntax.ScanHandle(text, index + 4);
        return handleEnd > index + 4 && handleEnd < text.Length && text[handleEnd] == ':' ? handleEnd + 1 : 0;
    }

    private static void ScanText(string text, int start, string[]? displayedLinks, Scratch scratch)
    {
        var segmentStart = start;
        var previousIsLetterOrDigit = false;
        var index = start;
        while (index < text.Length)
        {
            var character = text[index];
            if (!previousIsLetterOrDigit && MayStartEntity(character, displayedLinks))
            {
                var entityEnd = ScanEntity(text, index, displayedLinks, scratch, segmentStart);
                if (entityEnd > index)
                {
                    index = entityEnd;
                    segmentStart = entityEnd;
                    previousIsLetterOrDigit = EndsWithLetterOrDigit(text, entityEnd);
                    continue;
                }
            }

            if (character < 0x80)
            {
                previousIsLetterOrDigit = char.IsAsciiLetterOrDigit(character);
                index++;
            }
            else
            {
                Rune.DecodeFromUtf16(text.AsSpan(index), out var rune, out var consumed);
                previousIsLetterOrDigit = Rune.IsLetterOrDigit(rune);
                index += consumed;
            }
        }

        AddSegmentTokens(text.AsSpan(segmentStart), scratch);
    }

    /// <summary>
    /// <see cref="ScanText"/> when the network supplied no links (so only <c>#</c>, <c>@</c> and <c>http</c> can start an
    /// entity): jumps from one of those characters to the next instead of walking every character, and checks the
    /// character before each, exactly as <see cref="ScanText"/> tracks it.
    /// </summary>
    private static void ScanTextBetweenEntityStarts(string text, int start, Scratch scratch)
    {
        var segmentStart = start;
        var index = start;
        while (index < text.Length)
        {
            var next = text.AsSpan(index).IndexOfAny(EntityStarts);
            if (next < 0)
            {
                break;
            }

            index += next;
            if (index == start || !EndsWithLetterOrDigit(text, index))
            {
                var entityEnd = ScanEntity(text, index, displayedLinks: null, scratch, segmentStart);
                if (entityEnd > index)
                {
                    index = entityEnd;
                    segmentStart = entityEnd;
                    continue;
                }
            }

            index++;
        }

        AddSegmentTokens(text.AsSpan(segmentStart), scratch);
    }

    /// <summary>
    /// <see cref="ScanText"/> for all-ASCII text in one pass: tokens are cut as the entities are looked for, instead of
    /// cutting each stretch between entities afterwards. An entity can start where the previous character is not a
    /// letter or digit, exactly as in <see cref="ScanText"/>.
    /// </summary>
    private static void ScanAsciiText(string text, int start, string[]? displayedLinks, Scratch scratch)
    {
        var tokens = scratch.Tokens;
        var tokenStart = -1;
        var index = start;
        while (index < text.Length)
        {
            var character = text[index];
            var isWordCharacter = char.IsAsciiLetterOrDigit(character);
            if (tokenStart < 0
                && MayStartEntity(character, displayedLinks)
                && (index == start || !char.IsAsciiLetterOrDigit(text[index - 1])))
            {
                // No stretch of text is pending, so the entity scanner has nothing to cut before the entity.
                var entityEnd = ScanEntity(text, index, displayedLinks, scratch, segmentStart: index);
                if (entityEnd > index)
                {
                    index = entityEnd;
                    continue;
                }
            }

            if (isWordCharacter)
            {
                if (tokenStart < 0)
                {
                    tokenStart = index;
                }
            }
            else if (tokenStart >= 0)
            {
                tokens.AddAsciiLower(text.AsSpan(tokenStart, index - tokenStart));
                tokenStart = -1;
            }

            index++;
        }

        if (tokenStart >= 0)
        {
            tokens.AddAsciiLower(text.AsSpan(tokenStart));
        }
    }

    /// <summary>
    /// Whether <see cref="ScanEntity"/> can find an entity starting with <paramref name="character"/>: a hashtag, a
    /// mention, a link with a scheme, or (when the network supplied links) a link shown without one. The scans call it
    /// only there; <see cref="EntityStarts"/> lists the same characters for the case without supplied links.
    /// </summary>
    private static bool MayStartEntity(char character, string[]? displayedLinks) =>
        character is '#' or '@' or 'h' or 'H' || (displayedLinks is not null && char.IsLetterOrDigit(character));

    /// <summary>Recognises a hashtag, mention or link at <paramref name="index"/>; returns its end, or <paramref name="index"/>.</summary>
    private static int ScanEntity(string text, int index, string[]? displayedLinks, Scratch scratch, int segmentStart)
    {
        var character = text[index];
        if (character == '#')
        {
            var end = ScanHashtagBody(text, index + 1);
            if (end > index + 1)
            {
                AddSegmentTokens(text.AsSpan(segmentStart, index - segmentStart), scratch);
                var raw = text.AsSpan(index + 1, end - index - 1);
                var body = UnicodeClasses.IsAscii(raw) ? LowerInvariant(raw) : TextNormaliser.NormaliseWord(raw.ToString());
                AddDistinct(scratch.Hashtags, body);
                var sink = new TokenBufferSink(scratch.Tokens);
                TextNormaliser.AddTokens(body, ref sink);
                return end;
            }

            return index;
        }

        if (character == '@')
        {
            var end = HandleSyntax.ScanHandle(text, index + 1);
            if (end > index + 1)
            {
                AddSegmentTokens(text.AsSpan(segmentStart, index - segmentStart), scratch);
                var handle = text[(index + 1)..end].ToLowerInvariant();
                AddDistinct(scratch.Mentions, handle);
                scratch.TextMentions.Add(handle);
                scratch.Tokens.Add(AnalyzedPost.EntityPlaceholderToken);
                return end;
            }

            return index;
        }

        LinkTarget? target = null;
        var linkEnd = character is 'h' or 'H' ? ScanUrl(text, index, out target) : index;
        if (linkEnd == index && displayedLinks is not null && char.IsLetterOrDigit(character))
        {
            linkEnd = MatchDisplayedLink(text, index, displayedLinks, out target);
        }

        if (linkEnd > index)
        {
            AddSegmentTokens(text.AsSpan(segmentStart, index - segmentStart), scratch);
            // Only null when linkEnd == index.
            AddDistinct(scratch.Links, target!);
            scratch.Tokens.Add(AnalyzedPost.EntityPlaceholderToken);
        }

        return linkEnd;
    }

    /// <summary>A hashtag body: letters, digits, marks and <c>_</c>, not only digits (<c>#2026</c> is the word 2026).</summary>
    private static int ScanHashtagBody(string text, int start)
    {
        var index = start;
        var hasNonDigit = false;
        while (index < text.Length)
        {
            Rune.DecodeFromUtf16(text.AsSpan(index), out var rune, out var consumed);
            if (!UnicodeClasses.IsHashtagBodyPart(rune))
            {
                break;
            }

            hasNonDigit |= !Rune.IsDigit(rune);
            index += consumed;
        }

        return hasNonDigit ? index : start;
    }

    private static int ScanUrl(string text, int start, out LinkTarget? target)
    {
        target = null;
        var span = text.AsSpan(start);
        var length = LinkSyntax.MatchSchemeLink(span, out var schemeLength);
        if (length <= schemeLength || !LinkTarget.TryParse(span[..length].ToString(), out target))
        {
            target = null;
            return start;
        }

        return start + length;
    }

    /// <summary>
    /// Display forms (URL without scheme, with and without <c>www.</c>) of links the network supplied, so that link text
    /// the network shows without a scheme (Bluesky's <c>gov.uk/budget…</c>) is link text, not words (section 1).
    /// </summary>
    private static string[]? DisplayedLinks(IReadOnlyList<string> links)
    {
        if (links.Count == 0)
        {
            return null;
        }

        var displays = new List<string>(links.Count * 2);
        foreach (var link in links)
        {
            var display = link.AsSpan().Trim();
            var schemeEnd = display.IndexOf("://", StringComparison.Ordinal);
            if (schemeEnd >= 0)
            {
                display = display[(schemeEnd + 3)..];
            }

            display = display.TrimEnd('/');
            if (display.Length == 0)
            {
                continue;
            }

            displays.Add(display.ToString());
            if (display.StartsWith("www.", StringComparison.OrdinalIgnoreCase) && display.Length > 4)
            {
                displays.Add(display[4..].ToString());
            }
        }

        return displays.Count == 0 ? null : [.. displays];
    }

    private static int MatchDisplayedLink(string text, int index, string[] displayedLinks, out LinkTarget? target)
    {
        target = null;
        var span = text.AsSpan(index);
        foreach (var display in displayedLinks)
        {
            var common = span.CommonPrefixLength(display.AsSpan(), CaseInsensitiveCharComparer.Instance);
            var hostLength = display.IndexOfAny(['/', '?', '#']);
            if (hostLength < 0)
            {
                hostLength = display.Length;
            }

            int end;
            if (common == display.Length && (common == span.Length || !char.IsLetterOrDigit(span[common])))
            {
                end = common + EllipsisLength(span[common..]);
            }
            else if (common >= hostLength && common > 0 && EllipsisLength(span[common..]) > 0)
            {
                end = common + EllipsisLength(span[common..]);
            }
            else
            {
                continue;
            }

            if (LinkTarget.TryParse(display, out target))
            {
                return index + end;
            }
        }

        return index;
    }

    private static int EllipsisLength(ReadOnlySpan<char> text) =>
        text.StartsWith("…", StringComparison.Ordinal) ? 1 : text.StartsWith("...", StringComparison.Ordinal) ? 3 : 0;

    private static bool EndsWithLetterOrDigit(string text, int end)
    {
        if (end == 0)
        {
            return false;
        }

        var index = char.IsLowSurrogate(text[end - 1]) && end >= 2 ? end - 2 : end - 1;
        return Rune.DecodeFromUtf16(text.AsSpan(index, end - index), out var rune, out _) == System.Buffers.OperationStatus.Done
            && Rune.IsLetterOrDigit(rune);
    }

    private static void AddSegmentTokens(ReadOnlySpan<char> segment, Scratch scratch)
    {
        if (segment.IsEmpty)
        {
            return;
        }

        var tokens = scratch.Tokens;
        if (!scratch.TextIsAscii && !UnicodeClasses.IsAscii(segment))
        {
            var sink = new TokenBufferSink(tokens);
            if (SimpleFold.TryFold(segment, out ReadOnlySpan<char> folded))
            {
                TextNormaliser.AddTokens(folded, ref sink);
            }
            else
            {
                TextNormaliser.AddTokens(TextNormaliser.NormaliseWordFully(segment.ToString()), ref sink);
            }

            return;
        }

        var tokenStart = -1;
        for (var index = 0; index <= segment.Length; index++)
        {
            if (index < segment.Length && char.IsAsciiLetterOrDigit(segment[index]))
            {
                if (tokenStart < 0)
                {
                    tokenStart = index;
                }

                continue;
            }

            if (tokenStart >= 0)
            {
                tokens.AddAsciiLower(segment[tokenStart..index]);
                tokenStart = -1;
            }
        }
    }

    private static void AddSuppliedEntities(Post post, Scratch scratch)
    {
        foreach (var hashtag in post.Hashtags)
        {
            var body = TextNormaliser.NormaliseWord(hashtag.AsSpan().Trim().TrimStart('#').ToString());
            if (IsHashtagBody(body))
            {
                AddDistinct(scratch.Hashtags, body);
            }
        }

        var repostedHandle = post.IsRepost && post.RepostOfHandle is not null ? NormaliseHandle(post.RepostOfHandle) : null;
        foreach (var mention in post.Mentions)
        {
            var handle = NormaliseHandle(mention);
            // The reposted account is not a mention of the repost, unless the original text itself mentions it.
            if (HandleSyntax.IsValid(handle) && (handle != repostedHandle || scratch.TextMentions.Contains(handle)))
            {
                AddDistinct(scratch.Mentions, handle);
            }
        }

        foreach (var link in post.Links)
        {
            if (LinkTarget.TryParse(link, out var target))
            {
                // TryParse returned true, so target is set.
                AddDistinct(scratch.Links, target!);
            }
        }
    }

    private static bool IsHashtagBody(string body)
    {
        var hasNonDigit = false;
        foreach (var rune in body.EnumerateRunes())
        {
            if (!UnicodeClasses.IsHashtagBodyPart(rune))
            {
                return false;
            }

            hasNonDigit |= !Rune.IsDigit(rune);
        }

        return hasNonDigit;
    }

    /// <summary>The shared array for a post in one known language (most posts), or null.</summary>
    private static string[]? SingleLanguage(string language)
    {
        var code = language.AsSpan().Trim();
        var separator = code.IndexOfAny('-', '_');
        if (separator >= 0)
        {
            code = code[..separator];
        }

        if (code.Length is 0 or > 3)
        {
            return null;
        }

        Span<char> lower = stackalloc char[3];
        var length = code.ToLowerInvariant(lower);
        return SingleLanguageArrays.TryGetValue(lower[..length], out var array) ? array : null;
    }

    /// <summary>A handle without <c>@</c> or surrounding space, in lower case; the same string when it already is one.</summary>
    private static string NormaliseHandle(string handle)
    {
        var trimmed = handle.AsSpan().Trim().TrimStart('@');
        return trimmed.Length == handle.Length && !trimmed.ContainsAnyInRange('A', 'Z') && UnicodeClasses.IsAscii(trimmed)
            ? handle
            : LowerInvariant(trimmed);
    }

    /// <summary>Lower case in one allocation (the span's own ToString and then ToLowerInvariant would make two).</summary>
    private static string LowerInvariant(ReadOnlySpan<char> text)
    {
        if (text.Length > 128)
        {
            return text.ToString().ToLowerInvariant();
        }

        Span<char> buffer = stackalloc char[text.Length];
        text.ToLowerInvariant(buffer);
        return new string(buffer);
    }

    private static string[] PrimaryLanguages(IReadOnlyList<string> languages, Scratch scratch)
    {
        if (languages.Count == 0)
        {
            return [];
        }

        if (languages.Count == 1 && SingleLanguage(languages[0]) is { } single)
        {
            return single;
        }

        var primary = scratch.Languages;
        primary.Clear();
        foreach (var language in languages)
        {
            var code = language.AsSpan().Trim();
            var separator = code.IndexOfAny('-', '_');
            if (separator >= 0)
            {
                code = code[..separator];
            }

            if (!code.IsEmpty)
            {
                AddDistinct(primary, LowerInvariant(code));
            }
        }

        return [.. primary];
    }

    private static void AddDistinct<T>(List<T> items, T item)
    {
        if (!items.Contains(item))
        {
            items.Add(item);
        }
    }

    private sealed class Scratch
    {
        public TokenBuffer Tokens { get; } = new();

        /// <summary>The post's whole text is ASCII, so no stretch of it needs the normaliser.</summary>
        public bool TextIsAscii { get; set; }

        public List<string> Hashtags { get; } = [];

        public List<string> Mentions { get; } = [];

        public HashSet<string> TextMentions { get; } = new(StringComparer.Ordinal);

        public List<LinkTarget> Links { get; } = [];

        public List<string> Languages { get; } = [];

        public void Clear()
        {
            Tokens.Clear();
            Hashtags.Clear();
            Mentions.Clear();
            TextMentions.Clear();
            Links.Clear();
        }
    }

    private sealed class CaseInsensitiveCharComparer : IEqualityComparer<char>
    {
        public static readonly CaseInsensitiveCharComparer Instance = new();

        public bool Equals(char x, char y) => char.ToLowerInvariant(x) == char.ToLowerInvariant(y);

        public int GetHashCode(char obj) => char.ToLowerInvariant(obj).GetHashCode();
    }
}

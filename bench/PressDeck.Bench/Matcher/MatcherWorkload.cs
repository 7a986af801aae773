using System.Globalization;
using System.Text;
using PressDeck.Core.Posts;
using PressDeck.Core.Query;

namespace PressDeck.Bench.Matcher;

/// <summary>
/// The matcher workload of BENCHMARKS.md, generated exactly and deterministically from a seed: the vocabulary,
/// collocations, users and hashtags (<see cref="Create"/>), a stream of posts (<see cref="GeneratePosts"/>) and, per
/// setting, one stream of 100,000 queries whose prefixes are the query sets of every size
/// (<see cref="GenerateQueryTexts"/>). Queries are written as query-language text and parsed by
/// <see cref="QueryParser"/>, so the parser and normaliser are part of what is measured against.
/// Immutable once created; each generate call has its own random stream, so calls may run on any thread.
/// </summary>
public sealed class MatcherWorkload
{
    public const ulong DefaultSeed = 20_261_126;
    public const int VocabularySize = 50_000;
    public const int CollocationCount = 5_000;
    public const int UserCount = 200_000;
    public const int HashtagCount = 10_000;
    public const int QueryStreamLength = 100_000;

    /// <summary>From this rank on, 4% of words carry one accented letter.</summary>
    private const int AccentedFromRank = 300;
    private const double AccentedShare = 0.04;
    private const double CollocationProbability = 0.3;

    // Per-post emoji chance, chosen so that about 45% of posts hold a non-ASCII character (accented words give ~33%).
    private const double EmojiProbability = 0.18;

    private const string AccentedLetters = "áàâäãåçéèêëíìîïñóòôöõúùûüýÿ";

    private static readonly string[] LanguageCodes = ["en", "es", "pt", "fr", "de", "it", "nl", "ja", "ko", "ru", "ar", "tr", "pl", "sv", "id"];

    // en 60%, es 10%, pt 7%, fr 5%, de 5%, the remaining 13% spread over ten others.
    private static readonly double[] LanguageWeights = [60, 10, 7, 5, 5, 1.3, 1.3, 1.3, 1.3, 1.3, 1.3, 1.3, 1.3, 1.3, 1.3];

    private static readonly string[] Emoji = ["😂", "❤️", "🔥", "👍", "🙏", "🎉", "👀", "✅", "😭", "🤔", "🇺🇦", "👩‍💻", "💯", "✨", "🚀"];

    private static readonly string[] InnerPunctuation = [",", ",", ",", ".", "!", "?", ":", ";", " -"];

    // Mentions per post: 0, 1 or 2 with .70/.25/.05. Hashtags per post: 0 to 3 with mean 0.75.
    private static readonly double[] MentionCountWeights = [0.70, 0.25, 0.05];
    private static readonly double[] HashtagCountWeights = [0.45, 0.40, 0.10, 0.05];

    // Positive clauses per query: 1 to 4 with 40/35/20/5%. Clause kinds: word, phrase, hashtag, mention, OR group.
    private static readonly double[] ClauseCountWeights = [0.40, 0.35, 0.20, 0.05];
    private static readonly double[] ClauseKindWeights = [0.55, 0.15, 0.10, 0.05, 0.15];
    private static readonly double[] BranchKindWeights = [0.55, 0.15, 0.10, 0.05];

    private readonly ulong _seed;
    private readonly string[] _words;
    private readonly string[][] _collocations;
    private readonly string[] _users;
    private readonly string[] _hashtags;
    private readonly ZipfDistribution _wordFrequency;
    private readonly ZipfDistribution _collocationFrequency;
    private readonly ZipfDistribution _userActivity;
    private readonly ZipfDistribution _hashtagFrequency;

    private MatcherWorkload(ulong seed, string[] words, string[][] collocations, string[] users, string[] hashtags)
    {
        _seed = seed;
        _words = words;
        _collocations = collocations;
        _users = users;
        _hashtags = hashtags;
        _wordFrequency = new ZipfDistribution(words.Length);
        _collocationFrequency = new ZipfDistribution(collocations.Length);
        _userActivity = new ZipfDistribution(users.Length);
        _hashtagFrequency = new ZipfDistribution(hashtags.Length);
    }

    /// <summary>Words by rank (0 is the most frequent), as written in posts (accents included).</summary>
    public IReadOnlyList<string> Words => _words;

    /// <summary>User handles by activity rank.</summary>
    public IReadOnlyList<string> Users => _users;

    /// <summary>Hashtag bodies by frequency rank.</summary>
    public IReadOnlyList<string> Hashtags => _hashtags;

    public static MatcherWorkload Create(ulong seed = DefaultSeed)
    {
        var random = new WorkloadRandom(seed);
        var words = GenerateVocabulary(random);
        var collocations = GenerateCollocations(random, words);
        var users = GenerateUniqueStrings(random, UserCount, _ => random.NextInclusive(4, 15), allowDigitsAndUnderscore: true);
        var hashtags = GenerateUniqueStrings(random, HashtagCount, _ => random.NextInclusive(4, 14), allowDigitsAndUnderscore: false);
        return new MatcherWorkload(seed, words, collocations, users, hashtags);
    }

    /// <summary>The first <paramref name="count"/> posts of the workload's post stream.</summary>
    public IReadOnlyList<Post> GeneratePosts(int count)
    {
        var random = new WorkloadRandom(_seed ^ 0x5057_5354UL);
        var posts = new Post[count];
        var createdAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var builder = new StringBuilder(256);
        for (var index = 0; index < count; index++)
        {
            posts[index] = GeneratePost(random, builder, index, createdAt.AddMilliseconds(index * 7));
        }

        return posts;
    }

    /// <summary>The first <paramref name="count"/> queries of the setting's stream of <see cref="QueryStreamLength"/>, as query text.</summary>
    public IReadOnlyList<string> GenerateQueryTexts(WorkloadSetting setting, int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, QueryStreamLength);
        var skips = QuerySkips.For(setting);
        var sources = new QuerySources(
            new ZipfDistribution(_words.Length, skip: skips.Words),
            new ZipfDistribution(_collocations.Length, skip: skips.Collocations),
            new ZipfDistribution(_users.Length, skip: skips.Users),
            new ZipfDistribution(_hashtags.Length, skip: skips.Hashtags));

        // One stream for both settings: only the skipped ranks differ, not the shape of the queries.
        var random = new WorkloadRandom(_seed ^ 0x5155_4552_5953UL);
        var queries = new string[count];
        var builder = new StringBuilder(128);
        for (var index = 0; index < count; index++)
        {
            queries[index] = GenerateQuery(random, builder, sources);
        }

        return queries;
    }

    /// <summary>Parses <see cref="GenerateQueryTexts"/>; every generated query is valid, and a parse failure is a bug.</summary>
    public IReadOnlyList<QueryNode> GenerateQueries(WorkloadSetting setting, int count)
    {
        var texts = GenerateQueryTexts(setting, count);
        var queries = new QueryNode[texts.Count];
        for (var index = 0; index < texts.Count; index++)
        {
            var result = QueryParser.Parse(texts[index]);
            queries[index] = result.IsValid
                ? result.Query
                : throw new InvalidOperationException($"Generated query {index} is invalid ({result}): {texts[index]}");
        }

        return queries;
    }

    private static string[] GenerateVocabulary(WorkloadRandom random)
    {
        var words = new string[VocabularySize];
        // Uniqueness is on the folded form (accent stripped), so that two ranks never normalise to the same token.
        var folded = new HashSet<string>(StringComparer.Ordinal);
        var letters = new char[32];
        for (var rank = 0; rank < VocabularySize; rank++)
        {
            // Length grows with rank: 2-3 letters for the top few words, 7-8 around rank 10,000; about 4.2 on average
            // over running text (posts of about 140 characters).
            var length = Math.Max(2, 1 + (int)Math.Floor(Math.Log(rank + 2, 5)) + (random.Chance(0.25) ? 1 : 0));
            string plain;
            do
            {
                for (var position = 0; position < length; position++)
                {
                    letters[position] = (char)('a' + random.Next(26));
                }

                plain = new string(letters, 0, length);
            }
            while (!folded.Add(plain));

            if (rank >= AccentedFromRank && random.Chance(AccentedShare))
            {
                var position = random.Next(length);
                var accented = AccentedLetters[random.Next(AccentedLetters.Length)];
                letters[position] = accented;
                words[rank] = new string(letters, 0, length);
                // The folded form of the accented word is its letter without the accent, which may differ from `plain`.
                folded.Add(FoldAccent(words[rank]));
            }
            else
            {
                words[rank] = plain;
            }
        }

        return words;
    }

    private static string FoldAccent(string word)
    {
        var decomposed = word.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(word.Length);
        foreach (var character in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(character) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(character);
            }
        }

        return builder.ToString();
    }

    private static string[][] GenerateCollocations(WorkloadRandom random, string[] words)
    {
        // Collocation words follow the vocabulary's own frequencies; each collocation is distinct.
        var frequency = new ZipfDistribution(words.Length);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var collocations = new string[CollocationCount][];
        for (var rank = 0; rank < CollocationCount; rank++)
        {
            string[] collocation;
            do
            {
                collocation = new string[random.NextInclusive(2, 3)];
                for (var position = 0; position < collocation.Length; position++)
                {
                    collocation[position] = words[frequency.Sample(random)];
                }
            }
            while (collocation.Distinct(StringComparer.Ordinal).Count() != collocation.Length || !seen.Add(string.Join(' ', collocation)));

            collocations[rank] = collocation;
        }

        return collocations;
    }

    private static string[] GenerateUniqueStrings(WorkloadRandom random, int count, Func<int, int> length, bool allowDigitsAndUnderscore)
    {
        const string Letters = "abcdefghijklmnopqrstuvwxyz";
        const string HandleCharacters = "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz0123456789_";
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var values = new string[count];
        var characters = new char[32];
        for (var rank = 0; rank < count; rank++)
        {
            string value;
            do
            {
                var valueLength = length(rank);
                characters[0] = Letters[random.Next(Letters.Length)];
                for (var position = 1; position < valueLength; position++)
                {
                    characters[position] = allowDigitsAndUnderscore
                        ? HandleCharacters[random.Next(HandleCharacters.Length)]
                        : Letters[random.Next(Letters.Length)];
                }

                value = new string(characters, 0, valueLength);
            }
            while (!seen.Add(value));

            values[rank] = value;
        }

        return values;
    }

    private Post GeneratePost(WorkloadRandom random, StringBuilder builder, int index, DateTime createdAt)
    {
        // The post is built as pieces: words, one collocation (kept whole), mentions, hashtags and emoji, then written
        // out with capitalisation and punctuation.
        var pieces = new List<Piece>(40);
        var wordCount = random.NextInclusive(18, 30);
        for (var count = 0; count < wordCount; count++)
        {
            pieces.Add(new Piece(PieceKind.Word, _words[_wordFrequency.Sample(random)]));
        }

        if (random.Chance(CollocationProbability))
        {
            var collocation = _collocations[_collocationFrequency.Sample(random)];
            pieces.Insert(random.Next(pieces.Count + 1), new Piece(PieceKind.Collocation, string.Join(' ', collocation)));
        }

        var mentions = random.Pick(MentionCountWeights);
        for (var count = 0; count < mentions; count++)
        {
            // A third of mentions open the post, as replies do.
            var position = random.Chance(1.0 / 3) ? 0 : random.Next(pieces.Count + 1);
            pieces.Insert(position, new Piece(PieceKind.Mention, _users[_userActivity.Sample(random)]));
        }

        var hashtags = random.Pick(HashtagCountWeights);
        for (var count = 0; count < hashtags; count++)
        {
            var position = random.Chance(0.5) ? pieces.Count : random.Next(pieces.Count + 1);
            pieces.Insert(position, new Piece(PieceKind.Hashtag, _hashtags[_hashtagFrequency.Sample(random)]));
        }

        if (random.Chance(EmojiProbability))
        {
            var emojiCount = random.NextInclusive(1, 2);
            for (var count = 0; count < emojiCount; count++)
            {
                pieces.Insert(random.Next(pieces.Count + 1), new Piece(PieceKind.Emoji, Emoji[random.Next(Emoji.Length)]));
            }
        }

        builder.Clear();
        var sentenceStart = true;
        foreach (var piece in pieces)
        {
            if (builder.Length > 0 && !(piece.Kind == PieceKind.Emoji && random.Chance(0.3)))
            {
                builder.Append(' ');
            }

            switch (piece.Kind)
            {
                case PieceKind.Word or PieceKind.Collocation:
                    var quote = random.Chance(0.02) ? (random.Chance(0.5) ? "\"\"" : "()") : null;
                    if (quote is not null)
                    {
                        builder.Append(quote[0]);
                    }

                    AppendCapitalised(random, builder, piece.Text, sentenceStart);
                    if (quote is not null)
                    {
                        builder.Append(quote[1]);
                    }

                    sentenceStart = false;
                    if (random.Chance(0.07))
                    {
                        var punctuation = InnerPunctuation[random.Next(InnerPunctuation.Length)];
                        builder.Append(punctuation);
                        sentenceStart = punctuation is "." or "!" or "?";
                    }

                    break;
                case PieceKind.Mention:
                    builder.Append('@');
                    AppendCapitalised(random, builder, piece.Text, sentenceStart: false);
                    break;
                case PieceKind.Hashtag:
                    builder.Append('#');
                    AppendCapitalised(random, builder, piece.Text, sentenceStart: false);
                    break;
                default:
                    builder.Append(piece.Text);
                    break;
            }
        }

        var ending = random.Next(10);
        builder.Append(ending switch
        {
            < 5 => ".",
            5 => "!",
            6 => "?",
            _ => "",
        });

        var author = _users[_userActivity.Sample(random)];
        var language = LanguageCodes[random.Pick(LanguageWeights)];
        if (language is "en" or "pt" && random.Chance(0.1))
        {
            language += language == "en" ? "-GB" : "-BR";
        }

        return new Post
        {
            Network = Network.Bluesky,
            RemoteId = string.Create(CultureInfo.InvariantCulture, $"at://bench/post/{index}"),
            Author = new Author(author, author),
            Text = builder.ToString(),
            CreatedAt = createdAt,
            Languages = [language],
        };
    }

    /// <summary>Random capitalisation: most words lower case, some Capitalised, a few UPPER; sentences start Capitalised.</summary>
    private static void AppendCapitalised(WorkloadRandom random, StringBuilder builder, string text, bool sentenceStart)
    {
        var draw = random.NextDouble();
        if (draw < 0.02)
        {
            builder.Append(text.ToUpperInvariant());
        }
        else if (sentenceStart || draw < 0.08)
        {
            builder.Append(char.ToUpperInvariant(text[0])).Append(text, 1, text.Length - 1);
        }
        else
        {
            builder.Append(text);
        }
    }

    private string GenerateQuery(WorkloadRandom random, StringBuilder builder, QuerySources sources)
    {
        builder.Clear();
        var positive = random.Pick(ClauseCountWeights) + 1;
        for (var count = 0; count < positive; count++)
        {
            Separate(builder);
            var kind = random.Pick(ClauseKindWeights);
            if (kind == 4)
            {
                var branches = random.NextInclusive(2, 4);
                builder.Append('(');
                for (var branch = 0; branch < branches; branch++)
                {
                    if (branch > 0)
                    {
                        builder.Append(" OR ");
                    }

                    AppendSimpleClause(random, builder, sources, random.Pick(BranchKindWeights));
                }

                builder.Append(')');
            }
            else
            {
                AppendSimpleClause(random, builder, sources, kind);
            }
        }

        if (random.Chance(0.08))
        {
            Separate(builder);
            builder.Append("from:").Append(_users[sources.Users.Sample(random)]);
        }

        if (random.Chance(0.20))
        {
            Separate(builder);
            builder.Append("lang:").Append(LanguageCodes[random.Pick(LanguageWeights)]);
        }

        if (random.Chance(0.25))
        {
            var negated = random.NextInclusive(1, 2);
            for (var count = 0; count < negated; count++)
            {
                Separate(builder);
                builder.Append('-');
                AppendSimpleClause(random, builder, sources, random.Pick(BranchKindWeights));
            }
        }

        return builder.ToString();
    }

    private static void Separate(StringBuilder builder)
    {
        if (builder.Length > 0)
        {
            builder.Append(' ');
        }
    }

    /// <summary>A word, a collocation phrase, a hashtag or a mention (kinds 0 to 3), written as a person might.</summary>
    private void AppendSimpleClause(WorkloadRandom random, StringBuilder builder, QuerySources sources, int kind)
    {
        switch (kind)
        {
            case 0:
                // Query words are written with their accents and sometimes Capitalised: the parser normalises them.
                AppendCapitalised(random, builder, _words[sources.Words.Sample(random)], sentenceStart: false);
                break;
            case 1:
                builder.Append('"').AppendJoin(' ', _collocations[sources.Collocations.Sample(random)]).Append('"');
                break;
            case 2:
                builder.Append('#');
                AppendCapitalised(random, builder, _hashtags[sources.Hashtags.Sample(random)], sentenceStart: false);
                break;
            default:
                builder.Append('@').Append(_users[sources.Users.Sample(random)]);
                break;
        }
    }

    private enum PieceKind
    {
        Word,
        Collocation,
        Mention,
        Hashtag,
        Emoji,
    }

    private readonly record struct Piece(PieceKind Kind, string Text);

    private readonly record struct QuerySkips(int Words, int Collocations, int Users, int Hashtags)
    {
        public static QuerySkips For(WorkloadSetting setting) => setting switch
        {
            WorkloadSetting.Selective => new QuerySkips(Words: 1_000, Collocations: 50, Users: 1_000, Hashtags: 100),
            _ => new QuerySkips(Words: 100, Collocations: 0, Users: 0, Hashtags: 0),
        };
    }

    private sealed record QuerySources(ZipfDistribution Words, ZipfDistribution Collocations, ZipfDistribution Users, ZipfDistribution Hashtags);
}

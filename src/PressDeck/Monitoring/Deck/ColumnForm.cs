using System.Text;
using System.Text.Json;
using PressDeck.Core.Posts;

namespace PressDeck.Monitoring.Deck;

/// <summary>
/// The plain-words column form a newcomer fills in; <see cref="ToQuery"/> writes the query for them in the language of
/// QUERY-LANGUAGE.md, so "show as query" shows exactly what the column matches.
/// </summary>
public sealed class ColumnForm
{
    /// <summary>Words that must all appear, separated by spaces; a quoted part is an exact phrase.</summary>
    public string Words { get; set; } = "";

    /// <summary>Hashtags, any of which will do (with or without <c>#</c>).</summary>
    public string Hashtags { get; set; } = "";

    /// <summary>Accounts whose posts to show, any of them (with or without <c>@</c>).</summary>
    public string FromAccounts { get; set; } = "";

    /// <summary>Accounts whose mentions and replies to show, any of them.</summary>
    public string Mentioning { get; set; } = "";

    public string? List { get; set; }

    public HashSet<Network> Networks { get; set; } = [];

    public bool OnlyWithImages { get; set; }

    public bool NoReposts { get; set; }

    public bool IsEmpty =>
        string.IsNullOrWhiteSpace(Words) && string.IsNullOrWhiteSpace(Hashtags) && string.IsNullOrWhiteSpace(FromAccounts)
        && string.IsNullOrWhiteSpace(Mentioning) && string.IsNullOrWhiteSpace(List) && Networks.Count == 0 && !OnlyWithImages;

    public string ToQuery()
    {
        var clauses = new List<string>();
        clauses.AddRange(SplitWords(Words));
        AddAny(clauses, Split(Hashtags, '#').Select(tag => "#" + tag));
        AddAny(clauses, Split(FromAccounts, '@').Select(handle => "from:" + handle));
        AddAny(clauses, Split(Mentioning, '@').SelectMany(handle => new[] { "@" + handle, "to:" + handle }));
        if (!string.IsNullOrWhiteSpace(List))
        {
            var name = List.Trim();
            clauses.Add(name.Any(char.IsWhiteSpace) ? $"list:\"{name}\"" : "list:" + name);
        }

        AddAny(clauses, Networks.Order().Select(network => "network:" + network.ToString().ToLowerInvariant()));
        if (OnlyWithImages)
        {
            clauses.Add("has:images");
        }

        if (NoReposts)
        {
            clauses.Add("-is:repost");
        }

        return string.Join(' ', clauses);
    }

    public string ToJson() => JsonSerializer.Serialize(this);

    public static ColumnForm? FromJson(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<ColumnForm>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void AddAny(List<string> clauses, IEnumerable<string> alternatives)
    {
        var list = alternatives.ToList();
        if (list.Count == 1)
        {
            clauses.Add(list[0]);
        }
        else if (list.Count > 1)
        {
            clauses.Add("(" + string.Join(" OR ", list) + ")");
        }
    }

    private static IEnumerable<string> Split(string value, char prefix) =>
        value.Split([' ', ',', ';', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.TrimStart(prefix))
            .Where(part => part.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase);

    /// <summary>Words stay words; a quoted run stays one phrase; a stray quote is dropped rather than breaking the query.</summary>
    private static List<string> SplitWords(string value)
    {
        var result = new List<string>();
        var current = new StringBuilder();
        var inQuote = false;
        foreach (var c in value)
        {
            if (c == '"')
            {
                if (inQuote && current.Length > 0)
                {
                    result.Add("\"" + current.ToString().Trim() + "\"");
                    current.Clear();
                }

                inQuote = !inQuote;
                continue;
            }

            if (!inQuote && char.IsWhiteSpace(c))
            {
                Flush(result, current);
                continue;
            }

            current.Append(c);
        }

        if (inQuote && current.Length > 0)
        {
            result.Add("\"" + current.ToString().Trim() + "\"");
        }
        else
        {
            Flush(result, current);
        }

        return result;
    }

    private static void Flush(List<string> result, StringBuilder current)
    {
        if (current.Length == 0)
        {
            return;
        }

        var word = current.ToString();
        current.Clear();
        // Keep the query language's own syntax out of plain words: "OR", "AND", a leading '-' or an operator-like 'x:'.
        if (word is "OR" or "AND" || word.StartsWith('-') || word.Contains(':', StringComparison.Ordinal) || word.Contains('(', StringComparison.Ordinal) || word.Contains(')', StringComparison.Ordinal))
        {
            result.Add("\"" + word.Replace("\"", "", StringComparison.Ordinal) + "\"");
            return;
        }

        result.Add(word);
    }
}

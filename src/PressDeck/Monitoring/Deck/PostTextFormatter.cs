using System.Text.RegularExpressions;

namespace PressDeck.Monitoring.Deck;

public enum TextSegmentKind
{
    Text,
    Hashtag,
    Mention,
    Link,
}

/// <summary>A run of post text: plain, or an entity rendered as a link (<see cref="Target"/> for web links).</summary>
public sealed record TextSegment(TextSegmentKind Kind, string Text, string? Target = null);

/// <summary>
/// Splits post text into plain runs and entities for display, following the entity rules of QUERY-LANGUAGE.md
/// section 2 (a hashtag or mention starts the text or follows a non-letter, non-digit; links are http(s) only).
/// Text stays text: Blazor encodes every segment, nothing is rendered as markup.
/// </summary>
public static partial class PostTextFormatter
{
    public static IReadOnlyList<TextSegment> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var segments = new List<TextSegment>();
        var position = 0;
        foreach (Match match in EntityPattern().Matches(text))
        {
            if (match.Index > position)
            {
                segments.Add(new TextSegment(TextSegmentKind.Text, text[position..match.Index]));
            }

            var value = match.Value;
            if (match.Groups["link"].Success)
            {
                var trimmed = value.TrimEnd('.', ',', ';', ':', '!', '?', ')', ']', '\'', '"', '’');
                segments.Add(new TextSegment(TextSegmentKind.Link, trimmed, trimmed));
                if (trimmed.Length < value.Length)
                {
                    segments.Add(new TextSegment(TextSegmentKind.Text, value[trimmed.Length..]));
                }
            }
            else if (match.Groups["hashtag"].Success)
            {
                segments.Add(new TextSegment(TextSegmentKind.Hashtag, value));
            }
            else
            {
                var trimmed = value.TrimEnd('.', '-');
                segments.Add(new TextSegment(TextSegmentKind.Mention, trimmed));
                if (trimmed.Length < value.Length)
                {
                    segments.Add(new TextSegment(TextSegmentKind.Text, value[trimmed.Length..]));
                }
            }

            position = match.Index + match.Length;
        }

        if (position < text.Length)
        {
            segments.Add(new TextSegment(TextSegmentKind.Text, text[position..]));
        }

        return segments;
    }

    [GeneratedRegex(
        @"(?<link>https?://[^\s<>""]+)|(?<![\p{L}\p{N}])(?<hashtag>#(?=[\p{L}\p{N}\p{M}_]*[\p{L}\p{M}_])[\p{L}\p{N}\p{M}_]+)|(?<![\p{L}\p{N}])(?<mention>@[\p{L}\p{N}_][\p{L}\p{N}_.\-]*(?:@[\p{L}\p{N}\-]+(?:\.[\p{L}\p{N}\-]+)+)?)",
        RegexOptions.CultureInvariant,
        matchTimeoutMilliseconds: 200)]
    private static partial Regex EntityPattern();
}

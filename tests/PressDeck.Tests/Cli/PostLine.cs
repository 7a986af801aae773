using System.Text.Json;

namespace PressDeck.Tests.Cli;

/// <summary>Builds one line of the batch post format (QUERY-LANGUAGE.md section 6).</summary>
internal static class PostLine
{
    public static string Create(
        string id,
        string text,
        string author = "someone.bsky.social",
        string kind = "post",
        string? lang = null,
        string? replyTo = null,
        string? quoteOf = null,
        string? repostOf = null)
    {
        var post = new Dictionary<string, object?>
        {
            ["id"] = id,
            ["network"] = "bluesky",
            ["author"] = new Dictionary<string, string> { ["handle"] = author, ["name"] = author },
            ["text"] = text,
            ["createdAt"] = "2026-11-25T10:00:00Z",
            ["kind"] = kind,
            ["lang"] = lang,
            ["replyTo"] = replyTo,
            ["quoteOf"] = quoteOf,
            ["repostOf"] = repostOf,
        };
        return JsonSerializer.Serialize(post);
    }
}

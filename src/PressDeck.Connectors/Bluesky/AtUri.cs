using System.Diagnostics.CodeAnalysis;

namespace PressDeck.Connectors.Bluesky;

/// <summary>
/// An AT-URI, <c>at://authority/collection/rkey</c> (protocols.md 1.2 and 1.11): the authority is a DID or a handle.
/// Only record URIs (all three parts) are accepted.
/// </summary>
public sealed record AtUri(string Authority, string Collection, string RecordKey)
{
    public const string PostCollection = "app.bsky.feed.post";

    public const string RepostCollection = "app.bsky.feed.repost";

    public const string ListCollection = "app.bsky.graph.list";

    /// <summary>One account's place on a list: a record of its own, in the list owner's repository.</summary>
    public const string ListItemCollection = "app.bsky.graph.listitem";

    public static AtUri ForPost(string did, string recordKey) => new(did, PostCollection, recordKey);

    public static bool TryParse(string? text, [NotNullWhen(true)] out AtUri? uri)
    {
        uri = null;
        if (text is null || !text.StartsWith("at://", StringComparison.Ordinal) || text.Length > 8 * 1024)
        {
            return false;
        }

        var parts = text[5..].Split('/');
        if (parts.Length != 3 || parts.Any(part => part.Length == 0 || part.Any(character => character <= ' ' || character > '~' || character is '?' or '#')))
        {
            return false;
        }

        if (!(parts[0].StartsWith("did:", StringComparison.Ordinal) || parts[0].Contains('.', StringComparison.Ordinal)) || !parts[1].Contains('.', StringComparison.Ordinal))
        {
            return false;
        }

        if (!IsRecordKey(parts[2]))
        {
            return false;
        }

        uri = new AtUri(parts[0], parts[1], parts[2]);
        return true;
    }

    /// <summary>Record key syntax: 1–512 of <c>A–Z a–z 0–9 . _ : ~ -</c>, and not <c>.</c> or <c>..</c>.</summary>
    public static bool IsRecordKey(string? key) =>
        key is { Length: > 0 and <= 512 }
        && key is not ("." or "..")
        && key.All(character => char.IsAsciiLetterOrDigit(character) || character is '.' or '_' or ':' or '~' or '-');

    /// <summary>Where a post opens on bsky.app (protocols.md 1.11); the DID form is stable across handle changes.</summary>
    public string WebUrl => Collection == PostCollection
        ? $"https://bsky.app/profile/{Authority}/post/{RecordKey}"
        : $"https://bsky.app/profile/{Authority}";

    public override string ToString() => $"at://{Authority}/{Collection}/{RecordKey}";
}

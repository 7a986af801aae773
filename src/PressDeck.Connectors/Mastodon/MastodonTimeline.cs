using System.Text.Json;

namespace PressDeck.Connectors.Mastodon;

/// <summary>What a Mastodon source follows: its stream name, the matching SSE path and WebSocket subscription, and its REST timeline.</summary>
public sealed record MastodonTimeline
{
    private MastodonTimeline(MastodonTimelineKind kind, string? argument, bool localOnly)
    {
        Kind = kind;
        Argument = argument;
        LocalOnly = localOnly;
    }

    public MastodonTimelineKind Kind { get; }

    /// <summary>The hashtag (without <c>#</c>) or the list id.</summary>
    public string? Argument { get; }

    public bool LocalOnly { get; }

    public static MastodonTimeline Public(bool localOnly = false) => new(MastodonTimelineKind.Public, null, localOnly);

    public static MastodonTimeline Hashtag(string tag, bool localOnly = false)
    {
        var name = tag?.Trim().TrimStart('#');
        if (string.IsNullOrEmpty(name) || name.Length > 100 || !name.All(c => char.IsLetterOrDigit(c) || c == '_' || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark))
        {
            throw new ArgumentException($"\"{tag}\" is not a hashtag.", nameof(tag));
        }

        return new(MastodonTimelineKind.Hashtag, name, localOnly);
    }

    public static MastodonTimeline List(string listId) =>
        MastodonId.IsValid(listId) ? new(MastodonTimelineKind.List, listId, false) : throw new ArgumentException($"\"{listId}\" is not a list id.", nameof(listId));

    public static MastodonTimeline User() => new(MastodonTimelineKind.User, null, false);

    /// <summary>The <c>stream</c> value: <c>public</c>, <c>public:local</c>, <c>hashtag</c>, <c>hashtag:local</c>, <c>list</c> or <c>user</c>.</summary>
    public string StreamName => Kind switch
    {
        MastodonTimelineKind.Public => LocalOnly ? "public:local" : "public",
        MastodonTimelineKind.Hashtag => LocalOnly ? "hashtag:local" : "hashtag",
        MastodonTimelineKind.List => "list",
        _ => "user",
    };

    /// <summary>The server-sent events path and query (the path form of protocols.md 2.8).</summary>
    public string ServerSentEventsPath => Kind switch
    {
        MastodonTimelineKind.Public => LocalOnly ? "/api/v1/streaming/public/local" : "/api/v1/streaming/public",
        MastodonTimelineKind.Hashtag => (LocalOnly ? "/api/v1/streaming/hashtag/local?tag=" : "/api/v1/streaming/hashtag?tag=") + Uri.EscapeDataString(Argument!),
        MastodonTimelineKind.List => "/api/v1/streaming/list?list=" + Uri.EscapeDataString(Argument!),
        _ => "/api/v1/streaming/user",
    };

    /// <summary>The WebSocket <c>subscribe</c> message for this stream.</summary>
    public string SubscribeMessage()
    {
        var message = new Dictionary<string, string> { ["type"] = "subscribe", ["stream"] = StreamName };
        if (Kind == MastodonTimelineKind.Hashtag)
        {
            message["tag"] = Argument!;
        }
        else if (Kind == MastodonTimelineKind.List)
        {
            message["list"] = Argument!;
        }

        return JsonSerializer.Serialize(message);
    }

    /// <summary>The REST timeline with the same posts (protocols.md 2.5): public, tag, list, or home for the user stream.</summary>
    public string RestPath => Kind switch
    {
        MastodonTimelineKind.Public => LocalOnly ? "/api/v1/timelines/public?local=true" : "/api/v1/timelines/public",
        MastodonTimelineKind.Hashtag => "/api/v1/timelines/tag/" + Uri.EscapeDataString(Argument!) + (LocalOnly ? "?local=true" : ""),
        MastodonTimelineKind.List => "/api/v1/timelines/list/" + Uri.EscapeDataString(Argument!),
        _ => "/api/v1/timelines/home",
    };

    public override string ToString() => Argument is null ? StreamName : $"{StreamName} {Argument}";
}

using System.Text.Json.Nodes;
using PressDeck.Testing;

namespace PressDeck.Connectors.Tests.Mastodon;

/// <summary>The recorded Mastodon payloads, picked out of the fixture files' request/response exchanges.</summary>
internal static class MastodonFixtures
{
    /// <summary>The response body of exchange <paramref name="index"/> in <c>mastodon/<paramref name="file"/></c>, as JSON text.</summary>
    public static string Body(string file, int index) =>
        JsonNode.Parse(File.ReadAllText(SharedFixtures.PathOf("mastodon/" + file)))!.AsArray()[index]!["response"]!["body"]!.ToJsonString();

    public static JsonObject BodyObject(string file, int index) => JsonNode.Parse(Body(file, index))!.AsObject();

    /// <summary>The status data lines of the recorded server-sent events sample.</summary>
    public static IEnumerable<string> ServerSentStatuses() =>
        File.ReadAllLines(SharedFixtures.PathOf("mastodon/streaming_sse_sample.txt"))
            .Where(line => line.StartsWith("data: {\"id\"", StringComparison.Ordinal) && line.Contains("\"account\"", StringComparison.Ordinal) && !line.Contains("\"type\":", StringComparison.Ordinal))
            .Select(line => line["data: ".Length..]);
}

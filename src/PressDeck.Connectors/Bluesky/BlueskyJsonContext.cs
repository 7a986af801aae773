using System.Text.Json.Serialization;

namespace PressDeck.Connectors.Bluesky;

/// <summary>Source-generated JSON for the requests PressDeck sends to Bluesky (camelCase, as XRPC expects).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(BlueskySessionClient.SessionRequest))]
internal sealed partial class BlueskyJsonContext : JsonSerializerContext;

using System.Text.Json.Serialization;
using PressDeck.Core.Posts;

namespace PressDeck.Data.Archive;

/// <summary>How the archive stores a whole canonical post (<see cref="ArchivedPost.PostJson"/>).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    IgnoreReadOnlyProperties = true)]
[JsonSerializable(typeof(Post))]
public sealed partial class ArchiveJsonContext : JsonSerializerContext;

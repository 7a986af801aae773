using System.Collections.Frozen;
using System.Text.Json;
using PressDeck.Core.Lists;

namespace PressDeck.Cli;

/// <summary>
/// The lists of the batch tool's <c>--lists</c> file (QUERY-LANGUAGE.md section 6): one JSON object whose properties
/// are list names and whose values are arrays of handles. Names and handles compare case-insensitively, as in
/// <see cref="Monitoring.Lists.ListDirectory"/>; a handle may be written with a leading <c>@</c>. Immutable, so thread-safe.
/// </summary>
internal sealed class ListFile : IListDirectory
{
    private readonly FrozenDictionary<string, FrozenSet<string>> _lists;

    private ListFile(FrozenDictionary<string, FrozenSet<string>> lists) => _lists = lists;

    /// <summary>No lists at all: every <c>list:</c> in a query is an unknown list.</summary>
    public static ListFile Empty { get; } = new(FrozenDictionary<string, FrozenSet<string>>.Empty);

    public IReadOnlyCollection<string> Names => _lists.Keys;

    public bool Exists(string listName) => _lists.ContainsKey(Monitoring.Lists.ListDirectory.Key(listName));

    public bool Contains(string listName, string handle) =>
        _lists.TryGetValue(Monitoring.Lists.ListDirectory.Key(listName), out var members) && members.Contains(NormaliseHandle(handle));

    /// <summary>Reads the file; a file that is not such an object is refused with <paramref name="error"/> saying why.</summary>
    public static async Task<(ListFile? Lists, string? Error)> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(stream, new JsonDocumentOptions { MaxDepth = 4 }, cancellationToken);
        }
        catch (JsonException exception)
        {
            return (null, $"not valid JSON: {exception.Message}");
        }

        using (document)
        {
            return Read(document.RootElement);
        }
    }

    private static (ListFile? Lists, string? Error) Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, "expected a JSON object of the form {\"list name\": [\"handle\", ...]}");
        }

        var lists = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            var name = Monitoring.Lists.ListDirectory.Key(property.Name);
            if (name.Length == 0)
            {
                return (null, "a list has an empty name");
            }

            if (property.Value.ValueKind != JsonValueKind.Array)
            {
                return (null, $"list '{property.Name}' must be an array of handles");
            }

            // Names that differ only in case are one list, as they are in PressDeck itself.
            if (!lists.TryGetValue(name, out var members))
            {
                members = new HashSet<string>(StringComparer.Ordinal);
                lists.Add(name, members);
            }

            foreach (var item in property.Value.EnumerateArray())
            {
                var handle = item.ValueKind == JsonValueKind.String ? NormaliseHandle(item.GetString() ?? "") : "";
                if (handle.Length == 0)
                {
                    return (null, $"list '{property.Name}' must hold only non-empty handles (strings)");
                }

                members.Add(handle);
            }
        }

        return (new ListFile(lists.ToFrozenDictionary(l => l.Key, l => l.Value.ToFrozenSet(StringComparer.Ordinal), StringComparer.Ordinal)), null);
    }

    // The same form PostAnalyzer gives an author's handle, so membership compares like with like.
    private static string NormaliseHandle(string handle) => handle.AsSpan().Trim().TrimStart('@').ToString().ToLowerInvariant();
}

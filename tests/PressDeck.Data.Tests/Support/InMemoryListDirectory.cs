using PressDeck.Core.Lists;

namespace PressDeck.Data.Tests.Support;

/// <summary>A list directory held in memory, with case-insensitive names and handles like the real one.</summary>
internal sealed class InMemoryListDirectory(IReadOnlyDictionary<string, string[]> lists) : IListDirectory
{
    public static readonly InMemoryListDirectory Empty = new(new Dictionary<string, string[]>());

    public bool Exists(string listName) => lists.Keys.Any(name => string.Equals(name, listName, StringComparison.OrdinalIgnoreCase));

    public bool Contains(string listName, string handle) =>
        lists.Any(list => string.Equals(list.Key, listName, StringComparison.OrdinalIgnoreCase)
            && list.Value.Any(member => string.Equals(member, handle, StringComparison.OrdinalIgnoreCase)));
}

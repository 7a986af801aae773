using PressDeck.Core.Lists;

namespace PressDeck.Bench.Matcher;

/// <summary>The workload uses no <c>list:</c> clauses, so no list exists.</summary>
public sealed class EmptyListDirectory : IListDirectory
{
    public static readonly EmptyListDirectory Instance = new();

    public bool Exists(string listName) => false;

    public bool Contains(string listName, string handle) => false;
}

namespace PressDeck.Core.Lists;

/// <summary>
/// The named lists of accounts that <c>list:name</c> refers to. List names compare case-insensitively;
/// membership is by handle (case-insensitive), since a person may have handles on several networks.
/// Implementations are thread-safe.
/// </summary>
public interface IListDirectory
{
    bool Exists(string listName);

    bool Contains(string listName, string handle);
}

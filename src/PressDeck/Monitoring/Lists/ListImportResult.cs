namespace PressDeck.Monitoring.Lists;

/// <summary>What an import or refresh did, or why it could not (<see cref="Problem"/>).</summary>
/// <param name="ListId">The PressDeck list the members went to.</param>
/// <param name="Added">Members newly put on the list.</param>
/// <param name="AlreadyOn">Members who were already on it.</param>
/// <param name="ContactsCreated">Contacts created for members who had none (when asked for).</param>
/// <param name="LinkedToContacts">Members who are in the contacts directory (found or created).</param>
/// <param name="NoLongerOnNetworkList">Handles on the PressDeck list for this network that the network's list no longer has (a refresh reports them and leaves them).</param>
public sealed record ListImportResult(
    int ListId,
    int Added,
    int AlreadyOn,
    int ContactsCreated,
    int LinkedToContacts,
    IReadOnlyList<string> NoLongerOnNetworkList,
    string? Problem = null)
{
    public static ListImportResult Failed(string problem) => new(0, 0, 0, 0, 0, [], problem);

    public string Summary =>
        Problem ?? string.Join(" ", new[]
        {
            $"{Added} added, {AlreadyOn} already on the list.",
            LinkedToContacts > 0 ? $"{LinkedToContacts} are in Contacts{(ContactsCreated > 0 ? $" ({ContactsCreated} added there now)" : "")}." : null,
            NoLongerOnNetworkList.Count > 0 ? $"{NoLongerOnNetworkList.Count} on this list are no longer on the network's list: {string.Join(", ", NoLongerOnNetworkList.Take(10).Select(h => "@" + h))}{(NoLongerOnNetworkList.Count > 10 ? "…" : "")}." : null,
        }.OfType<string>());
}

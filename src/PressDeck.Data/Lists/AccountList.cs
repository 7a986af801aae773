namespace PressDeck.Data.Lists;

/// <summary>A named list of accounts (e.g. "journalists", "lobby"), usable as <c>list:name</c> in queries.</summary>
public sealed class AccountList
{
    public int Id { get; set; }

    /// <summary>Unique, compared case-insensitively (stored as typed; <see cref="NormalizedName"/> is the key).</summary>
    public string Name { get; set; } = "";

    public string NormalizedName { get; set; } = "";

    public string Description { get; set; } = "";

    /// <summary>
    /// The office flags this list (e.g. party-political accounts): reposting or quoting one of its members from an office
    /// account shows a propriety warning first.
    /// </summary>
    public bool IsFlagged { get; set; }

    public List<ListMember> Members { get; set; } = [];
}

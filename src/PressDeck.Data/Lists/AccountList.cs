using PressDeck.Core.Posts;

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

    /// <summary>The network the list was imported from, when it was imported; refreshing it reads the same list again.</summary>
    public Network? SourceNetwork { get; set; }

    /// <summary>The imported list's id on <see cref="SourceNetwork"/> (an AT-URI on Bluesky).</summary>
    public string? SourceListId { get; set; }

    /// <summary>The imported list's name and owner on its network, as shown ("Lobby journalists by @priya").</summary>
    public string? SourceDescription { get; set; }

    public string? SourceUrl { get; set; }

    /// <summary>The connected account the list was read with; null for the demo network or a public read.</summary>
    public int? SourceAccountId { get; set; }

    /// <summary>When the list was last read from its network.</summary>
    public DateTime? ImportedAt { get; set; }

    public List<ListMember> Members { get; set; } = [];

    /// <summary>The networks the office chose to push this list to (opt-in, one per network).</summary>
    public List<ListPush> Pushes { get; set; } = [];
}

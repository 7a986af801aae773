using PressDeck.Core.Posts;

namespace PressDeck.Data.Lists;

/// <summary>One account on a list. A person with handles on several networks has one row per handle, sharing <see cref="PersonName"/>.</summary>
public sealed class ListMember
{
    public int Id { get; set; }

    public int ListId { get; set; }

    public AccountList? List { get; set; }

    public Network Network { get; set; }

    /// <summary>Lower-case handle.</summary>
    public string Handle { get; set; } = "";

    public string PersonName { get; set; } = "";

    public string? Note { get; set; }
}

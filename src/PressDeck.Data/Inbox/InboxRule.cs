namespace PressDeck.Data.Inbox;

/// <summary>
/// A routing rule: new items whose post matches <see cref="Query"/> (the query language) go to a desk or an officer,
/// and may be given a topic. Rules are tried in <see cref="Position"/> order; the first that matches routes the item.
/// </summary>
public sealed class InboxRule
{
    public int Id { get; set; }

    public int Position { get; set; }

    public string Name { get; set; } = "";

    public string Query { get; set; } = "";

    public int? DeskId { get; set; }

    public string? AssignUserId { get; set; }

    public string? Topic { get; set; }
}

namespace PressDeck.Data.Publishing;

/// <summary>A named set of the office's accounts ("all core accounts") that a post can be sent to in one choice.</summary>
public sealed class AccountGroup
{
    public int Id { get; set; }

    public string Name { get; set; } = "";

    public List<AccountGroupMember> Members { get; set; } = [];
}

namespace PressDeck.Data.Team;

/// <summary>A named group of approvers (e.g. "Head of news", "Senior press officers") that an approval step can name.</summary>
public sealed class ApproverGroup
{
    public int Id { get; set; }

    public string Name { get; set; } = "";

    public List<ApproverGroupMember> Members { get; set; } = [];
}

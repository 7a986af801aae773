namespace PressDeck.Data.Team;

public sealed class ApproverGroupMember
{
    public int GroupId { get; set; }

    public ApproverGroup? Group { get; set; }

    public string UserId { get; set; } = "";
}

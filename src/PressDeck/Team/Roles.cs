namespace PressDeck.Team;

/// <summary>The roles of a press office (the full set and their permissions arrive with the team issue).</summary>
public static class Roles
{
    public const string Admin = "admin";
}

using System.ComponentModel.DataAnnotations;

namespace PressDeck.Team;

/// <summary>Settings under <c>Team</c>.</summary>
public sealed class TeamOptions
{
    public const string Section = "Team";

    /// <summary>How long an invitation link works.</summary>
    [Range(1, 90)]
    public int InvitationDays { get; set; } = 7;
}

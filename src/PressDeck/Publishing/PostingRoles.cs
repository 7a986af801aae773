using PressDeck.Team;

namespace PressDeck.Publishing;

/// <summary>Reads a connected account's posting roles (<c>admin,approver,officer</c>): admins always may; trainees never (they have the sandbox).</summary>
public static class PostingRoles
{
    public static bool Allows(string postingRoles, string role)
    {
        ArgumentNullException.ThrowIfNull(postingRoles);
        if (role == Roles.Trainee)
        {
            return false;
        }

        return role == Roles.Admin || postingRoles.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Contains(role, StringComparer.Ordinal);
    }
}

using System.Net.Mail;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PressDeck.Audit;
using PressDeck.Data;
using PressDeck.Data.Identity;
using PressDeck.Data.Team;
using PressDeck.Email;

namespace PressDeck.Team;

/// <summary>
/// Invitations by link: an admin invites someone with a role (and a desk); the link goes by email and works once, until
/// it expires. Only a hash of the link's token is stored.
/// </summary>
public sealed class InvitationService(
    AppDbContext db,
    PermissionGate gate,
    UserManager<AppUser> userManager,
    RoleManager<IdentityRole> roleManager,
    EmailSender email,
    IOptions<EmailOptions> emailOptions,
    IOptions<TeamOptions> teamOptions,
    AuditLog auditLog,
    TimeProvider timeProvider)
{
    public async Task<IReadOnlyList<InvitationView>> PendingAsync(CancellationToken cancellationToken)
    {
        await gate.DemandAsync(Permissions.ManageTeam, "invitations");
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var rows = await db.Invitations.AsNoTracking()
            .Where(i => i.AcceptedAt == null && i.RevokedAt == null)
            .OrderByDescending(i => i.CreatedAt)
            .ToListAsync(cancellationToken);
        return rows.Select(i => new InvitationView(i.Id, i.Email, i.DisplayName, i.Role, i.ExpiresAt, i.ExpiresAt <= now, i.InvitedByName, i.LastSendError)).ToList();
    }

    /// <summary>
    /// Invites someone; a pending invitation to the same address is replaced. The link is in the result so the admin can
    /// pass it on themselves when email is not set up or could not be sent.
    /// </summary>
    public async Task<InvitationResult> InviteAsync(InvitationForm form, string siteBaseUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var admin = await gate.DemandAsync(Permissions.ManageTeam, "invite " + form.Email);
        var address = form.Email.Trim();
        var name = form.DisplayName.Trim();
        if (name.Length == 0)
        {
            return InvitationResult.Refused("Enter the person's name.");
        }

        if (!MailAddress.TryCreate(address, out var parsed) || !string.Equals(parsed.Address, address, StringComparison.OrdinalIgnoreCase) || !address.Contains('.', StringComparison.Ordinal))
        {
            return InvitationResult.Refused("Enter an email address like name@example.gov.uk.");
        }

        if (!Roles.IsRole(form.Role))
        {
            return InvitationResult.Refused("Choose a role.");
        }

        if (await userManager.FindByEmailAsync(address) is { } existing)
        {
            return InvitationResult.Refused(existing.IsActive
                ? $"{address} already has a PressDeck account."
                : $"{address} has a deactivated account: reactivate it in the list of people instead.");
        }

        if (form.DeskId is { } deskId && !await db.Desks.AnyAsync(d => d.Id == deskId, cancellationToken))
        {
            return InvitationResult.Refused("That desk no longer exists.");
        }

        var now = timeProvider.GetUtcNow().UtcDateTime;
        foreach (var earlier in await db.Invitations.Where(i => i.Email == address && i.AcceptedAt == null && i.RevokedAt == null).ToListAsync(cancellationToken))
        {
            earlier.RevokedAt = now;
        }

        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var invitation = new Invitation
        {
            Email = address,
            DisplayName = name,
            Role = form.Role,
            DeskId = form.DeskId,
            TokenHash = HashOf(token),
            CreatedAt = now,
            ExpiresAt = now.AddDays(teamOptions.Value.InvitationDays),
            InvitedByUserId = admin.Id,
            InvitedByName = admin.Name,
        };
        db.Invitations.Add(invitation);
        await db.SaveChangesAsync(cancellationToken);

        var link = LinkFor(token, siteBaseUrl);
        invitation.LastSendError = await email.SendAsync(new EmailMessage(address, name, $"{admin.Name} invited you to PressDeck", $"""
            Hello {name},

            {admin.Name} has invited you to the press office's PressDeck as {Roles.Title(form.Role)}.

            Choose your password here to join (the link works once, until {invitation.ExpiresAt:d MMMM yyyy HH:mm} UTC):
            {link}

            If you were not expecting this, you can ignore this email.
            """), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await auditLog.WriteAsync(admin.Actor, AuditActions.PersonInvited, $"{name} <{address}>",
            $"role {form.Role}" + (invitation.LastSendError is null ? "; email sent" : "; email not sent: " + invitation.LastSendError));
        return new InvitationResult(null, link, invitation.LastSendError);
    }

    public async Task<bool> RevokeAsync(int invitationId, CancellationToken cancellationToken)
    {
        var admin = await gate.DemandAsync(Permissions.ManageTeam, $"invitation {invitationId}");
        var invitation = await db.Invitations.FirstOrDefaultAsync(i => i.Id == invitationId && i.AcceptedAt == null && i.RevokedAt == null, cancellationToken);
        if (invitation is null)
        {
            return false;
        }

        invitation.RevokedAt = timeProvider.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        await auditLog.WriteAsync(admin.Actor, AuditActions.InvitationRevoked, $"{invitation.DisplayName} <{invitation.Email}>");
        return true;
    }

    /// <summary>The pending invitation behind a link, or why the link does not work.</summary>
    public async Task<(Invitation? Invitation, string? Problem)> FindAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length != 64)
        {
            return (null, "This invitation link is not complete. Open the link from the email again, or ask for a new invitation.");
        }

        var hash = HashOf(token);
        var invitation = await db.Invitations.FirstOrDefaultAsync(i => i.TokenHash == hash, cancellationToken);
        if (invitation is null)
        {
            return (null, "This invitation link is not valid. Ask your digital communications lead for a new invitation.");
        }

        if (invitation.AcceptedAt is not null)
        {
            return (null, "This invitation has already been used. Sign in with the password you chose.");
        }

        if (invitation.RevokedAt is not null)
        {
            return (null, "This invitation was withdrawn or replaced by a newer one. Use the link in the latest email.");
        }

        return invitation.ExpiresAt <= timeProvider.GetUtcNow().UtcDateTime
            ? (null, $"This invitation expired on {invitation.ExpiresAt:d MMMM yyyy}. Ask {invitation.InvitedByName} for a new one.")
            : (invitation, null);
    }

    /// <summary>Creates the person the invitation names with the chosen password; returns them, or the problems in words.</summary>
    public async Task<(AppUser? Person, IReadOnlyList<string> Problems)> AcceptAsync(string token, string password, AuditActor origin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(origin);
        var (invitation, problem) = await FindAsync(token, cancellationToken);
        if (invitation is null)
        {
            return (null, [problem!]);
        }

        await Roles.EnsureCreatedAsync(roleManager);

        var person = new AppUser
        {
            UserName = invitation.Email,
            Email = invitation.Email,
            EmailConfirmed = true,
            DisplayName = invitation.DisplayName,
            Initials = PersonInitials.Of(invitation.DisplayName),
            DeskId = invitation.DeskId,
            CreatedAt = timeProvider.GetUtcNow().UtcDateTime,
            LastSignInAt = timeProvider.GetUtcNow().UtcDateTime,
        };
        var created = await userManager.CreateAsync(person, password);
        if (!created.Succeeded)
        {
            return (null, created.Errors.Select(e => e.Description).ToList());
        }

        await userManager.AddToRoleAsync(person, invitation.Role);
        invitation.AcceptedAt = timeProvider.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        await auditLog.WriteAsync(origin with { Id = person.Id, Name = AuditActor.Describe(person) }, AuditActions.InvitationAccepted,
            AuditActor.Describe(person), $"role {invitation.Role}; invited by {invitation.InvitedByName}");
        return (person, []);
    }

    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private string LinkFor(string token, string siteBaseUrl)
    {
        var configured = emailOptions.Value.PublicUrl;
        var root = string.IsNullOrWhiteSpace(configured) ? siteBaseUrl : configured;
        return root.TrimEnd('/') + "/account/invitation?token=" + token;
    }
}

public sealed class InvitationForm
{
    public string Email { get; set; } = "";

    public string DisplayName { get; set; } = "";

    public string Role { get; set; } = PressDeck.Team.Roles.Officer;

    public int? DeskId { get; set; }
}

/// <summary>The outcome of an invitation: refused (with why), or made, with its link and whether the email went.</summary>
public sealed record InvitationResult(string? Error, string? Link, string? EmailError)
{
    public static InvitationResult Refused(string error) => new(error, null, null);
}

public sealed record InvitationView(int Id, string Email, string DisplayName, string Role, DateTime ExpiresAt, bool Expired, string InvitedBy, string? EmailError);

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PressDeck.Data.Identity;

namespace PressDeck.Data.Team;

internal sealed class DeskConfiguration : IEntityTypeConfiguration<Desk>
{
    public void Configure(EntityTypeBuilder<Desk> builder)
    {
        builder.ToTable("Desks");
        builder.Property(d => d.Name).HasMaxLength(100);
        builder.Property(d => d.Description).HasMaxLength(500);
        builder.Property(d => d.LeadUserId).HasMaxLength(450);
        builder.HasIndex(d => d.Name).IsUnique();
    }
}

internal sealed class ApproverGroupConfiguration : IEntityTypeConfiguration<ApproverGroup>
{
    public void Configure(EntityTypeBuilder<ApproverGroup> builder)
    {
        builder.ToTable("ApproverGroups");
        builder.Property(g => g.Name).HasMaxLength(100);
        builder.HasIndex(g => g.Name).IsUnique();
        builder.HasMany(g => g.Members).WithOne(m => m.Group).HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ApproverGroupMemberConfiguration : IEntityTypeConfiguration<ApproverGroupMember>
{
    public void Configure(EntityTypeBuilder<ApproverGroupMember> builder)
    {
        builder.ToTable("ApproverGroupMembers");
        builder.HasKey(m => new { m.GroupId, m.UserId });
        builder.Property(m => m.UserId).HasMaxLength(450);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> builder)
    {
        builder.ToTable("Invitations");
        builder.Property(i => i.Email).HasMaxLength(256);
        builder.Property(i => i.DisplayName).HasMaxLength(100);
        builder.Property(i => i.Role).HasMaxLength(20);
        builder.Property(i => i.TokenHash).HasMaxLength(64);
        builder.Property(i => i.InvitedByUserId).HasMaxLength(450);
        builder.Property(i => i.InvitedByName).HasMaxLength(256);
        builder.Property(i => i.LastSendError).HasMaxLength(1000);
        builder.HasIndex(i => i.TokenHash).IsUnique();
        builder.HasIndex(i => i.Email);
    }
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> builder)
    {
        builder.Property(u => u.Initials).HasMaxLength(8);
        builder.Property(u => u.DeputyUserId).HasMaxLength(450);
        builder.HasOne<Desk>().WithMany().HasForeignKey(u => u.DeskId).OnDelete(DeleteBehavior.SetNull);
    }
}

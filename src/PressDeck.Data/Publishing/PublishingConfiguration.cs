using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PressDeck.Data.Accounts;
using PressDeck.Data.Team;

namespace PressDeck.Data.Publishing;

internal sealed class PostDraftConfiguration : IEntityTypeConfiguration<PostDraft>
{
    public void Configure(EntityTypeBuilder<PostDraft> builder)
    {
        builder.ToTable("PostDrafts");
        builder.Property(d => d.AuthorUserId).HasMaxLength(450);
        builder.Property(d => d.AuthorName).HasMaxLength(256);
        builder.Property(d => d.Text).HasMaxLength(20_000);
        builder.Property(d => d.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.ReferenceNetwork).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.ReferenceRemoteId).HasMaxLength(500);
        builder.Property(d => d.ReferenceHandle).HasMaxLength(300);
        builder.Property(d => d.Language).HasMaxLength(35);
        builder.HasIndex(d => new { d.State, d.ScheduledFor });
        builder.HasIndex(d => d.AuthorUserId);
        builder.HasOne<PostDraft>().WithMany().HasForeignKey(d => d.ThreadParentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(d => d.Targets).WithOne(t => t.Draft).HasForeignKey(t => t.DraftId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(d => d.Images).WithOne().HasForeignKey(i => i.DraftId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(d => d.Reviews).WithOne().HasForeignKey(r => r.DraftId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DraftTargetConfiguration : IEntityTypeConfiguration<DraftTarget>
{
    public void Configure(EntityTypeBuilder<DraftTarget> builder)
    {
        builder.ToTable("DraftTargets");
        builder.Property(t => t.Network).HasConversion<string>().HasMaxLength(20);
        builder.Property(t => t.AccountHandle).HasMaxLength(300);
        builder.Property(t => t.RequestKey).HasMaxLength(64);
        builder.Property(t => t.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(t => t.ClaimedBy).HasMaxLength(100);
        builder.Property(t => t.LastError).HasMaxLength(2000);
        builder.Property(t => t.RemoteId).HasMaxLength(500);
        builder.Property(t => t.Url).HasMaxLength(1000);
        builder.Property(t => t.DeletedBy).HasMaxLength(256);
        builder.HasIndex(t => t.RequestKey).IsUnique();
        builder.HasIndex(t => new { t.State, t.DueAt });
        builder.HasOne<ConnectedAccount>().WithMany().HasForeignKey(t => t.ConnectedAccountId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class DraftImageConfiguration : IEntityTypeConfiguration<DraftImage>
{
    public void Configure(EntityTypeBuilder<DraftImage> builder)
    {
        builder.ToTable("DraftImages");
        builder.Property(i => i.MediaType).HasMaxLength(50);
        builder.Property(i => i.AltText).HasMaxLength(2000);
        builder.Property(i => i.FileName).HasMaxLength(260);
    }
}

internal sealed class DraftReviewConfiguration : IEntityTypeConfiguration<DraftReview>
{
    public void Configure(EntityTypeBuilder<DraftReview> builder)
    {
        builder.ToTable("DraftReviews");
        builder.Property(r => r.UserId).HasMaxLength(450);
        builder.Property(r => r.UserName).HasMaxLength(256);
        builder.Property(r => r.Decision).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Comment).HasMaxLength(4000);
    }
}

internal sealed class ApprovalPolicyConfiguration : IEntityTypeConfiguration<ApprovalPolicy>
{
    public void Configure(EntityTypeBuilder<ApprovalPolicy> builder)
    {
        builder.ToTable("ApprovalPolicies");
        builder.HasIndex(p => p.ConnectedAccountId).IsUnique();
        builder.HasOne<ConnectedAccount>().WithMany().HasForeignKey(p => p.ConnectedAccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Steps).WithOne().HasForeignKey(s => s.PolicyId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ApprovalStepConfiguration : IEntityTypeConfiguration<ApprovalStep>
{
    public void Configure(EntityTypeBuilder<ApprovalStep> builder)
    {
        builder.ToTable("ApprovalSteps");
        builder.HasOne<ApproverGroup>().WithMany().HasForeignKey(s => s.ApproverGroupId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class ElectionPeriodConfiguration : IEntityTypeConfiguration<ElectionPeriod>
{
    public void Configure(EntityTypeBuilder<ElectionPeriod> builder)
    {
        builder.ToTable("ElectionPeriods");
        builder.Property(p => p.Name).HasMaxLength(200);
    }
}

internal sealed class AccountGroupConfiguration : IEntityTypeConfiguration<AccountGroup>
{
    public void Configure(EntityTypeBuilder<AccountGroup> builder)
    {
        builder.ToTable("AccountGroups");
        builder.Property(g => g.Name).HasMaxLength(100);
        builder.HasIndex(g => g.Name).IsUnique();
        builder.HasMany(g => g.Members).WithOne().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AccountGroupMemberConfiguration : IEntityTypeConfiguration<AccountGroupMember>
{
    public void Configure(EntityTypeBuilder<AccountGroupMember> builder)
    {
        builder.ToTable("AccountGroupMembers");
        builder.HasOne<ConnectedAccount>().WithMany().HasForeignKey(m => m.ConnectedAccountId).OnDelete(DeleteBehavior.Cascade);
    }
}

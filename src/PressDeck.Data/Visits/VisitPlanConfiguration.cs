using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PressDeck.Data.Accounts;
using PressDeck.Data.Publishing;

namespace PressDeck.Data.Visits;

internal sealed class VisitPlanConfiguration : IEntityTypeConfiguration<VisitPlan>
{
    public void Configure(EntityTypeBuilder<VisitPlan> builder)
    {
        builder.ToTable("VisitPlans");
        builder.Property(p => p.Title).HasMaxLength(200);
        builder.Property(p => p.Hashtag).HasMaxLength(100);
        builder.Property(p => p.Place).HasMaxLength(200);
        builder.Property(p => p.Notes).HasMaxLength(4000);
        builder.Property(p => p.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.CreatedByUserId).HasMaxLength(450);
        builder.Property(p => p.CreatedByName).HasMaxLength(256);
        builder.Property(p => p.ApprovedByUserId).HasMaxLength(450);
        builder.Property(p => p.ApprovedByName).HasMaxLength(256);
        builder.Property(p => p.SentBackComment).HasMaxLength(2000);
        builder.HasIndex(p => p.StartsAt);
        builder.HasMany(p => p.Accounts).WithOne().HasForeignKey(a => a.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Items).WithOne().HasForeignKey(i => i.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Quotes).WithOne().HasForeignKey(q => q.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Contacts).WithOne().HasForeignKey(c => c.PlanId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class VisitPlanAccountConfiguration : IEntityTypeConfiguration<VisitPlanAccount>
{
    public void Configure(EntityTypeBuilder<VisitPlanAccount> builder)
    {
        builder.ToTable("VisitPlanAccounts");
        builder.Property(a => a.Network).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Handle).HasMaxLength(300);
        builder.HasOne<ConnectedAccount>().WithMany().HasForeignKey(a => a.ConnectedAccountId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class VisitPlanItemConfiguration : IEntityTypeConfiguration<VisitPlanItem>
{
    public void Configure(EntityTypeBuilder<VisitPlanItem> builder)
    {
        builder.ToTable("VisitPlanItems");
        builder.Property(i => i.Moment).HasMaxLength(200);
        builder.Property(i => i.Text).HasMaxLength(20_000);
        builder.Property(i => i.ApprovedText).HasMaxLength(20_000);
        builder.Property(i => i.PhotoNote).HasMaxLength(500);
        builder.Property(i => i.FiredByName).HasMaxLength(256);
        builder.HasIndex(i => i.DraftId);
        builder.HasOne<PostDraft>().WithMany().HasForeignKey(i => i.DraftId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class VisitPlanQuoteConfiguration : IEntityTypeConfiguration<VisitPlanQuote>
{
    public void Configure(EntityTypeBuilder<VisitPlanQuote> builder)
    {
        builder.ToTable("VisitPlanQuotes");
        builder.Property(q => q.Speaker).HasMaxLength(200);
        builder.Property(q => q.Text).HasMaxLength(4000);
    }
}

internal sealed class VisitPlanContactConfiguration : IEntityTypeConfiguration<VisitPlanContact>
{
    public void Configure(EntityTypeBuilder<VisitPlanContact> builder)
    {
        builder.ToTable("VisitPlanContacts");
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.Outlet).HasMaxLength(200);
        builder.Property(c => c.Handle).HasMaxLength(300);
        builder.Property(c => c.Notes).HasMaxLength(2000);
        builder.Property(c => c.BriefedByName).HasMaxLength(256);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PressDeck.Data.Inbox;

internal sealed class InboxItemConfiguration : IEntityTypeConfiguration<InboxItem>
{
    public void Configure(EntityTypeBuilder<InboxItem> builder)
    {
        builder.ToTable("InboxItems");
        builder.Property(i => i.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.Network).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.RemoteId).HasMaxLength(512);
        builder.Property(i => i.OfficeHandle).HasMaxLength(300);
        builder.Property(i => i.FromHandle).HasMaxLength(300);
        builder.Property(i => i.FromName).HasMaxLength(300);
        builder.Property(i => i.Text).HasMaxLength(20_000);
        builder.Property(i => i.Url).HasMaxLength(2048);
        builder.Property(i => i.AssignedUserId).HasMaxLength(450);
        builder.Property(i => i.AssignedName).HasMaxLength(256);
        builder.Property(i => i.RoutedBy).HasMaxLength(100);
        builder.Property(i => i.ListNames).HasMaxLength(1000);
        builder.Property(i => i.Outlet).HasMaxLength(200);
        builder.Property(i => i.Topic).HasMaxLength(200);
        builder.Property(i => i.AnsweredByName).HasMaxLength(256);
        builder.Property(i => i.AnswerUrl).HasMaxLength(2048);
        builder.Ignore(i => i.IsOpen);
        builder.HasIndex(i => new { i.Network, i.RemoteId }).IsUnique();
        builder.HasIndex(i => new { i.Status, i.ArrivedAt });
        builder.HasIndex(i => i.AssignedUserId);
        builder.HasMany(i => i.Log).WithOne(l => l.Item).HasForeignKey(l => l.ItemId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class InboxLogEntryConfiguration : IEntityTypeConfiguration<InboxLogEntry>
{
    public void Configure(EntityTypeBuilder<InboxLogEntry> builder)
    {
        builder.ToTable("InboxLog");
        builder.Property(l => l.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(l => l.Text).HasMaxLength(4000);
        builder.Property(l => l.ByUserId).HasMaxLength(450);
        builder.Property(l => l.ByName).HasMaxLength(256);
        builder.HasIndex(l => new { l.ItemId, l.At });
    }
}

internal sealed class InboxRuleConfiguration : IEntityTypeConfiguration<InboxRule>
{
    public void Configure(EntityTypeBuilder<InboxRule> builder)
    {
        builder.ToTable("InboxRules");
        builder.Property(r => r.Name).HasMaxLength(100);
        builder.Property(r => r.Query).HasMaxLength(2000);
        builder.Property(r => r.AssignUserId).HasMaxLength(450);
        builder.Property(r => r.Topic).HasMaxLength(200);
    }
}

internal sealed class InboxSettingsConfiguration : IEntityTypeConfiguration<InboxSettings>
{
    public void Configure(EntityTypeBuilder<InboxSettings> builder) => builder.ToTable("InboxSettings");
}

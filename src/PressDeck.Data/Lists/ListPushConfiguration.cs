using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PressDeck.Data.Lists;

internal sealed class ListPushConfiguration : IEntityTypeConfiguration<ListPush>
{
    public void Configure(EntityTypeBuilder<ListPush> builder)
    {
        builder.ToTable("ListPushes");
        builder.Property(p => p.Network).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.AccountHandle).HasMaxLength(300);
        builder.Property(p => p.RemoteListId).HasMaxLength(500);
        builder.Property(p => p.RemoteUrl).HasMaxLength(1000);
        builder.Property(p => p.AcceptedWarning).HasMaxLength(1000);
        builder.Property(p => p.EnabledByUserId).HasMaxLength(450);
        builder.Property(p => p.EnabledByName).HasMaxLength(256);
        builder.Property(p => p.LastOutcome).HasMaxLength(2000);
        builder.HasIndex(p => new { p.ListId, p.Network }).IsUnique();
        builder.HasIndex(p => p.DueAt);
    }
}

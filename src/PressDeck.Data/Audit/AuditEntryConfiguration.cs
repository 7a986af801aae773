using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PressDeck.Data.Audit;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditEntries");
        // Ids are the chain's sequence, chosen by the writer under its lock, never by the database.
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.ActorId).HasMaxLength(450);
        builder.Property(e => e.ActorName).HasMaxLength(300);
        builder.Property(e => e.Action).HasMaxLength(100);
        builder.Property(e => e.Target).HasMaxLength(500);
        builder.Property(e => e.Details).HasMaxLength(4000);
        builder.Property(e => e.IpAddress).HasMaxLength(64);
        builder.Property(e => e.PreviousHash).HasMaxLength(64);
        builder.Property(e => e.Hash).HasMaxLength(64);
        builder.HasIndex(e => e.At);
        builder.HasIndex(e => e.Action);
        builder.HasIndex(e => e.ActorId);
    }
}

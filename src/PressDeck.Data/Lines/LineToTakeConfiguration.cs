using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PressDeck.Data.Lines;

internal sealed class LineToTakeConfiguration : IEntityTypeConfiguration<LineToTake>
{
    public void Configure(EntityTypeBuilder<LineToTake> builder)
    {
        builder.ToTable("LinesToTake");
        builder.Property(l => l.Topic).HasMaxLength(200);
        builder.Property(l => l.Text).HasMaxLength(4000);
        builder.Property(l => l.ProposedByUserId).HasMaxLength(450);
        builder.Property(l => l.ProposedByName).HasMaxLength(256);
        builder.Property(l => l.ApprovedByUserId).HasMaxLength(450);
        builder.Property(l => l.ApprovedByName).HasMaxLength(256);
        builder.Property(l => l.RetiredByName).HasMaxLength(256);
        builder.HasIndex(l => l.ExpiresAt);
    }
}

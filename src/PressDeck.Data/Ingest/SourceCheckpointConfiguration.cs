using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PressDeck.Data.Ingest;

internal sealed class SourceCheckpointConfiguration : IEntityTypeConfiguration<SourceCheckpoint>
{
    public void Configure(EntityTypeBuilder<SourceCheckpoint> builder)
    {
        builder.HasKey(c => c.SourceName);
        builder.Property(c => c.SourceName).HasMaxLength(200);
        builder.Property(c => c.Position).HasMaxLength(2000);
    }
}

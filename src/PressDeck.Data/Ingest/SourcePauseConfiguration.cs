using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PressDeck.Data.Ingest;

internal sealed class SourcePauseConfiguration : IEntityTypeConfiguration<SourcePause>
{
    public void Configure(EntityTypeBuilder<SourcePause> builder)
    {
        builder.HasKey(p => p.SourceName);
        builder.Property(p => p.SourceName).HasMaxLength(200);
        builder.Property(p => p.PausedBy).HasMaxLength(300);
    }
}

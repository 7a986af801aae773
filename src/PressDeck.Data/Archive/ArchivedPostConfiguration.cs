using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PressDeck.Data.Archive;

internal sealed class ArchivedPostConfiguration : IEntityTypeConfiguration<ArchivedPost>
{
    public void Configure(EntityTypeBuilder<ArchivedPost> builder)
    {
        builder.ToTable("Posts");
        builder.Property(p => p.Network).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.Kind).HasConversion<string>().HasMaxLength(10);
        builder.Property(p => p.RemoteId).HasMaxLength(500);
        builder.Property(p => p.AuthorHandle).HasMaxLength(300);
        builder.Property(p => p.AuthorName).HasMaxLength(300);
        builder.Property(p => p.Url).HasMaxLength(2000);
        builder.HasIndex(p => new { p.Network, p.RemoteId }).IsUnique();
        builder.HasIndex(p => new { p.CreatedAt, p.Id });
        builder.HasIndex(p => p.AuthorHandle);
    }
}

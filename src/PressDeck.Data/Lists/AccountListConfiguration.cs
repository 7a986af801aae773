using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PressDeck.Data.Lists;

internal sealed class AccountListConfiguration : IEntityTypeConfiguration<AccountList>
{
    public void Configure(EntityTypeBuilder<AccountList> builder)
    {
        builder.ToTable("AccountLists");
        builder.Property(l => l.Name).HasMaxLength(100);
        builder.Property(l => l.NormalizedName).HasMaxLength(100);
        builder.Property(l => l.Description).HasMaxLength(500);
        builder.HasIndex(l => l.NormalizedName).IsUnique();
        builder.Property(l => l.SourceNetwork).HasConversion<string>().HasMaxLength(20);
        builder.Property(l => l.SourceListId).HasMaxLength(500);
        builder.Property(l => l.SourceDescription).HasMaxLength(500);
        builder.Property(l => l.SourceUrl).HasMaxLength(1000);
        builder.HasMany(l => l.Pushes).WithOne(p => p.List).HasForeignKey(p => p.ListId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(l => l.Members).WithOne(m => m.List).HasForeignKey(m => m.ListId).OnDelete(DeleteBehavior.Cascade);
    }
}

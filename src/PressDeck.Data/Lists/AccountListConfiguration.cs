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
        builder.HasMany(l => l.Members).WithOne(m => m.List).HasForeignKey(m => m.ListId).OnDelete(DeleteBehavior.Cascade);
    }
}

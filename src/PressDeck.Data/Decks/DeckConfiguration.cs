using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PressDeck.Data.Decks;

internal sealed class DeckConfiguration : IEntityTypeConfiguration<Deck>
{
    public void Configure(EntityTypeBuilder<Deck> builder)
    {
        builder.Property(d => d.Name).HasMaxLength(200);
        builder.HasIndex(d => d.OwnerUserId);
        builder.HasMany(d => d.Columns).WithOne(c => c.Deck).HasForeignKey(c => c.DeckId).OnDelete(DeleteBehavior.Cascade);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PressDeck.Data.Decks;

internal sealed class DeckColumnConfiguration : IEntityTypeConfiguration<DeckColumn>
{
    public void Configure(EntityTypeBuilder<DeckColumn> builder)
    {
        builder.ToTable("DeckColumns");
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.Query).HasMaxLength(2048 * 4);
        builder.Property(c => c.Kind).HasMaxLength(20);
        builder.Property(c => c.Width).HasConversion<string>().HasMaxLength(10);
        builder.HasIndex(c => new { c.DeckId, c.Position });
        builder.Property(c => c.SharedBy).HasMaxLength(300);
        builder.HasIndex(c => c.SharedWithTeam);
    }
}

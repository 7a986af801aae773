using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PressDeck.Data.Lists;

internal sealed class ListMemberConfiguration : IEntityTypeConfiguration<ListMember>
{
    public void Configure(EntityTypeBuilder<ListMember> builder)
    {
        builder.Property(m => m.Network).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.Handle).HasMaxLength(300);
        builder.Property(m => m.PersonName).HasMaxLength(200);
        builder.Property(m => m.Note).HasMaxLength(1000);
        builder.HasIndex(m => new { m.ListId, m.Network, m.Handle }).IsUnique();
    }
}

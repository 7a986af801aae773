using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PressDeck.Data.Contacts;

internal sealed class ContactHandleConfiguration : IEntityTypeConfiguration<ContactHandle>
{
    public void Configure(EntityTypeBuilder<ContactHandle> builder)
    {
        builder.ToTable("ContactHandles");
        builder.Property(h => h.Network).HasConversion<string>().HasMaxLength(20);
        builder.Property(h => h.Handle).HasMaxLength(ContactHandle.HandleLength);
        // One person per account across the whole directory: a second contact with the same handle is a duplicate to merge.
        builder.HasIndex(h => new { h.Network, h.Handle }).IsUnique();
    }
}

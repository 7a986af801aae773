using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PressDeck.Data.Contacts;

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> builder)
    {
        builder.ToTable("Contacts");
        builder.Property(c => c.Name).HasMaxLength(Contact.NameLength);
        builder.Property(c => c.Outlet).HasMaxLength(Contact.OutletLength);
        builder.Property(c => c.Beat).HasMaxLength(Contact.BeatLength);
        builder.Property(c => c.Email).HasMaxLength(Contact.EmailLength);
        builder.Property(c => c.Phone).HasMaxLength(Contact.PhoneLength);
        builder.Property(c => c.Notes).HasMaxLength(Contact.NotesLength);
        builder.Property(c => c.SearchText).HasMaxLength(4000);
        builder.HasIndex(c => c.Name);
        builder.HasIndex(c => c.LastInteractionAt);
        builder.HasMany(c => c.Handles).WithOne(h => h.Contact).HasForeignKey(h => h.ContactId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Interactions).WithOne(i => i.Contact).HasForeignKey(i => i.ContactId).OnDelete(DeleteBehavior.Cascade);
    }
}

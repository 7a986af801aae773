using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PressDeck.Data.Contacts;

internal sealed class ContactInteractionConfiguration : IEntityTypeConfiguration<ContactInteraction>
{
    public void Configure(EntityTypeBuilder<ContactInteraction> builder)
    {
        builder.ToTable("ContactInteractions");
        builder.Property(i => i.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.Summary).HasMaxLength(ContactInteraction.SummaryLength);
        builder.Property(i => i.ByUserId).HasMaxLength(450);
        builder.Property(i => i.ByName).HasMaxLength(256);
        builder.HasIndex(i => new { i.ContactId, i.At });
    }
}

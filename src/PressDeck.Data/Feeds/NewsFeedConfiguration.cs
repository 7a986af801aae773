using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PressDeck.Data.Feeds;

internal sealed class NewsFeedConfiguration : IEntityTypeConfiguration<NewsFeed>
{
    public void Configure(EntityTypeBuilder<NewsFeed> builder)
    {
        builder.ToTable("NewsFeeds");
        builder.Property(f => f.Url).HasMaxLength(2000);
        builder.Property(f => f.Handle).HasMaxLength(64);
        builder.Property(f => f.Title).HasMaxLength(300);
        builder.Property(f => f.AddedBy).HasMaxLength(300);
        builder.HasIndex(f => f.Handle).IsUnique();
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PressDeck.Data.Rebuttals;

internal sealed class RebuttalConfiguration : IEntityTypeConfiguration<Rebuttal>
{
    public void Configure(EntityTypeBuilder<Rebuttal> builder)
    {
        builder.ToTable("Rebuttals");
        builder.Property(r => r.Stage).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Network).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Reach).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.RemoteId).HasMaxLength(512);
        builder.Property(r => r.Url).HasMaxLength(2048);
        builder.Property(r => r.AuthorHandle).HasMaxLength(300);
        builder.Property(r => r.AuthorName).HasMaxLength(300);
        builder.Property(r => r.SnapshotText).HasMaxLength(20_000);
        builder.Property(r => r.SnapshotJson).HasMaxLength(1_000_000);
        builder.Property(r => r.OpenedByUserId).HasMaxLength(450);
        builder.Property(r => r.OpenedByName).HasMaxLength(256);
        builder.Property(r => r.Claim).HasMaxLength(2000);
        builder.Property(r => r.Facts).HasMaxLength(4000);
        builder.Property(r => r.Sources).HasMaxLength(4000);
        builder.Property(r => r.Impact).HasMaxLength(2000);
        builder.Property(r => r.PublishedRemoteId).HasMaxLength(512);
        builder.Property(r => r.PublishedUrl).HasMaxLength(2048);
        builder.Property(r => r.Outcome).HasMaxLength(2000);
        builder.HasIndex(r => new { r.Network, r.RemoteId });
        builder.HasIndex(r => r.NextReadAt);
        builder.HasMany(r => r.Timeline).WithOne(e => e.Rebuttal).HasForeignKey(e => e.RebuttalId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Spread).WithOne(s => s.Rebuttal).HasForeignKey(s => s.RebuttalId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RebuttalEventConfiguration : IEntityTypeConfiguration<RebuttalEvent>
{
    public void Configure(EntityTypeBuilder<RebuttalEvent> builder)
    {
        builder.ToTable("RebuttalEvents");
        builder.Property(e => e.Kind).HasMaxLength(20);
        builder.Property(e => e.Text).HasMaxLength(4000);
        builder.Property(e => e.ByName).HasMaxLength(256);
        builder.HasIndex(e => new { e.RebuttalId, e.At });
    }
}

internal sealed class SpreadSampleConfiguration : IEntityTypeConfiguration<SpreadSample>
{
    public void Configure(EntityTypeBuilder<SpreadSample> builder)
    {
        builder.ToTable("SpreadSamples");
        builder.HasIndex(s => new { s.RebuttalId, s.At });
    }
}
